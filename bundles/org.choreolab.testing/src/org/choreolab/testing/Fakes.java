package org.choreolab.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.Problem;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;

/**
 * Small, fully predictable components for tests of the runtime, the command line and the workbench.
 * Not part of the product.
 */
public final class Fakes {

    public static final Skeleton TWO_JOINTS = new Skeleton("two", List.of("root", "tip"), new int[] {-1, 0},
            new double[] {0, 0, 0, 0, 1, 0});

    /** A clip whose root stands at height {@code h} on every frame. */
    public static MotionClip clipAtHeight(float h, int frames) {
        float[] pos = new float[frames * 6];
        for (int f = 0; f < frames; f++) {
            pos[6 * f + 1] = h;
            pos[6 * f + 4] = h + 1;
        }
        return new MotionClip(TWO_JOINTS, 60, null, null, pos);
    }

    /** Three test sequences at heights 1, 2, 3 and one training sequence. */
    public static final class Data implements Dataset {
        private final List<Sequence> seqs = List.of(new Sequence("s1", "test", "m1", Map.of()),
                new Sequence("s2", "test", "m2", Map.of()), new Sequence("s3", "test", "m3", Map.of()),
                new Sequence("t1", "train", "m1", Map.of()));
        @Override public Path root() { return Path.of("fake"); }
        @Override public String name() { return "fake"; }
        @Override public List<Sequence> sequences() { return seqs; }
        @Override public List<String> splits() { return List.of("train", "test"); }
        @Override public MotionClip motion(Sequence s) throws IOException {
            return clipAtHeight(Integer.parseInt(s.id().substring(1)), 10);
        }
        @Override public Optional<Path> music(Sequence s) { return Optional.empty(); }
        @Override public List<Problem> problems() { return List.of(new Problem("fake/x.pkl", "smpl_poses", "demo problem")); }
    }

    public static final class Reader implements DatasetReader {
        @Override public String id() { return "fake-reader"; }
        @Override public String name() { return "Fake reader"; }
        @Override public boolean accepts(Path root) { return false; }
        @Override public Dataset open(Path root, boolean failFast) throws IOException { throw new IOException("no"); }
        @Override public Optional<Dataset> openEmbedded() { return Optional.of(new Data()); }
    }

    /** Per sequence: the root height of frame 0; set: the mean of those heights. */
    public static final class MeanHeight implements Metric {
        @Override public String id() { return "mean_height"; }
        @Override public String name() { return "Mean height"; }
        @Override public List<String> protocols() { return List.of("bailando"); }
        @Override public SequenceValues sequence(MetricInput in) {
            return new SequenceValues(in.sequenceId(), Map.of(), Map.of("h", (double) in.motion().position(0, 0, 1)));
        }
        @Override public double summarize(List<SequenceValues> gen, List<SequenceValues> gt, String protocol) {
            return gen.stream().mapToDouble(v -> v.scalars().get("h")).average().orElseThrow();
        }
    }

    /** A metric that always fails, to check that the others still run. */
    public static final class Broken implements Metric {
        @Override public String id() { return "broken"; }
        @Override public String name() { return "Broken"; }
        @Override public List<String> protocols() { return List.of("bailando"); }
        @Override public SequenceValues sequence(MetricInput in) { throw new IllegalStateException("broken on purpose"); }
        @Override public double summarize(List<SequenceValues> g, List<SequenceValues> t, String p) { return 0; }
    }

    /** The ground truth of the request's sequence, lifted by {@code lift} metres (positions only). */
    public static final class Lift implements MotionGenerator {
        private final float lift;
        public Lift(float lift) { this.lift = lift; }
        @Override public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor("lift", "Lift", "none", Map.of("lift", "" + lift), false);
        }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) throws IOException {
            MotionClip truth = r.dataset().motion(r.target());
            int n = Math.min(r.frames(), truth.frameCount());
            float[] pos = truth.slice(0, n).positions(new float[3 * truth.skeleton().jointCount() * n]);
            for (int i = 1; i < pos.length; i += 3) {
                pos[i] += lift;
            }
            return new MotionClip(truth.skeleton(), truth.fps(), null, null, pos);
        }
    }

    /** Throws on the second sequence only. */
    public static final class Flaky implements MotionGenerator {
        @Override public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor("flaky", "Flaky", "none", Map.of(), false);
        }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) throws IOException {
            if (r.target().id().equals("s2")) {
                throw new IOException("model file corrupt");
            }
            return clipAtHeight(0, r.frames());
        }
    }

    /** Fails with an Error, as a badly linked third-party bundle might. */
    public static final class Crashing implements MotionGenerator {
        @Override public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor("crashing", "Crashing", "none", Map.of(), false);
        }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) {
            throw new NoClassDefFoundError("some/missing/Class");
        }
    }

    /** Never returns (until interrupted): a generator that hangs. */
    public static final class Hanging implements MotionGenerator {
        @Override public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor("hanging", "Hanging", "none", Map.of(), false);
        }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) throws IOException {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("interrupted");
        }
    }

    private Fakes() {
    }
}
