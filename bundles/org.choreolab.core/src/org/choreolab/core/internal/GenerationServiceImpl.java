package org.choreolab.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.model.MusicSource;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.GenerationException;
import org.choreolab.core.GenerationOptions;
import org.choreolab.core.GenerationService;
import org.choreolab.core.Generated;
import org.choreolab.motion.ClipOps;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.core.internal.isolation.Isolator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Prepares requests from each generator's declared needs, runs generators on worker threads with a
 * time-out, and checks and converts what they return. Holds no per-run state: the only state is the
 * shared, bounded cache of encoded music.
 */
@Component(service = GenerationService.class)
public final class GenerationServiceImpl implements GenerationService {

    /** How often a waiting caller looks at its monitor's cancel flag. */
    private static final long POLL_MILLIS = 200;

    @Reference
    private ComponentRegistry registry;

    private final MusicCache music = new MusicCache(MusicCache.defaultBudget());

    /** Third-party generators (or all, or none: -Dchoreolab.isolate) run in worker processes. */
    private final Isolator isolator;

    public GenerationServiceImpl() {
        isolator = new Isolator();
    }

    /** For tests and plain-Java use. */
    public GenerationServiceImpl(ComponentRegistry registry) {
        this(registry, new Isolator());
    }

    /** For tests: worker processes started by {@code isolator}. */
    public GenerationServiceImpl(ComponentRegistry registry, Isolator isolator) {
        this.registry = registry;
        this.isolator = isolator;
    }

    @Override
    public MotionClip generate(MotionGenerator generator, Dataset dataset, Sequence sequence, GenerationOptions options,
            ProgressMonitor monitor) throws GenerationException {
        String gid = safeId(generator);
        String sid = sequence.id();
        if (monitor.isCanceled()) {
            throw new GenerationException(gid, sid, "canceled", true, null);
        }
        monitor.subTask(gid + ": " + sid);
        GeneratorDescriptor d = describe(generator, gid, sid);
        Prepared p = prepare(d, gid, dataset, sequence, options);
        MotionClip clip = isolator.isolates(generator)
                ? isolator.run(generator, d.backend(), gid, sid, p.request(), options.timeoutSeconds(), monitor)
                : runWithin(progress -> generator.generate(p.request(), progress), gid, sid, options.timeoutSeconds(), monitor);
        return p.check(clip);
    }

    private static GeneratorDescriptor describe(MotionGenerator generator, String gid, String sid) throws GenerationException {
        GeneratorDescriptor d;
        try {
            d = generator.descriptor();
        } catch (RuntimeException | LinkageError e) {
            throw fail(gid, sid, "cannot describe itself: " + message(e), e);
        }
        if (d == null) {
            throw fail(gid, sid, "cannot describe itself: descriptor() returned null", null);
        }
        return d;
    }

    /** A request prepared from the generator's needs, and what its clip is checked against. */
    private record Prepared(String gid, String sid, GenerationRequest request, GeneratorNeeds needs, int genFrames,
            double genFps, int frames, double dataFps, boolean endsWithMusic) {
        MotionClip check(MotionClip clip) throws GenerationException {
            return GenerationServiceImpl.check(clip, needs, gid, sid, genFrames, genFps, frames, dataFps, endsWithMusic);
        }
    }

    private Prepared prepare(GeneratorDescriptor d, String gid, Dataset dataset, Sequence sequence, GenerationOptions options)
            throws GenerationException {
        String sid = sequence.id();
        GeneratorNeeds needs = d.needs();
        MotionClip truth;
        try {
            truth = dataset.motion(sequence);
        } catch (IOException | RuntimeException e) {
            throw fail(gid, sid, "ground truth unreadable: " + message(e), e);
        }
        double dataFps = truth.fps();
        double genFps = needs.fpsFor(dataFps);
        boolean resample = !sameRate(genFps, dataFps);
        int frames = options.frames() > 0 ? options.frames() : truth.frameCount();
        // Enough frames at the generator's rate to cover the wanted ones once resampled back.
        int genFrames = resample ? (int) Math.ceil((frames - 1) * genFps / dataFps - 1e-9) + 1 : frames;

        MotionClip seed = null;
        AudioFeatures features = null;
        MusicSource others = null;
        try {
            if (needs.needsSeed()) {
                seed = seed(truth, needs, genFps);
            }
            if (needs.needsMusic()) {
                String encoder = needs.musicEncoder();
                features = music(dataset, sequence, encoder, genFps);
                others = s -> music(dataset, s, encoder, genFps);
            }
        } catch (IOException | RuntimeException e) {
            throw fail(gid, sid, message(e), e);
        }
        GenerationRequest request = new GenerationRequest(dataset, sequence, features, seed, genFrames, genFps,
                options.seed(), options.device(), options.parameters(), others);
        return new Prepared(gid, sid, request, needs, genFrames, genFps, frames, dataFps, endsWithMusic(d, options));
    }

