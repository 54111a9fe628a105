package org.choreolab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.Problem;
import org.choreolab.api.audio.Audio;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.core.GenerationException;
import org.choreolab.core.GenerationOptions;
import org.choreolab.core.GenerationService;
import org.choreolab.core.Generated;
import org.choreolab.core.ResultRow;
import org.choreolab.testing.RealReaders;
import org.choreolab.testing.RecordingMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The one generation path, as a DS service in a running framework with a fake generator and a fake
 * encoder registered as services: a 30-fps generator on 60-fps data gets exactly the features and the
 * seed it declared at its rate and its clip comes back at 60 fps; music is encoded once per track;
 * errors name the generator and the sequence; the time-out applies.
 */
class GenerationServiceTest {

    /** Two joints: the root, and a tip 1 m above it. */
    static final Skeleton TWO = new Skeleton("two", List.of("root", "tip"), new int[] {-1, 0}, new double[] {0, 0, 0, 0, 1, 0});

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private BundleContext context;
    private boolean aistppWasActive;
    private GenerationService service;
    private CountingEncoder music;
    private CountingEncoder beats;

    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() {
        context = FrameworkUtil.getBundle(GenerationServiceTest.class).getBundleContext();
        try {
            aistppWasActive = RealReaders.stop(context);
        } catch (org.osgi.framework.BundleException e) {
            throw new IllegalStateException(e);
        }
        service = await(GenerationService.class);
        music = new CountingEncoder("fake-music");
        beats = new CountingEncoder("beats");
        register(AudioEncoder.class, music);
        register(AudioEncoder.class, beats);
    }

    @AfterEach
    void tearDown() {
        try {
            RealReaders.start(context, aistppWasActive);
        } catch (org.osgi.framework.BundleException e) {
            throw new IllegalStateException(e);
        }
        registrations.forEach(ServiceRegistration::unregister);
    }

    private <T> void register(Class<T> type, T service) {
        registrations.add(context.registerService(type, service, null));
    }

