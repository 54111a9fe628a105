package org.choreolab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.metric.SetValue;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.ClipCheck;
import org.choreolab.core.Comparison;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Confidence;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.core.RepeatSpread;
import org.choreolab.core.ResultFiles;
import org.choreolab.core.ResultRow;
import org.choreolab.core.Summaries;
import org.choreolab.testing.Fakes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Set values with flags, bootstrap intervals, comparisons, repeats and clip checks, as the runner computes them. */
class SummariesTest {

    private FrameworkFixture framework;
    private ExperimentRunner runner;
    private ComponentRegistry registry;

    @BeforeEach
    void setUp() throws InterruptedException {
        framework = new FrameworkFixture(SummariesTest.class);
        runner = framework.await(ExperimentRunner.class);
        registry = framework.await(ComponentRegistry.class);
        framework.register(DatasetReader.class, new Fakes.Reader());
        framework.register(Metric.class, new Fakes.MeanHeight());
        framework.register(Metric.class, new Flagging());
        framework.register(MotionGenerator.class, new Fakes.Lift(0.5f));
        framework.register(MotionGenerator.class, new Fakes.Flaky());
        framework.register(MotionGenerator.class, new Seeded());
        framework.register(MotionGenerator.class, new Sinking());
    }

    @AfterEach
    void tearDown() {
        framework.close();
    }

    /** Mean height, flagged degenerate when a height is above 3 m and with a note always. */
    static final class Flagging implements Metric {
        @Override public String id() { return "flagged_height"; }
        @Override public String name() { return "Flagged height"; }
        @Override public List<String> protocols() { return List.of("bailando"); }
        @Override public SequenceValues sequence(MetricInput in) {
            return new SequenceValues(in.sequenceId(), Map.of(), Map.of("h", (double) in.motion().position(0, 0, 1)));
        }
        @Override public double summarize(List<SequenceValues> gen, List<SequenceValues> gt, String protocol) {
            return gen.stream().mapToDouble(v -> v.scalars().get("h")).average().orElseThrow();
        }
        @Override public SetValue evaluate(List<SequenceValues> gen, List<SequenceValues> gt, String protocol) {
            List<Flag> flags = new ArrayList<>();
            if (gen.stream().anyMatch(v -> v.scalars().get("h") > 3)) {
                flags.add(Flag.degenerate("too_high", "a root above 3 m"));
            }
            flags.add(Flag.note("always", "a note on every value"));
            return new SetValue(summarize(gen, gt, protocol), flags);
        }
        @Override public Map<String, String> conventions(String protocol) {
            return Map.of("frames", "frame 0 only");
        }
    }