    @Deactivate
    void deactivate() {
        isolator.close();
    }

    @Override
    public void generateAll(MotionGenerator generator, Dataset dataset, List<Sequence> sequences, GenerationOptions options,
            ProgressMonitor monitor, Consumer<Generated> each) {
        int batch = batchSize();
        if (batch > 1 && sequences.size() > 1 && batches(generator) && !isolator.isolates(generator)) {
            for (int from = 0; from < sequences.size(); from += batch) {
                if (!generateBatch(generator, dataset, sequences.subList(from, Math.min(sequences.size(), from + batch)), options,
                        monitor, each)) {
                    return;
                }
            }
            return;
        }
        for (Sequence s : sequences) {
            if (!generateOne(generator, dataset, s, options, monitor, each)) {
                return;
            }
        }
    }

    /** One sequence, reported; false when the caller cancelled. */
    private boolean generateOne(MotionGenerator generator, Dataset dataset, Sequence s, GenerationOptions options,
            ProgressMonitor monitor, Consumer<Generated> each) {
        if (monitor.isCanceled()) {
            return false;
        }
        Generated g;
        try {
            g = new Generated(s, generate(generator, dataset, s, options, monitor), null);
        } catch (GenerationException e) {
            if (e.canceled()) {
                return false;
            }
            g = new Generated(s, null, e);
        }
        each.accept(g);
        return true;
    }

