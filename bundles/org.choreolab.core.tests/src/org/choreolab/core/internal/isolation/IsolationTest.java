package org.choreolab.core.internal.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.choreolab.api.Component;
import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.model.MusicSource;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.ComponentInfo;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.GenerationException;
import org.choreolab.core.GenerationOptions;
import org.choreolab.core.internal.GenerationServiceImpl;
import org.choreolab.guard.ThirdParty;
import org.choreolab.testing.BundleJars;
import org.choreolab.testing.Jvm;
import org.choreolab.testing.RecordingMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * Generators run in real worker processes (plain JVMs with the API, the core and {@link Hostile} on
 * their class path, started the way the product starts its workers, with a 64 MB heap): a generator
 * that ends its JVM, fills its heap, crashes natively or never returns fails for that sequence with a
 * reason, the next request gets a fresh worker, and the results of well-behaved generators cross the
 * process boundary intact, with their progress and the music they ask for.
 */
class IsolationTest {

    @TempDir
    Path tmp;

    private Isolator isolator;
    private Hostile.Disk data;
    private final List<String> reports = new ArrayList<>();
    private String savedHeap;
    private String savedMode;

    /** Starts {@link Hostile#main} in a JVM of its own, with the options every worker gets. */
    static final WorkerLauncher PLAIN_JAVA = (socket, token, label, heap, errorFile) -> {
        List<String> cmd = new ArrayList<>(List.of(Jvm.java(), "-cp", Jvm.classpath(MotionClip.class, Isolator.class, Hostile.class)));
        cmd.addAll(WorkerLauncher.jvmOptions(heap, errorFile));
        cmd.addAll(List.of(Hostile.class.getName(), socket.toString(), token));
        return new ProcessBuilder(cmd);
    };

    @BeforeEach
    void setUp() throws IOException {
        savedHeap = System.getProperty(WorkerLauncher.HEAP_PROPERTY);
        savedMode = System.getProperty(Isolation.PROPERTY);
        System.setProperty(WorkerLauncher.HEAP_PROPERTY, "64m");
        isolator = new Isolator(() -> PLAIN_JAVA);
        data = Hostile.Disk.create(tmp);
    }