    private <T> T await(Class<T> type) {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        try {
            T s = t.waitForService(TimeUnit.SECONDS.toMillis(20));
            assertNotNull(s, type.getSimpleName() + " service should be registered by SCR");
            return s;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    // --- fixtures ---------------------------------------------------------------------------------

    /**
     * 60-fps dances of 61 frames: root x = t (seconds), the root turning about z at 0.5 rad/s; s1 and
     * s2 dance to the same music (m1), s3 to m2.
     */
    final class Data implements Dataset {
        final List<Sequence> seqs = List.of(new Sequence("s1", "test", "m1", Map.of()), new Sequence("s2", "test", "m1", Map.of()),
                new Sequence("s3", "test", "m2", Map.of()), new Sequence("t1", "train", "m3", Map.of()));
        final Map<String, Path> files = new ConcurrentHashMap<>();

        Data() throws IOException {
            for (String m : List.of("m1", "m2", "m3")) {
                files.put(m, Files.write(tmp.resolve(m + ".wav"), ("not really audio " + m).getBytes()));
            }
        }

        @Override public Path root() { return tmp; }
        @Override public String name() { return "sixty"; }
        @Override public List<Sequence> sequences() { return seqs; }
        @Override public List<String> splits() { return List.of("train", "test"); }
        @Override public MotionClip motion(Sequence s) { return truth(61); }
        @Override public Optional<Path> music(Sequence s) { return Optional.of(files.get(s.musicId())); }
        @Override public List<Problem> problems() { return List.of(); }
    }

    static MotionClip truth(int frames) {
        float[] t = new float[3 * frames], r = new float[6 * frames];
        for (int f = 0; f < frames; f++) {
            t[3 * f] = f / 60f;
            r[6 * f + 2] = 0.5f * f / 60f;
        }
        return new MotionClip(TWO, 60, t, r, null).withPositions(positions(t, r, frames));
    }

    /** Forward kinematics of the two-joint skeleton (root about z only), written out for the test. */
    static float[] positions(float[] t, float[] r, int frames) {
        float[] p = new float[6 * frames];
        for (int f = 0; f < frames; f++) {
            double a = r[6 * f + 2];
            p[6 * f] = t[3 * f];
            p[6 * f + 1] = t[3 * f + 1];
            p[6 * f + 2] = t[3 * f + 2];
            p[6 * f + 3] = (float) (t[3 * f] - Math.sin(a));
            p[6 * f + 4] = (float) (t[3 * f + 1] + Math.cos(a));
            p[6 * f + 5] = t[3 * f + 2];
        }
        return p;
    }

    /** Encodes nothing real: 2 s of features at the asked rate, dim 0 = time in seconds, dim 1 = a beat every 0.5 s; counts calls per track and rate. */
    static final class CountingEncoder implements AudioEncoder {
        final String id;
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        CountingEncoder(String id) { this.id = id; }
        @Override public String id() { return id; }
        @Override public String name() { return id; }
        @Override public List<String> dimensionNames() { return List.of("time", "beat"); }
        @Override public double defaultFps() { return 60; }
        @Override public AudioFeatures encode(Audio audio, double fps, int frames, Map<String, String> options) {
            throw new UnsupportedOperationException();
        }
        @Override public AudioFeatures encode(Path file, double fps, int frames, Map<String, String> options) {
            calls.computeIfAbsent(file.getFileName() + "@" + fps, k -> new AtomicInteger()).incrementAndGet();
            int n = (int) Math.round(2 * fps);
            float[] v = new float[2 * n];
            for (int t = 0; t < n; t++) {
                v[2 * t] = (float) (t / fps);
                v[2 * t + 1] = t % (int) Math.round(fps / 2) == 0 ? 1 : 0;
            }
            return new AudioFeatures(v, n, dimensionNames(), fps);
        }
        int total() { return calls.values().stream().mapToInt(AtomicInteger::get).sum(); }
    }

    /**
     * Works at 30 fps with the fake-music features and a 15-frame seed; returns rotations only (no
     * positions): root x = 10 + t, no turn. Keeps every request it was given and reports its frames.
     */
    static final class HalfRate implements MotionGenerator {
        final List<GenerationRequest> seen = new CopyOnWriteArrayList<>();
        final String id;
        HalfRate(String id) { this.id = id; }
        @Override public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor(id, "Half rate", "none", Map.of("feedback", "projected"),
                    new GeneratorNeeds("fake-music", 15, 30, GeneratorOutput.ROTATIONS));
        }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) throws IOException {
            seen.add(r);
            r.musicOf(new Sequence("t1", "train", "m3", Map.of()));
            m.begin(id, r.frames());
            float[] t = new float[3 * r.frames()];
            for (int f = 0; f < r.frames(); f++) {
                t[3 * f] = (float) (10 + f / r.fps());
                m.worked(1);
            }
            return new MotionClip(TWO, r.fps(), t, new float[6 * r.frames()], null);
        }
    }

