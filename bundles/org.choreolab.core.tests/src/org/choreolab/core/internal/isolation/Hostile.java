package org.choreolab.core.internal.isolation;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.Problem;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;

/**
 * Generators that misbehave in every way isolation must contain, a dataset on disk they can read
 * again in a worker, and the worker's plain-Java main (no OSGi: the classes of the API, the core and
 * this fragment on the class path). Only ever run in a worker process.
 */
public final class Hostile {

    static final Skeleton TWO = new Skeleton("two", List.of("root", "tip"), new int[] {-1, 0}, new double[] {0, 0, 0, 0, 1, 0});

    private Hostile() {
    }

    /** The worker: {@code Hostile SOCKET TOKEN}. */
    public static void main(String[] args) throws IOException {
        Map<String, MotionGenerator> generators = Map.of(
                "good", new Gen("good", Hostile::good),
                "listener", new Gen("listener", Hostile::listener),
                "thrower", new Gen("thrower", (r, m) -> {
                    throw new IOException("model file corrupt");
                }),
                "null", new Gen("null", (r, m) -> null),
                "exit", new Gen("exit", (r, m) -> {
                    System.exit(0);
                    return null;
                }),
                "hog", new Gen("hog", Hostile::hog),
                "crash", new Gen("crash", Hostile::crash),
                "stubborn", new Gen("stubborn", Hostile::stubborn),
                "polite", new Gen("polite", Hostile::polite),
                "reader", new Gen("reader", (r, m) -> heights(r.frames(), r.fps(), r.dataset().sequences().size())));
        new WorkerServer(id -> {
            MotionGenerator g = generators.get(id);
            if (g == null) {
                throw new IOException("no generator " + id);
            }
            return g;
        }, (root, name) -> new Disk(Path.of(root))).serve(Path.of(args[0]), args[1]);
    }

    /** A generator made of a lambda; its id names what it does. */
    record Gen(String id, Body body) implements MotionGenerator {
        interface Body {
            MotionClip run(GenerationRequest r, ProgressMonitor m) throws IOException;
        }

        @Override
        public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor(id, id, "none", Map.of(), GeneratorNeeds.nothing(GeneratorOutput.JOINT_POSITIONS));
        }

        @Override
        public MotionClip generate(GenerationRequest r, ProgressMonitor m) throws IOException {
            return body.run(r, m);
        }
    }

    /** Positions only, the root at height {@code h} on every frame. */
    static MotionClip heights(int frames, double fps, float h) {
        float[] p = new float[6 * frames];
        for (int f = 0; f < frames; f++) {
            p[6 * f + 1] = h;
            p[6 * f + 4] = h + 1;
        }
        return new MotionClip(TWO, fps, null, null, p);
    }

    /** Reports every frame, slowly enough (25 ms each) for progress to be seen; height = the request's seed. */
    static MotionClip good(GenerationRequest r, ProgressMonitor m) {
        m.begin("good", r.frames());
        for (int f = 0; f < r.frames(); f++) {
            sleep(25);
            m.worked(1);
        }
        return heights(r.frames(), r.fps(), r.seed());
    }

    /** Height = its own music's first value + the first value of t1's music (asked of the parent). */
    static MotionClip listener(GenerationRequest r, ProgressMonitor m) throws IOException {
        AudioFeatures other = r.musicOf(new Sequence("t1", "train", "m1", Map.of()));
        return heights(r.frames(), r.fps(), r.music().value(0, 0) + other.value(0, 0));
    }

    /** Allocates until the heap is full. */
    static MotionClip hog(GenerationRequest r, ProgressMonitor m) {
        List<long[]> all = new ArrayList<>();
        while (true) {
            all.add(new long[1 << 20]);
        }
    }

    /** Writes to address 0: a native crash (SIGSEGV) of the JVM. */
    static MotionClip crash(GenerationRequest r, ProgressMonitor m) throws IOException {
        try {
            Class<?> c = Class.forName("sun.misc.Unsafe");
            Field f = c.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            c.getMethod("putAddress", long.class, long.class).invoke(f.get(null), 0L, 42L);
        } catch (ReflectiveOperationException e) {
            throw new IOException("no Unsafe here: " + e);
        }
        return null;
    }

    /** Never returns and ignores cancellation (a stuck native call, as far as anyone can tell). */
    static MotionClip stubborn(GenerationRequest r, ProgressMonitor m) {
        while (true) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                // Ignored on purpose.
            }
        }
    }

    /** Says it waits, runs until cancelled, then says so. */
    static MotionClip polite(GenerationRequest r, ProgressMonitor m) throws IOException {
        m.subTask("waiting for a cancel");
        while (!m.isCanceled()) {
            sleep(20);
        }
        throw new IOException("canceled");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Three sequences of 61 frames at 60 fps, with music files; opened from its folder alone. */
    public static class Disk implements Dataset {
        final Path root;
        final List<Sequence> seqs = List.of(new Sequence("s1", "test", "m1", Map.of("genre", "gBR")),
                new Sequence("s2", "test", "m2", Map.of()), new Sequence("t1", "train", "m1", Map.of()));

        public Disk(Path root) throws IOException {
            this.root = root;
            if (!Files.isRegularFile(root.resolve("disk.txt"))) {
                throw new IOException(root + ": not a test dataset (no disk.txt)");
            }
        }

        static Disk create(Path root) throws IOException {
            Files.writeString(root.resolve("disk.txt"), "a test dataset\n");
            for (String m : List.of("m1", "m2")) {
                Files.writeString(root.resolve(m + ".wav"), "not really audio");
            }
            return new Disk(root);
        }

        @Override public Path root() { return root; }
        @Override public String name() { return "disk"; }
        @Override public List<Sequence> sequences() { return seqs; }
        @Override public List<String> splits() { return List.of("train", "test"); }
        @Override public MotionClip motion(Sequence s) { return heights(61, 60, 0); }
        @Override public Optional<Path> music(Sequence s) { return Optional.of(root.resolve(s.musicId() + ".wav")); }
        @Override public List<Problem> problems() { return List.of(); }
    }
}