    @AfterEach
    void tearDown() throws IOException {
        isolator.close();
        restore(WorkerLauncher.HEAP_PROPERTY, savedHeap);
        restore(Isolation.PROPERTY, savedMode);
        for (String r : reports) {
            Files.deleteIfExists(Path.of(r));
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private MotionClip run(String id, String backend, int seconds, ProgressMonitor m) throws GenerationException {
        return run(id, backend, seconds, m, data, null, null);
    }

    private MotionClip run(String id, String backend, int seconds, ProgressMonitor m, Dataset d, AudioFeatures music,
            MusicSource source) throws GenerationException {
        Sequence s1 = data.seqs.get(0);
        GenerationRequest r = new GenerationRequest(d, s1, music, null, 30, 60, 7, "cpu", Map.of("k", "v"), source);
        return isolator.run(new Hostile.Gen(id, null), backend, id, s1.id(), r, seconds, m);
    }

    private String failure(String id, String backend, int seconds) {
        GenerationException e = assertThrows(GenerationException.class, () -> run(id, backend, seconds, new RecordingMonitor()),
                id + " should fail");
        assertFalse(e.canceled(), id + ": a failure, not a cancel");
        assertEquals(id, e.generatorId());
        assertEquals("s1", e.sequenceId());
        return e.reason();
    }

    @Test
    void theClipAndTheProgressCrossTheProcessBoundary() throws IOException {
        RecordingMonitor progress = new RecordingMonitor();
        MotionClip c = run("good", "none", 60, progress);
        assertEquals(30, c.frameCount(), "clip.frames: as asked");
        assertEquals(60, c.fps(), "clip.fps: as asked");
        assertEquals(7f, c.position(29, 0, 1), "the root's height is the request's seed: the request crossed too");
        assertEquals(8f, c.position(29, 1, 1));
        assertTrue(progress.lines.stream().anyMatch(l -> l.matches("good: s1, frames \\d+/30")),
                "the worker's frame progress reaches the caller: " + progress.lines);
    }

    @Test
    void musicOfOtherSequencesIsAskedOfTheParentWhenTheGeneratorWantsIt() throws IOException {
        List<String> asked = new CopyOnWriteArrayList<>();
        AudioFeatures own = new AudioFeatures(new float[] {0.5f, 0}, 1, List.of("a", "b"), 60);
        MotionClip c = run("listener", "none", 60, new RecordingMonitor(), data, own, s -> {
            asked.add(s.id());
            return new AudioFeatures(new float[] {2, 0, 3, 0}, 2, List.of("a", "b"), 60);
        });
        assertEquals(List.of("t1"), asked, "the parent's music source answers the worker's question about t1");
        assertEquals(2.5f, c.position(0, 0, 1), 1e-6, "height = own music (0.5) + t1's music (2)");
    }

    @Test
    void aGeneratorsOwnFailureReadsAsInProcess() throws IOException {
        assertEquals("model file corrupt", failure("thrower", "none", 60));
        assertNull(run("null", "none", 60, new RecordingMonitor()), "null comes back as null: the service reports it");
        // The worker survived both: the same process serves the next request.
        assertEquals(30, run("good", "none", 60, new RecordingMonitor()).frameCount());
    }

    @Test
    void endingTheJvmFailsThatSequenceAndTheNextRequestGetsAFreshWorker() throws IOException {
        assertTrue(failure("exit", "a", 60).startsWith("its worker process exited with code 0 while generating"),
                "the reason says the worker ended");
        assertEquals(30, run("good", "a", 60, new RecordingMonitor()).frameCount(), "the worker is started again");
    }

    @Test
    void exhaustingTheHeapFailsThatSequenceOnly() throws IOException {
        assertEquals("ran out of memory in its worker process (heap limit 64m; -Dchoreolab.worker.heap=SIZE in CHOREOLAB_JAVA_OPTS raises it)",
                failure("hog", "b", 120));
        assertEquals(30, run("good", "b", 60, new RecordingMonitor()).frameCount());
    }

    @Test
    void aNativeCrashFailsThatSequenceOnly() throws IOException {
        String reason = failure("crash", "c", 120);
        assertTrue(reason.startsWith("crashed its worker process (SIGSEGV in native code"), reason);
        Matcher m = Pattern.compile("crash report: (\\S+)\\)$").matcher(reason);
        assertTrue(m.find(), "the reason names the JVM's crash report: " + reason);
        reports.add(m.group(1));
        assertTrue(Files.isRegularFile(Path.of(m.group(1))), m.group(1));
        assertEquals(30, run("good", "c", 60, new RecordingMonitor()).frameCount());
    }

    @Test
    void aGeneratorThatNeverReturnsTimesOutAndItsWorkerIsEnded() throws IOException {
        assertEquals("timed out after 1 s (its worker process did not stop and was ended)", failure("stubborn", "d", 1));
        assertEquals(30, run("good", "d", 60, new RecordingMonitor()).frameCount());
    }

    @Test
    void cancellingReachesTheGeneratorAndKeepsItsWorker() throws Exception {
        RecordingMonitor m = new RecordingMonitor();
        // Cancel once the generator runs: when its status line has come through from the worker.
        Thread canceller = new Thread(() -> {
            while (m.lines.stream().noneMatch(l -> l.equals("polite: s1, waiting for a cancel"))) {
                Hostile.sleep(50);
            }
            m.cancel.set(true);
        });
        canceller.setDaemon(true);
        canceller.start();
        GenerationException e = assertThrows(GenerationException.class, () -> run("polite", "e", 600, m));
        assertTrue(e.canceled(), "a cancel, not a failure: " + e.getMessage());
        assertEquals(1, isolator.liveWorkers(), "the generator stopped when asked: its worker was not ended");
    }

    @Test
    void aGeneratorWhoseWorkerDiesThreeTimesInARowIsNotStartedAgain() {
        for (int i = 0; i < Isolator.DEATHS_BEFORE_GIVING_UP; i++) {
            assertTrue(failure("exit", "f", 60).startsWith("its worker process exited"));
        }
        String reason = failure("exit", "f", 60);
        assertTrue(reason.startsWith("not run: its worker process died on the last 3 sequences in a row (last: its worker process exited"),
                reason);
    }

    @Test
    void aDatasetTheWorkerCannotOpenIsRefusedWithTheReason() throws IOException {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Dataset unreadable = new Hostile.Disk(tmp) {
            @Override public Path root() { return elsewhere; }
        };
        GenerationException e = assertThrows(GenerationException.class, () -> run("reader", "none", 60, new RecordingMonitor(), unreadable, null, null));
        assertEquals("its worker process cannot open the dataset disk (" + elsewhere + "): " + elsewhere
                + ": not a test dataset (no disk.txt); an isolated generator needs a dataset folder that a reader of this product opens",
                e.reason());
        assertEquals(3f, run("reader", "none", 60, new RecordingMonitor()).position(0, 0, 1), "the worker reads the dataset from its folder");
    }

    /** Through the generation service, as every caller runs generators: isolation is below it, its checks still apply. */
    @Test
    void theServiceIsolatesEveryGeneratorUnderIsolateAll() throws IOException {
        System.setProperty(Isolation.PROPERTY, "all");
        GenerationServiceImpl service = new GenerationServiceImpl(new NoRegistry(), isolator);
        Sequence s2 = data.seqs.get(1);
        GenerationException e = assertThrows(GenerationException.class,
                () -> service.generate(new Hostile.Gen("exit", null), data, s2, GenerationOptions.DEFAULT, new RecordingMonitor()));
        assertEquals("exit on s2: its worker process exited with code 0 while generating (did the generator end the JVM?)",
                e.getMessage().replaceFirst("; last output: .*", ""));
        GenerationException n = assertThrows(GenerationException.class,
                () -> service.generate(new Hostile.Gen("null", null), data, s2, GenerationOptions.DEFAULT, new RecordingMonitor()));
        assertEquals("generator returned no motion (null)", n.reason(), "the service checks a worker's clip as any other");
        MotionClip c = service.generate(new Hostile.Gen("good", null), data, s2, GenerationOptions.DEFAULT.withSeed(4), new RecordingMonitor());
        assertEquals(61, c.frameCount(), "the ground truth's length");
        assertEquals(4f, c.position(60, 0, 1));
    }

    @Test
    void byDefaultOnlyThirdPartyGeneratorsAreIsolated() throws Exception {
        System.clearProperty(Isolation.PROPERTY);
        MotionGenerator platform = new Hostile.Gen("platform", null);
        assertFalse(isolator.isolates(platform), "a generator of the product's own bundles runs in-process");
        BundleContext ctx = FrameworkUtil.getBundle(IsolationTest.class).getBundleContext();
        Bundle trial = ctx.installBundle(ThirdParty.TRIAL_PREFIX + "isolation-test", new ByteArrayInputStream(emptyBundle()));
        try {
            trial.start();
            MotionGenerator theirs = new Hostile.Gen("theirs", null);
            ServiceRegistration<MotionGenerator> reg = trial.getBundleContext().registerService(MotionGenerator.class, theirs, null);
            assertTrue(isolator.isolates(theirs), "a generator registered by a third-party bundle runs in a worker");
            System.setProperty(Isolation.PROPERTY, "none");
            assertFalse(isolator.isolates(theirs), "--isolate none");
            System.setProperty(Isolation.PROPERTY, "all");
            assertTrue(isolator.isolates(platform), "--isolate all");
            reg.unregister();
        } finally {
            trial.uninstall();
        }
        Isolator noLauncher = new Isolator(() -> null);
        System.setProperty(Isolation.PROPERTY, "all");
        assertEquals("cannot start its worker process: Choreolab was not started by its launcher (choreolab), so no worker process"
                + " can be started; run with --isolate none or -Dchoreolab.isolate=none",
                assertThrows(GenerationException.class, () -> noLauncher.run(platform, "none", "platform", "s1",
                        new GenerationRequest(data, data.seqs.get(0), null, null, 1, 60, 0, "cpu"), 60, new RecordingMonitor())).reason());
        noLauncher.close();
    }

    private static byte[] emptyBundle() {
        return BundleJars.jar("isolation.test.theirs", "1.0.0", Map.of(), Map.of());
    }

    /** The service needs a registry for music only; these generators need none. */
    static final class NoRegistry implements ComponentRegistry {
        @Override public List<ComponentInfo> components() { return List.of(); }
        @Override public <T extends Component> List<T> services(Class<T> type) { return List.of(); }
        @Override public <T extends Component> Optional<T> find(Class<T> type, String id) { return Optional.empty(); }
        @Override public void addListener(Runnable listener) { }
        @Override public void removeListener(Runnable listener) { }
    }
}