    /** Every joint at the height of the request's seed, so runs with other seeds differ. */
    static final class Seeded implements MotionGenerator {
        @Override public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor("seeded", "Seeded", "none", Map.of(), false);
        }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) {
            return Fakes.clipAtHeight((float) (r.seed() + r.target().id().length()), r.frames());
        }
    }

    /** The ground truth, its tip sinking 1 m below the floor from frame 5 on. */
    static final class Sinking implements MotionGenerator {
        @Override public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor("sinking", "Sinking", "none", Map.of(), false);
        }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) throws IOException {
            MotionClip truth = r.dataset().motion(r.target());
            float[] p = truth.positions(new float[6 * truth.frameCount()]);
            for (int f = 5; f < truth.frameCount(); f++) {
                p[6 * f + 4] = p[6 * f + 1] - 1.5f; // the tip (joint 1) goes 1.5 m below the root, which stays
            }
            return new MotionClip(truth.skeleton(), truth.fps(), null, null, p);
        }
    }

    private static Experiment experiment(List<String> generators, List<String> metrics, int repeats, int resamples, List<String> compare) {
        return new Experiment("", "test", "", generators, metrics, null, 0, 0, null, 0, Map.of(), Map.of(), repeats, resamples, compare);
    }

    private static List<SequenceValues> heights(double... h) {
        List<SequenceValues> out = new ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            out.add(new SequenceValues("s" + i, Map.of(), Map.of("h", h[i])));
        }
        return out;
    }

    @Test
    void theBootstrapIsSeededAndItsIntervalHoldsTheValueWithTheMeansStandardError() {
        Metric mean = new Fakes.MeanHeight();
        double[] h = new double[20];
        for (int i = 0; i < h.length; i++) {
            h[i] = i + 1;
        }
        List<SequenceValues> gen = heights(h);
        double value = mean.summarize(gen, List.of(), "bailando");
        Confidence a = Summaries.bootstrap(mean, gen, List.of(), "bailando", value, 1000, 42);
        Confidence b = Summaries.bootstrap(mean, gen, List.of(), "bailando", value, 1000, 42);
        Confidence c = Summaries.bootstrap(mean, gen, List.of(), "bailando", value, 1000, 43);
        assertEquals(a, b, "the same seed, the same interval (whatever the threads did)");
        assertNotEquals(a, c, "another seed, other resamples");
        assertTrue(a.contains(value), a + " holds " + value);
        assertEquals(1000, a.resamples());
        assertEquals(0, a.failed());
        // The mean of 1..20: standard error 5.916 / √20 = 1.323, so a 95 % interval of about ± 2.59.
        assertEquals(2.59, a.halfWidth(), 0.35, a.toString());
    }

    @Test
    void fidIntervalsHoldTheValueAndShowTheShiftResamplingGives() {
        Metric fid = registry.find(Metric.class, "fid_k").orElseThrow(() -> new AssertionError(
                "fid_k of org.choreolab.metrics (which core imports) is not registered"));
        SplittableRandom r = new SplittableRandom(1);
        List<SequenceValues> gen = new ArrayList<>(), gt = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double[] v = new double[72];
            for (int k = 0; k < 72; k++) {
                v[k] = (float) (r.nextGaussian() + k * 0.01);
            }
            gt.add(new SequenceValues("gt" + i, Map.of("kinetic", v), Map.of()));
        }
        for (int i = 0; i < 40; i++) {
            double[] v = new double[72];
            for (int k = 0; k < 72; k++) {
                v[k] = (float) (1.2 * r.nextGaussian() + 0.3 + k * 0.01);
            }
            gen.add(new SequenceValues("g" + i, Map.of("kinetic", v), Map.of()));
        }
        double value = fid.summarize(gen, gt, "bailando");
        long t0 = System.nanoTime();
        Confidence c = Summaries.bootstrap(fid, gen, gt, "bailando", value, 1000, 7);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("FID_k (72-d, 40 generated, 300 real) with 1000 resamples: %.2f s; value %.3f, interval [%.3f, %.3f], median %.3f%n",
                seconds, value, c.low(), c.high(), c.median());
        assertTrue(c.contains(value), c + " holds " + value);
        assertTrue(c.median() > value, "a resample repeats sequences, which raises FID: median " + c.median() + " > " + value);
        assertTrue(c.low() < value && c.high() > value && c.high() - c.low() < value, c.toString());
    }

    @Test
    void flaggedValuesAreKeptWithTheirReasonsAndWrittenToResultsJson(@TempDir Path dir) throws IOException {
        ExperimentResult r = runner.run(experiment(List.of("lift"), List.of("flagged_height", "mean_height"), 1, 200, List.of()),
                ProgressMonitor.NULL, ExperimentListener.NONE);
        ResultRow lift = r.row("lift").orElseThrow();
        assertEquals(2.5, lift.set().get("flagged_height"), 1e-6);
        assertEquals(List.of("too_high", "always"), lift.flags("flagged_height").stream().map(Flag::code).toList(),
                "lifted 0.5 m, the third sequence's root is at 3.5 m");
        assertTrue(lift.setValues().get("flagged_height").degenerate());
        assertEquals(List.of("always"), r.row(ResultRow.GROUND_TRUTH).orElseThrow().flags("flagged_height").stream().map(Flag::code).toList());
        assertTrue(lift.flags("mean_height").isEmpty(), "a metric that does not flag gets no flag");
        assertEquals(Map.of("frames", "frame 0 only"), r.conventions().get("flagged_height"));
        ResultFiles.write(r, dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve(ResultFiles.RESULTS_JSON).toFile());
        JsonNode f = json.get("flags").get("lift").get("flagged_height");
        assertEquals("too_high", f.get(0).get("code").asText());
        assertEquals("degenerate", f.get(0).get("severity").asText());
        assertEquals("a root above 3 m", f.get(0).get("reason").asText());
        assertEquals("note", f.get(1).get("severity").asText());
        JsonNode ci = json.get("confidence").get("lift").get("mean_height");
        assertEquals(2, ci.size());
        assertTrue(ci.get(0).asDouble() <= 2.5 && ci.get(1).asDouble() >= 2.5, ci.toString());
        assertEquals(200, json.get("confidenceMethod").get("resamples").asInt());
        assertEquals("frame 0 only", json.get("conventions").get("flagged_height").get("frames").asText());
        assertFalse(Files.exists(dir.resolve("results.md")), "results.md is the report bundle's now");
    }

    @Test
    void clipChecksAreKeptPerSequenceWithTheFirstBadFrameAndTheSequenceIsStillScored(@TempDir Path dir) throws IOException {
        ExperimentResult r = runner.run(experiment(List.of("sinking"), List.of("mean_height"), 1, 0, List.of()), ProgressMonitor.NULL,
                ResultFiles.appender(dir));
        ResultRow sinking = r.row("sinking").orElseThrow();
        assertEquals(3, sinking.okCount(), "scored all the same");
        assertEquals(2.0, sinking.set().get("mean_height"), 1e-6);
        List<ClipCheck> checks = sinking.sequences().get("s1").checks();
        ClipCheck below = checks.stream().filter(c -> c.code().equals("below_floor")).findFirst().orElseThrow(() -> new AssertionError(checks));
        assertEquals(5, below.firstFrame());
        assertEquals(5, below.frames(), "frames 5 to 9 of 10");
        assertTrue(r.row(ResultRow.GROUND_TRUTH).orElseThrow().sequences().get("s1").checks().isEmpty(), "the ground truth stands");
        // Kept in sequences.jsonl, so a resumed run has them too.
        ResultFiles.Line line = ResultFiles.readCompleted(dir).stream().filter(l -> l.generator().equals("sinking")).findFirst().orElseThrow();
        assertEquals(line.outcome().checks(), sinking.sequences().get(line.outcome().sequenceId()).checks());
    }

    @Test
    void aPairIsComparedOnTheSequencesBothScored() throws IOException {
        ExperimentResult r = runner.run(experiment(List.of("lift", "flaky"), List.of("mean_height"), 1, 500, List.of("lift", "flaky")),
                ProgressMonitor.NULL, ExperimentListener.NONE);
        assertEquals(1, r.comparisons().size());
        Comparison c = r.comparisons().get(0);
        assertEquals("lift", c.a());
        assertEquals("flaky", c.b());
        assertEquals(2, c.shared(), "flaky fails on s2");
        assertEquals(2.5, c.difference(), 1e-6, "lift: 1.5 and 3.5 on s1 and s3; flaky: 0");
        assertTrue(c.low() <= 2.5 && c.high() >= 2.5 && c.significant(), c.toString());
        assertEquals(1.0 / c.resamples(), c.p(), 1e-12, "no resample puts the difference at or below 0");
        assertEquals("asked", c.chosen());
        ExperimentResult none = runner.run(experiment(List.of("lift", "flaky"), List.of("mean_height"), 1, 500, List.of()),
                ProgressMonitor.NULL, ExperimentListener.NONE);
        assertTrue(none.comparisons().isEmpty(), "mean_height has no known direction: no default pair");
    }

    @Test
    void repeatsRunWithSuccessiveSeedsAndADeterministicGeneratorStopsAfterTwo() throws IOException {
        ExperimentResult r = runner.run(experiment(List.of("seeded", "lift"), List.of("mean_height"), 3, 0, List.of()),
                ProgressMonitor.NULL, ExperimentListener.NONE);
        assertEquals(List.of(ResultRow.GROUND_TRUTH, "seeded", "seeded#1", "seeded#2", "lift", "lift#1"),
                r.rows().stream().map(ResultRow::id).toList());
        assertEquals(List.of(ResultRow.GROUND_TRUTH, "seeded", "lift"), r.tableRows().stream().map(ResultRow::id).toList());
        RepeatSpread seeded = r.repeats().stream().filter(s -> s.generator().equals("seeded")).findFirst().orElseThrow();
        assertEquals(List.of(0L, 1L, 2L), seeded.seeds());
        assertFalse(seeded.deterministic());
        assertEquals(List.of(2.0, 3.0, 4.0), seeded.values().get("mean_height"), "heights seed + 2 (ids s1, s2, s3)");
        assertEquals(3.0, seeded.mean("mean_height"), 1e-9);
        assertEquals(1.0, seeded.sd("mean_height"), 1e-9);
        RepeatSpread lift = r.repeats().stream().filter(s -> s.generator().equals("lift")).findFirst().orElseThrow();
        assertTrue(lift.deterministic(), "the second run kept the first run's values");
        assertEquals(List.of(0L, 1L), lift.seeds());
        assertEquals(0.0, lift.sd("mean_height"), 0);
    }
}