    /**
     * Sequences in one call of the generator's batch method (all advance together, e.g. one forward pass
     * per step for all), each checked and reported as the one-at-a-time path does. When the batch fails
     * as a whole, its sequences are run again one by one, so each failure is named and the others kept.
     * The time-out is the per-sequence one times the batch's size. False when the caller cancelled.
     */
    private boolean generateBatch(MotionGenerator generator, Dataset dataset, List<Sequence> sequences, GenerationOptions options,
            ProgressMonitor monitor, Consumer<Generated> each) {
        if (monitor.isCanceled()) {
            return false;
        }
        String gid = safeId(generator);
        List<Prepared> ready = new ArrayList<>();
        List<Sequence> readySequences = new ArrayList<>();
        for (Sequence s : sequences) {
            try {
                ready.add(prepare(describe(generator, gid, s.id()), gid, dataset, s, options));
                readySequences.add(s);
            } catch (GenerationException e) {
                each.accept(new Generated(s, null, e));
            }
        }
        if (ready.size() <= 1) {
            for (Sequence s : readySequences) {
                if (!generateOne(generator, dataset, s, options, monitor, each)) {
                    return false;
                }
            }
            return true;
        }
        String what = ready.size() + " sequences (" + ready.get(0).sid() + " … " + ready.get(ready.size() - 1).sid() + ")";
        monitor.subTask(gid + ": " + what);
        List<GenerationRequest> requests = ready.stream().map(Prepared::request).toList();
        List<MotionClip> clips;
        try {
            int seconds = (int) Math.min(Integer.MAX_VALUE, (long) options.timeoutSeconds() * ready.size());
            clips = runWithin(progress -> generator.generate(requests, progress), gid, what, seconds, monitor);
            if (clips == null || clips.size() != ready.size()) {
                throw fail(gid, what, "the batch returned " + (clips == null ? "null" : clips.size() + " clips") + " for "
                        + ready.size() + " requests", null);
            }
        } catch (GenerationException e) {
            if (e.canceled()) {
                return false;
            }
            // Which one failed, and the others' motion: one by one.
            for (Sequence s : readySequences) {
                if (!generateOne(generator, dataset, s, options, monitor, each)) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < ready.size(); i++) {
            Prepared p = ready.get(i);
            Generated g;
            try {
                g = new Generated(readySequences.get(i), p.check(clips.get(i)), null);
            } catch (GenerationException e) {
                g = new Generated(readySequences.get(i), null, e);
            }
            each.accept(g);
        }
        return true;
    }

    /**
     * How many sequences go to a generator's batch method at once: {@code -Dchoreolab.batch} (1: one
     * at a time), else {@link #DEFAULT_BATCH}.
     */
    static int batchSize() {
        String v = System.getProperty(BATCH_PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_BATCH;
        }
        try {
            return Math.max(1, Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_BATCH;
        }
    }

    /** The system property {@code choreolab.batch}: sequences per batch for generators that take batches. */
    public static final String BATCH_PROPERTY = "choreolab.batch";
    /**
     * 8: on a CPU, the CPU time per frame of FACT (the shipped size) falls from batch 1 to batches of
     * 4 to 8 (fewer, larger matrix products) and rises again past them (a step's attention scores no
     * longer fit in the caches), as {@code engines benchmark} shows. On a GPU larger batches pay:
     * {@code --batch 40}.
     */
    static final int DEFAULT_BATCH = 8;

    /**
     * Whether the generator advances several sequences together: it overrides
     * {@link MotionGenerator#generate(List, ProgressMonitor)} (the default runs them one by one, for
     * which the one-at-a-time path with its per-sequence time-out is better).
     */
    static boolean batches(MotionGenerator g) {
        try {
            return g.getClass().getMethod("generate", List.class, ProgressMonitor.class).getDeclaringClass() != MotionGenerator.class;
        } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public AudioFeatures music(Dataset dataset, Sequence sequence, String encoderId, double fps) throws IOException {
        AudioEncoder encoder = registry.find(AudioEncoder.class, encoderId).orElseThrow(() -> new IOException(
                "needs the audio encoder '" + encoderId + "', which is not installed (installed: "
                        + registry.services(AudioEncoder.class).stream().map(AudioEncoder::id).toList() + ")"));
        Path wav = dataset.music(sequence).orElseThrow(() -> new IOException(
                "no music file for " + sequence.id() + " in " + dataset.name() + " (" + encoderId + " features needed)"));
        MusicCache.Key key = MusicCache.Key.of(wav, encoderId, origin(encoder), fps, sequence.musicId());
        return music.get(key, () -> {
            AudioFeatures f = encoder.encode(wav, fps, -1, Map.of(AudioEncoder.OPTION_MUSIC_ID, sequence.musicId()));
            if (f == null) {
                throw new IOException("audio encoder '" + encoderId + "' returned no features for " + wav);
            }
            return f;
        });
    }

    /** The first seed frames of the ground truth at the generator's rate. */
    private static MotionClip seed(MotionClip truth, GeneratorNeeds needs, double genFps) {
        MotionClip part = truth.slice(0, Math.min(truth.frameCount(), needs.seedFramesAt(truth.fps())));
        if (!sameRate(genFps, truth.fps())) {
            part = ClipOps.resample(part, genFps);
            if (part.frameCount() > needs.seedFrames()) {
                part = part.slice(0, needs.seedFrames());
            }
        }
        return part;
    }

    /**
     * Whether the generator ends with its music on this run: its parameter {@value #MUSIC_END} (this
     * run's override, else the descriptor's) is {@code stop}, as FACT's is by default (mint stops when
     * the music window runs out). Its clip may then be shorter than asked.
     */
    private static boolean endsWithMusic(GeneratorDescriptor d, GenerationOptions options) {
        return d.needs().needsMusic() && "stop".equals(options.parameters().getOrDefault(MUSIC_END, d.parameters().get(MUSIC_END)));
    }

    /** The generator parameter by which a generator says that it ends with the music ({@code stop}). */
    static final String MUSIC_END = "music_end";

    /**
     * The clip at the dataset's rate, with joint positions, exactly {@code frames} long (at most, when
     * it ends with the music); or why not.
     */
    private static MotionClip check(MotionClip clip, GeneratorNeeds needs, String gid, String sid, int genFrames,
            double genFps, int frames, double dataFps, boolean endsWithMusic) throws GenerationException {
        if (clip == null) {
            throw fail(gid, sid, "generator returned no motion (null)", null);
        }
        if (needs.output() == GeneratorOutput.ROTATIONS && !clip.hasRotations()) {
            throw fail(gid, sid, "generator declares rotations but returned joint positions only", null);
        }
        if (endsWithMusic && clip.frameCount() == 0) {
            throw fail(gid, sid, "generator returned no frames", null);
        }
        if (!endsWithMusic && sameRate(clip.fps(), genFps) && clip.frameCount() < genFrames) {
            throw fail(gid, sid, "generator returned " + clip.frameCount() + " frames at " + fmt(genFps) + " fps, "
                    + genFrames + " were asked for", null);
        }
        try {
            MotionClip out = sameRate(clip.fps(), dataFps) ? clip : ClipOps.resample(clip, dataFps);
            if (!out.hasPositions()) {
                out = new ForwardKinematics(out.skeleton()).withPositions(out);
            }
            if (out.frameCount() < frames && !endsWithMusic) {
                throw fail(gid, sid, "generator returned " + clip.frameCount() + " frames at " + fmt(clip.fps()) + " fps, "
                        + out.frameCount() + " at the dataset's " + fmt(dataFps) + " fps; " + frames + " were asked for", null);
            }
            return out.frameCount() <= frames ? out : out.slice(0, frames);
        } catch (RuntimeException e) {
            throw fail(gid, sid, "generator returned unusable motion: " + message(e), e);
        }
    }

    /**
     * Runs the generator on a worker thread and gives up after {@code seconds}, or as soon as the caller
     * cancels: a third-party generator that hangs is marked failed for that sequence and the run goes
     * on. The worker is interrupted and abandoned (a daemon thread), since a stuck native call cannot be
     * stopped from Java. The caller's monitor is only ever called on the caller's thread (an Eclipse
     * job's monitor, a console line): the waiting loop passes the generator's progress on to it and its
     * cancel flag back, a few times a second.
     */
    private static <T> T runWithin(Work<T> work, String gid, String sid, int seconds,
            ProgressMonitor caller) throws GenerationException {
        FrameProgress progress = new FrameProgress(gid + ": " + sid);
        FutureTask<T> task = new FutureTask<>(() -> work.run(progress));
        Thread worker = new Thread(task, "choreolab-generator-" + gid);
        worker.setDaemon(true);
        worker.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String shown = gid + ": " + sid;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                try {
                    T clip = task.get(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), POLL_MILLIS)), TimeUnit.MILLISECONDS);
                    progress.show(caller, shown);
                    return clip;
                } catch (TimeoutException e) {
                    shown = progress.show(caller, shown);
                    if (caller.isCanceled()) {
                        progress.stop();
                        task.cancel(true);
                        throw new GenerationException(gid, sid, "canceled", true, null);
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        progress.stop();
                        task.cancel(true);
                        throw fail(gid, sid, "timed out after " + seconds + " s", null);
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (caller.isCanceled()) {
                throw new GenerationException(gid, sid, "canceled", true, c);
            }
            throw fail(gid, sid, message(c), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.stop();
            task.cancel(true);
            throw new GenerationException(gid, sid, "interrupted", true, e);
        }
    }

    /** A generator's call, given the monitor it reports to. */
    @FunctionalInterface
    private interface Work<T> {
        T run(ProgressMonitor progress) throws Exception;
    }

    /**
     * The generator's monitor. Called on the generator's thread, it only records: the frames done,
     * the total, a status text. {@link #show} (on the caller's thread) turns that into the caller's
     * status line "generator: sequence, frames n/N"; the cancel flag is set by the caller's thread on a
     * cancel or a time-out.
     */
    private static final class FrameProgress extends RecordingProgress {
        private final String prefix;

        FrameProgress(String prefix) {
            this.prefix = prefix;
        }

        void stop() {
            canceled = true;
        }

        /** Tells the caller what changed since {@code shown}; returns what it shows now. */
        String show(ProgressMonitor caller, String shown) {
            int n = done, t = total;
            String line = prefix + (n > 0 || t > 0 ? ", frames " + n + (t > 0 ? "/" + t : "") : "")
                    + (text.isEmpty() ? "" : ", " + text);
            if (!line.equals(shown)) {
                caller.subTask(line);
            }
            return line;
        }
    }

    private static boolean sameRate(double a, double b) {
        return Math.abs(a - b) < 1e-9;
    }

    private static String fmt(double fps) {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
    }

    /** Which bundle (and version of it) provides an encoder: an updated encoder is a different one. */
    private static String origin(AudioEncoder encoder) {
        Bundle b = FrameworkUtil.getBundle(encoder.getClass());
        return b == null ? encoder.getClass().getName() : b.getBundleId() + "@" + b.getLastModified();
    }

    private static String safeId(MotionGenerator g) {
        try {
            String id = g.id();
            return id == null ? g.getClass().getName() : id;
        } catch (RuntimeException | LinkageError e) {
            return g.getClass().getName();
        }
    }

    private static GenerationException fail(String gid, String sid, String reason, Throwable cause) {
        return new GenerationException(gid, sid, reason, false, cause);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