    /** A generator whose behaviour a test chooses. */
    static final class Scripted implements MotionGenerator {
        interface Body { MotionClip run(GenerationRequest r, ProgressMonitor m) throws IOException; }
        final String id;
        final GeneratorNeeds needs;
        final Body body;
        Scripted(String id, GeneratorNeeds needs, Body body) { this.id = id; this.needs = needs; this.body = body; }
        @Override public GeneratorDescriptor descriptor() { return new GeneratorDescriptor(id, id, "none", Map.of(), needs); }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) throws IOException { return body.run(r, m); }
    }

    // --- tests ------------------------------------------------------------------------------------

    @Test
    void aThirtyFpsGeneratorGetsWhatItDeclaredAtItsRateAndItsClipComesBackAtSixty() throws IOException {
        Data d = new Data();
        HalfRate g = new HalfRate("half-rate");
        RecordingMonitor progress = new RecordingMonitor();
        MotionClip out = service.generate(g, d, d.seqs.get(0), GenerationOptions.DEFAULT.withParameters(Map.of("feedback", "raw")),
                progress);

        GenerationRequest r = g.seen.get(0);
        assertEquals(30, r.fps(), "request.fps: the generator's declared rate");
        assertEquals(31, r.frames(), "request.frames: 31 frames at 30 fps cover the 61 wanted at 60 fps");
        assertEquals(Map.of("feedback", "raw"), r.parameters(), "request.parameters: this run's overrides");
        AudioFeatures f = r.music();
        assertNotNull(f, "request.music: the declared encoder's features");
        assertEquals(30, f.fps(), "request.music.fps");
        assertEquals(60, f.frameCount(), "request.music: the whole (2-s) track at 30 fps");
        assertEquals(List.of("time", "beat"), f.dimensionNames());
        assertEquals(1 / 30f, f.value(1, 0), 1e-7, "request.music frame 1 is 1/30 s into the track");

        MotionClip seed = r.seedMotion();
        assertEquals(30, seed.fps(), "request.seedMotion.fps");
        assertEquals(15, seed.frameCount(), "request.seedMotion: the declared 15 frames");
        for (int k = 0; k < 15; k++) {
            assertEquals(k / 30f, seed.translation(k, 0), 1e-6, "seed root x at 30-fps frame " + k + " = the truth at " + k / 30.0 + " s");
            assertEquals(0.5f * k / 30f, seed.rotation(k, 0, 2), 1e-6, "seed root turn at frame " + k);
        }

        assertEquals(60, out.fps(), "the clip comes back at the dataset's rate");
        assertEquals(61, out.frameCount(), "as many frames as the ground truth");
        assertTrue(out.hasRotations());
        assertTrue(out.hasPositions(), "positions computed by forward kinematics (the generator gave rotations only)");
        for (int i = 0; i < 61; i++) {
            assertEquals(10 + i / 60f, out.translation(i, 0), 1e-5, "root x at 60-fps frame " + i + " (interpolated back)");
            assertEquals(10 + i / 60f, out.position(i, 1, 0), 1e-5, "tip x at frame " + i);
            assertEquals(1, out.position(i, 1, 1), 1e-6, "tip 1 m above the root at frame " + i);
        }
        assertTrue(progress.lines.contains("half-rate: s1"), progress.lines.toString());
        assertTrue(progress.lines.contains("half-rate: s1, frames 31/31"), "the generator's frame progress, forwarded: " + progress.lines);
    }

    @Test
    void musicIsEncodedOncePerTrackAcrossSequencesGeneratorsAndCalls() throws IOException {
        Data d = new Data();
        List<Generated> done = new ArrayList<>();
        HalfRate a = new HalfRate("half-a"), b = new HalfRate("half-b");
        service.generateAll(a, d, d.seqs.subList(0, 3), GenerationOptions.DEFAULT, ProgressMonitor.NULL, done::add);
        service.generateAll(b, d, d.seqs.subList(0, 3), GenerationOptions.DEFAULT, ProgressMonitor.NULL, done::add);
        assertEquals(6, done.size());
        assertTrue(done.stream().noneMatch(Generated::failed), done.toString());
        assertEquals(Map.of("m1.wav@30.0", 1, "m2.wav@30.0", 1, "m3.wav@30.0", 1), counts(music),
                "m1 (s1 and s2), m2 (s3) and m3 (read by musicOf) encoded once each, for two generators and six requests");
        assertTrue(a.seen.get(0).music() == a.seen.get(1).music(), "s1 and s2 share one track: the same features");
        assertTrue(a.seen.get(0).music() == b.seen.get(0).music(), "and so do two generators");
        assertEquals(0, beats.total(), "an encoder nobody declared is not run");
    }

    private static Map<String, Integer> counts(CountingEncoder e) {
        Map<String, Integer> m = new java.util.TreeMap<>();
        e.calls.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    @Test
    void errorsNameTheGeneratorAndTheSequenceAndTheOthersGoOn() throws IOException {
        Data d = new Data();
        GeneratorNeeds none = GeneratorNeeds.nothing(GeneratorOutput.JOINT_POSITIONS);
        Scripted flaky = new Scripted("flaky", none, (r, m) -> {
            if (r.target().id().equals("s2")) {
                throw new IOException("model file corrupt");
            }
            return truth(r.frames());
        });
        List<Generated> done = new ArrayList<>();
        service.generateAll(flaky, d, d.seqs.subList(0, 3), GenerationOptions.DEFAULT, ProgressMonitor.NULL, done::add);
        assertEquals(List.of("s1", "s2", "s3"), done.stream().map(g -> g.sequence().id()).toList());
        GenerationException e = done.get(1).error();
        assertEquals("flaky on s2: model file corrupt", e.getMessage());
        assertEquals("model file corrupt", e.reason());
        assertEquals("flaky", e.generatorId());
        assertEquals("s2", e.sequenceId());
        assertFalse(done.get(0).failed() || done.get(2).failed(), "s1 and s3 still generated");

        Sequence s1 = d.seqs.get(0);
        assertEquals("nothing on s1: generator returned no motion (null)", assertThrows(GenerationException.class,
                () -> service.generate(new Scripted("nothing", none, (r, m) -> null), d, s1, GenerationOptions.DEFAULT,
                        ProgressMonitor.NULL)).getMessage());
        assertEquals("short on s1: generator returned 10 frames at 60 fps, 61 were asked for", assertThrows(GenerationException.class,
                () -> service.generate(new Scripted("short", none, (r, m) -> truth(10)), d, s1, GenerationOptions.DEFAULT,
                        ProgressMonitor.NULL)).getMessage());
        MotionClip positionsOnly = new MotionClip(TWO, 60, null, null, new float[6 * 61]);
        assertEquals("liar on s1: generator declares rotations but returned joint positions only", assertThrows(GenerationException.class,
                () -> service.generate(new Scripted("liar", GeneratorNeeds.nothing(GeneratorOutput.ROTATIONS), (r, m) -> positionsOnly),
                        d, s1, GenerationOptions.DEFAULT, ProgressMonitor.NULL)).getMessage());
        MotionClip kept = service.generate(new Scripted("keypoints", none, (r, m) -> positionsOnly), d, s1, GenerationOptions.DEFAULT,
                ProgressMonitor.NULL);
        assertFalse(kept.hasRotations(), "a positions-only generator's clip is passed on as it is");
        assertEquals("crash on s1: some/missing/Class", assertThrows(GenerationException.class,
                () -> service.generate(new Scripted("crash", none, (r, m) -> { throw new NoClassDefFoundError("some/missing/Class"); }),
                        d, s1, GenerationOptions.DEFAULT, ProgressMonitor.NULL)).getMessage());
        GenerationException missing = assertThrows(GenerationException.class, () -> service.generate(
                new Scripted("deaf", none.withMusic("no-such-encoder"), (r, m) -> truth(r.frames())), d, s1, GenerationOptions.DEFAULT,
                ProgressMonitor.NULL));
        assertTrue(missing.getMessage().startsWith("deaf on s1: needs the audio encoder 'no-such-encoder', which is not installed"),
                missing.getMessage());
    }

    /** Takes batches: records each batch's sequences; fails a whole batch when it holds {@code poison}. */
    static final class Batching implements MotionGenerator {
        final List<List<String>> batches = new CopyOnWriteArrayList<>();
        final List<String> alone = new CopyOnWriteArrayList<>();
        final String poison;
        Batching(String poison) { this.poison = poison; }
        @Override public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor("batching", "Batching", "none", Map.of(), new GeneratorNeeds("fake-music", 15, 30, GeneratorOutput.ROTATIONS));
        }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) throws IOException {
            alone.add(r.target().id());
            return clip(r);
        }
        @Override public List<MotionClip> generate(List<GenerationRequest> batch, ProgressMonitor m) throws IOException {
            batches.add(batch.stream().map(r -> r.target().id()).toList());
            List<MotionClip> out = new ArrayList<>();
            for (GenerationRequest r : batch) {
                if (r.target().id().equals(poison)) {
                    throw new IOException("batch broken by " + poison);
                }
                out.add(clip(r));
            }
            return out;
        }
        /** Root x = 100 × the sequence's index digit + t: each clip says whose it is. */
        static MotionClip clip(GenerationRequest r) {
            float[] t = new float[3 * r.frames()];
            int who = r.target().id().charAt(1) - '0';
            for (int f = 0; f < r.frames(); f++) {
                t[3 * f] = (float) (100 * who + f / r.fps());
            }
            return new MotionClip(TWO, r.fps(), t, new float[6 * r.frames()], null);
        }
    }

    /** What {@code g} makes of the first three sequences through generateAll, in the order they came. */
    private List<Generated> firstThree(Batching g) throws IOException {
        Data d = new Data();
        List<Generated> done = new ArrayList<>();
        service.generateAll(g, d, d.seqs.subList(0, 3), GenerationOptions.DEFAULT, ProgressMonitor.NULL, done::add);
        return done;
    }

    @Test
    void aGeneratorThatTakesBatchesGetsTheSequencesTogetherAndEachClipGoesToItsSequence() throws IOException {
        Batching g = new Batching("none");
        List<Generated> done = firstThree(g);
        assertEquals(List.of(List.of("s1", "s2", "s3")), g.batches, "one call of the batch method for the three sequences");
        assertEquals(List.of(), g.alone, "no sequence run alone");
        assertEquals(List.of("s1", "s2", "s3"), done.stream().map(x -> x.sequence().id()).toList());
        for (int i = 0; i < 3; i++) {
            MotionClip c = done.get(i).clip();
            assertEquals(60, c.fps(), "each clip checked and brought back to the dataset's rate");
            assertEquals(61, c.frameCount());
            assertTrue(c.hasPositions(), "positions computed for batched clips too");
            assertEquals(100 * (i + 1) + 0.5f, c.translation(30, 0), 1e-5, "sequence s" + (i + 1) + " got its own clip");
        }
    }

    @Test
    void aFailingBatchIsRunAgainOneByOneSoOnlyTheBadSequenceFails() throws IOException {
        Batching g = new Batching("s2");
        List<Generated> done = firstThree(g);
        assertEquals(1, g.batches.size());
        assertEquals(List.of("s1", "s2", "s3"), g.alone, "after the batch failed, each sequence alone");
        assertEquals(List.of("s1", "s2", "s3"), done.stream().map(x -> x.sequence().id()).toList());
        assertTrue(done.stream().noneMatch(Generated::failed), "alone, s2 works here: " + done);
    }

    /** A generator with the given parameters that makes {@code frames} frames whatever it is asked. */
    static MotionGenerator making(String id, int frames, GeneratorNeeds needs, Map<String, String> parameters) {
        return new MotionGenerator() {
            @Override public GeneratorDescriptor descriptor() { return new GeneratorDescriptor(id, id, "none", parameters, needs); }
            @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) { return truth(frames); }
        };
    }

    @Test
    void aGeneratorThatEndsWithItsMusicMayReturnFewerFramesThanAsked() throws IOException {
        Data d = new Data();
        Sequence s1 = d.seqs.get(0);
        GeneratorNeeds withMusic = GeneratorNeeds.nothing(GeneratorOutput.ROTATIONS).withMusic("fake-music");
        MotionGenerator stops = making("stops", 40, withMusic, Map.of("music_end", "stop"));
        MotionClip clip = service.generate(stops, d, s1, GenerationOptions.DEFAULT, ProgressMonitor.NULL);
        assertEquals(40, clip.frameCount(), "music_end=stop (as FACT, as mint): the clip ends with the music, 40 of 61 frames");
        assertTrue(clip.hasPositions());
        assertEquals("stops on s1: generator returned 40 frames at 60 fps, 61 were asked for", assertThrows(GenerationException.class,
                () -> service.generate(stops, d, s1, GenerationOptions.DEFAULT.withParameters(Map.of("music_end", "repeat-last")),
                        ProgressMonitor.NULL)).getMessage(), "a run that overrides music_end gets the full length or an error");
        assertEquals(40, service.generate(making("told", 40, withMusic, Map.of("music_end", "repeat-last")), d, s1,
                GenerationOptions.DEFAULT.withParameters(Map.of("music_end", "stop")), ProgressMonitor.NULL).frameCount(),
                "and the other way round");
        assertThrows(GenerationException.class, () -> service.generate(making("deaf", 40, GeneratorNeeds.nothing(GeneratorOutput.ROTATIONS),
                Map.of("music_end", "stop")), d, s1, GenerationOptions.DEFAULT, ProgressMonitor.NULL), "no music declared, nothing to end with");
        assertEquals(61, service.generate(making("long", 90, withMusic, Map.of("music_end", "stop")), d, s1, GenerationOptions.DEFAULT,
                ProgressMonitor.NULL).frameCount(), "longer clips are still cut to the frames asked for");
        assertEquals("empty on s1: generator returned no frames", assertThrows(GenerationException.class,
                () -> service.generate(new MotionGenerator() {
                    @Override public GeneratorDescriptor descriptor() {
                        return new GeneratorDescriptor("empty", "empty", "none", Map.of("music_end", "stop"), withMusic);
                    }
                    @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) {
                        return new MotionClip(TWO, 60, new float[0], new float[0], null);
                    }
                }, d, s1, GenerationOptions.DEFAULT, ProgressMonitor.NULL)).getMessage());
    }

    @Test
    void theTimeOutAppliesAndTellsTheGeneratorToStop() throws IOException {
        Data d = new Data();
        AtomicBoolean sawCancel = new AtomicBoolean();
        Scripted hanging = new Scripted("hanging", GeneratorNeeds.nothing(GeneratorOutput.ROTATIONS), (r, m) -> {
            while (!m.isCanceled()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    // keep waiting for the cancel flag, as a generator in a native call would
                }
            }
            sawCancel.set(true);
            throw new IOException("canceled");
        });
        GenerationException e = assertThrows(GenerationException.class, () -> service.generate(hanging, d, d.seqs.get(0),
                GenerationOptions.DEFAULT.withTimeoutSeconds(1), ProgressMonitor.NULL));
        assertEquals("hanging on s1: timed out after 1 s", e.getMessage());
        assertFalse(e.canceled(), "a time-out is a failure of the generator, not a cancel");
        for (int i = 0; i < 100 && !sawCancel.get(); i++) {
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        }
        assertTrue(sawCancel.get(), "the generator's monitor says stop after the time-out");
        assertEquals(GenerationOptions.DEFAULT_TIMEOUT_SECONDS, GenerationOptions.DEFAULT.timeoutSeconds(), "600 s unless set");
        assertEquals(Experiment.DEFAULT_TIMEOUT_SECONDS, Experiment.defaults().timeoutSeconds(), "the runner's default is the same");
    }

    @Test
    void cancellingStopsTheGeneratorAndNothingIsReported() throws IOException {
        Data d = new Data();
        RecordingMonitor monitor = new RecordingMonitor();
        AtomicInteger started = new AtomicInteger();
        Scripted slow = new Scripted("slow", GeneratorNeeds.nothing(GeneratorOutput.ROTATIONS), (r, m) -> {
            started.incrementAndGet();
            monitor.cancel.set(true); // the user presses Cancel while this sequence is being generated
            while (!m.isCanceled()) {
                Thread.onSpinWait();
            }
            throw new IOException("canceled");
        });
        List<Generated> done = Collections.synchronizedList(new ArrayList<>());
        service.generateAll(slow, d, d.seqs.subList(0, 3), GenerationOptions.DEFAULT, monitor, done::add);
        assertEquals(1, started.get(), "no sequence started after the cancel");
        assertTrue(done.isEmpty(), "the cancelled sequence is not reported (a resumed run does it again): " + done);
        GenerationException e = assertThrows(GenerationException.class,
                () -> service.generate(slow, d, d.seqs.get(0), GenerationOptions.DEFAULT, monitor));
        assertTrue(e.canceled());
    }

    @Test
    void theRunnerUsesTheSamePathAndTheSharedMusicForBeatsAndRecordsParameters() throws IOException {
        Data d = new Data();
        register(DatasetReader.class, new DatasetReader() {
            @Override public String id() { return "sixty-reader"; }
            @Override public String name() { return "Sixty"; }
            @Override public boolean accepts(Path root) { return false; }
            @Override public Dataset open(Path root, boolean failFast) throws IOException { throw new IOException("no"); }
            @Override public Optional<Dataset> openEmbedded() { return Optional.of(d); }
        });
        List<Integer> beatCounts = new CopyOnWriteArrayList<>();
        register(Metric.class, new Metric() {
            @Override public String id() { return "beat_count"; }
            @Override public String name() { return "Beat count"; }
            @Override public List<String> protocols() { return List.of("bailando"); }
            @Override public boolean needsMusicBeats() { return true; }
            @Override public SequenceValues sequence(MetricInput in) {
                beatCounts.add(in.musicBeats().length);
                return new SequenceValues(in.sequenceId(), Map.of(), Map.of("n", (double) in.musicBeats().length));
            }
            @Override public double summarize(List<SequenceValues> g, List<SequenceValues> t, String p) { return 0; }
        });
        HalfRate g = new HalfRate("half-run");
        register(MotionGenerator.class, g);
        ExperimentRunner runner = await(ExperimentRunner.class);
        Experiment ex = new Experiment("", "test", "fact35", List.of("half-run"), List.of("beat_count"), null, 0, 7, null, 0,
                Map.of("half-run", Map.of("feedback", "raw", "unknown", "kept")));
        ExperimentResult first = runner.run(ex, ProgressMonitor.NULL, ExperimentListener.NONE);
        ExperimentResult second = runner.run(ex, ProgressMonitor.NULL, ExperimentListener.NONE);
        for (ExperimentResult r : List.of(first, second)) {
            ResultRow row = r.rows().stream().filter(x -> x.id().equals("half-run")).findFirst().orElseThrow();
            assertEquals(3, row.sequences().size());
            assertTrue(row.sequences().values().stream().noneMatch(o -> o.failed()), row.sequences().toString());
            assertEquals(Map.of("feedback", "raw", "unknown", "kept"), row.parameters(),
                    "the row records the declared parameters with this run's overrides");
        }
        assertEquals(6, g.seen.size());
        assertTrue(g.seen.stream().allMatch(r -> r.seed() == 7 && r.parameters().equals(Map.of("feedback", "raw", "unknown", "kept"))),
                "the experiment's seed and the generator's overrides reach every request");
        assertTrue(g.seen.stream().allMatch(r -> r.fps() == 30 && r.music().fps() == 30 && r.seedMotion().frameCount() == 15),
                "the runner's requests are prepared as the service's");
        assertEquals(Map.of("m1.wav@60.0", 1, "m2.wav@60.0", 1), counts(beats),
                "music beats from the shared cache: each track once, over 2 runs × (ground truth + generator) × 3 sequences");
        assertEquals(Map.of("m1.wav@30.0", 1, "m2.wav@30.0", 1, "m3.wav@30.0", 1), counts(music), "generator music once per track over two runs");
        assertTrue(beatCounts.stream().allMatch(n -> n == 4), "a beat every 0.5 s of the 2-s track: " + beatCounts);
        assertTrue(first.problems().stream().anyMatch(p -> p.contains("field 'encoder' (fact35) is not used")), first.problems().toString());
        assertNull(first.rows().get(1).error());
    }
}
