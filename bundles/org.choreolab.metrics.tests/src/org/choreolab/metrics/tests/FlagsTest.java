package org.choreolab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.metric.SetValue;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.metrics.FootContact;
import org.choreolab.metrics.Joints;
import org.choreolab.metrics.Numpy;
import org.choreolab.metrics.Protocol;
import org.choreolab.metrics.SetMetrics;
import org.choreolab.metrics.internal.Metrics;
import org.choreolab.motion.Smpl;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;

/** Ill-posed set values carry flags; well-posed ones do not; values stay what the protocol computes. */
class FlagsTest {

    static double[][] random(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = (float) (1 + r.nextDouble() * (1 + k % 5));
            }
        }
        return x;
    }

    static List<String> codes(SetValue v, Flag.Severity s) {
        return v.flags(s).stream().map(Flag::code).toList();
    }

    @Test
    void aLargeGroundTruthAndTheFieldsUsualGeneratedSetAreNotDegenerate() {
        double[][] gt = random(400, 72, 1), gen = random(20, 72, 2);
        SetValue v = SetMetrics.fidWithFlags(gen, gt, "kinetic");
        assertFalse(v.degenerate(), v.flags().toString());
        assertEquals(List.of(Flag.GENERATED_RANK_DEFICIENT), codes(v, Flag.Severity.NOTE),
                "20 generated vectors < 72 dimensions is a note, not a degeneracy");
        assertEquals(SetMetrics.fid(gen, gt), v.value(), 0.0, "the flagged value is the plain one");
        SetValue d = SetMetrics.diversityWithFlags(gen, gt, "kinetic");
        assertTrue(d.flags().isEmpty(), d.flags().toString());
    }

    @Test
    void aSmallGroundTruthIsRankDeficient() {
        double[][] gt = random(30, 72, 3), gen = random(100, 72, 4);
        SetValue v = SetMetrics.fidWithFlags(gen, gt, "kinetic");
        assertTrue(v.degenerate());
        assertEquals(List.of(Flag.GROUND_TRUTH_RANK_DEFICIENT), codes(v, Flag.Severity.DEGENERATE));
        assertTrue(v.flags(Flag.Severity.DEGENERATE).get(0).reason().startsWith("30 ground-truth kinetic vectors for 72 dimensions"),
                v.flags().toString());
        assertTrue(codes(v, Flag.Severity.NOTE).isEmpty(), "100 generated vectors for 72 dims: " + v.flags());
        // 73 vectors for 72 dimensions are enough.
        assertFalse(SetMetrics.fidWithFlags(gen, random(73, 72, 5), "kinetic").degenerate());
        // Div does not use the covariance.
        assertTrue(SetMetrics.diversityWithFlags(gen, gt, "kinetic").flags().isEmpty());
    }

    @Test
    void collinearGroundTruthFeaturesAreRankDeficientToo() {
        double[][] gt = random(200, 32, 6), gen = random(50, 32, 7);
        for (double[] row : gt) {
            row[31] = (float) (row[0] + row[1]);
        }
        SetValue v = SetMetrics.fidWithFlags(gen, gt, "geometric");
        assertEquals(List.of(Flag.GROUND_TRUTH_RANK_DEFICIENT), codes(v, Flag.Severity.DEGENERATE), v.flags().toString());
        assertTrue(v.flags().get(0).reason().contains("rank 31 of 32"), v.flags().toString());
    }

    @Test
    void aFeatureDefinedAsACopyOfAnotherIsANoteNotADegenerateValue() {
        // The reference's geometric feature 5 is feature 4 again: rank 31 of 32 on any data.
        double[][] gt = random(200, 32, 10), gen = random(50, 32, 11);
        for (double[] row : gt) {
            row[5] = row[4];
        }
        SetValue v = SetMetrics.fidWithFlags(gen, gt, "geometric");
        assertFalse(v.degenerate(), v.flags().toString());
        assertEquals(List.of(Flag.GROUND_TRUTH_RANK_DEFICIENT), codes(v, Flag.Severity.NOTE), v.flags().toString());
        assertTrue(v.flags().get(0).reason().contains("feature 5 is equal to feature 4") && v.flags().get(0).reason().contains("rank 31 of 32"),
                v.flags().toString());
        // A copy and, besides it, a real collinearity: still degenerate.
        for (double[] row : gt) {
            row[31] = (float) (row[0] + row[1]);
        }
        assertTrue(SetMetrics.fidWithFlags(gen, gt, "geometric").degenerate());
    }

    @Test
    void aFeatureConstantOverTheGroundTruthIsFlaggedWithItsIndex() {
        double[][] gt = random(200, 32, 8), gen = random(50, 32, 9);
        for (double[] row : gt) {
            row[4] = 0;
            row[29] = 0;
        }
        for (double[] row : gen) {
            row[29] = 0;
        }
        SetValue v = SetMetrics.fidWithFlags(gen, gt, "geometric");
        assertEquals(List.of(Flag.NEAR_CONSTANT_FEATURE), codes(v, Flag.Severity.DEGENERATE));
        assertTrue(v.flags(Flag.Severity.DEGENERATE).get(0).reason().startsWith("geometric feature 4 is constant"),
                v.flags().toString());
        assertTrue(v.flags(Flag.Severity.NOTE).stream().anyMatch(f -> f.reason().startsWith("geometric feature 29 is constant over both")),
                v.flags().toString());
        assertTrue(v.value() > 1e15, "the reference's value, divided by 1e-10: " + v.value());
        SetValue d = SetMetrics.diversityWithFlags(gen, gt, "geometric");
        assertEquals(List.of(Flag.NEAR_CONSTANT_FEATURE), codes(d, Flag.Severity.DEGENERATE));
        // Constant in both sets only: a note, the value is sound.
        for (double[] row : gen) {
            row[4] = 0;
        }
        assertFalse(SetMetrics.fidWithFlags(gen, gt, "geometric").degenerate());
    }

    @Test
    void nonFiniteFeaturesGiveNaNWithAFlagHereAndAnErrorFromSummarize() {
        double[][] gt = random(100, 72, 10), gen = random(20, 72, 11);
        gen[3][7] = Double.NaN;
        gt[50][0] = Double.POSITIVE_INFINITY;
        SetValue v = SetMetrics.fidWithFlags(gen, gt, "kinetic");
        assertTrue(Double.isNaN(v.value()));
        assertEquals(List.of(Flag.NON_FINITE), codes(v, Flag.Severity.DEGENERATE));
        assertEquals("non-finite kinetic feature values in generated vector(s) 3 and ground-truth vector(s) 50: the value is NaN",
                v.flags().get(0).reason());
        assertTrue(Double.isNaN(SetMetrics.diversityWithFlags(gen, gt, "kinetic").value()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SetMetrics.fid(gen, gt));
        assertEquals("generated set has a non-finite feature value", e.getMessage());
    }

    @Test
    void theLongReferenceCasesAreFlaggedAsTheyShouldBe() throws Exception {
        LongReferenceTest.Case c = LongReferenceTest.Case.read(Reference.file("metrics-long-2"), names("metrics-long-2"));
        SetValue k = LongReferenceTest.evaluate("fid_k", c, "bailando");
        assertEquals(List.of(Flag.GROUND_TRUTH_RANK_DEFICIENT), codes(k, Flag.Severity.DEGENERATE), "5 real sequences, 72 dims");
        assertEquals(List.of(Flag.GENERATED_RANK_DEFICIENT), codes(k, Flag.Severity.NOTE));
        SetValue g = LongReferenceTest.evaluate("fid_g", c, "bailando");
        assertTrue(codes(g, Flag.Severity.DEGENERATE).contains(Flag.NEAR_CONSTANT_FEATURE), g.flags().toString());
        assertTrue(g.flags(Flag.Severity.DEGENERATE).stream().anyMatch(f -> f.reason().startsWith("geometric features 4, 5 are constant")),
                g.flags().toString());
        SetValue dk = LongReferenceTest.evaluate("div_k", c, "bailando");
        assertTrue(dk.flags().isEmpty(), dk.flags().toString());
    }

    static List<String> names(String folder) throws Exception {
        try (var s = java.nio.file.Files.list(Reference.file(folder).resolve("gt"))) {
            return s.map(p -> p.getFileName().toString().replace(".npy", "")).sorted().toList();
        }
    }

    @Test
    void theDefaultEvaluateWrapsSummarizeAndFlagsNothing() {
        Metric m = new Metric() {
            @Override public String id() { return "x"; }
            @Override public String name() { return "X"; }
            @Override public List<String> protocols() { return List.of("bailando"); }
            @Override public SequenceValues sequence(MetricInput in) { return null; }
            @Override public double summarize(List<SequenceValues> g, List<SequenceValues> t, String p) { return 42.5; }
        };
        assertEquals(new SetValue(42.5, List.of()), m.evaluate(List.of(), List.of(), "bailando"));
        assertEquals(Map.of(), m.conventions("bailando"));
    }

    @Test
    void everyMetricStatesItsConventionsUnderEveryProtocol() {
        for (Metric m : LongReferenceTest.METRICS.values()) {
            for (String p : Protocol.names()) {
                Map<String, String> c = m.conventions(p);
                assertEquals(p, c.get("protocol"));
                for (String key : List.of("source", "frames", "frame_rate")) {
                    assertTrue(c.containsKey(key), m.id() + " under " + p + " states no " + key + ": " + c);
                }
            }
        }
        Map<String, String> edge = LongReferenceTest.METRICS.get("pfc").conventions("edge");
        assertTrue(edge.get("frame_rate").startsWith("30 fps"), edge.toString());
        assertTrue(edge.get("pooling").startsWith("mean over all windows of all sequences"), edge.toString());
        assertTrue(LongReferenceTest.METRICS.get("pfc").conventions("bailando").get("frame_rate").startsWith("30 fps"));
        assertTrue(LongReferenceTest.METRICS.get("bas").conventions("fact").get("frames").contains("[120:]"));
        assertThrows(IllegalArgumentException.class, () -> LongReferenceTest.METRICS.get("pfc").conventions("nope"));
    }

    /** A walking root (accelerating now and then) and sliding feet, {@code frames} at 60 fps. */
    static MotionClip sliding(int frames, double phase) {
        float[] p = new float[frames * 72];
        for (int f = 0; f < frames; f++) {
            double t = f / 60.0;
            double root = 0.3 * Math.sin(2.1 * t + phase) + 0.05 * Math.sin(7.3 * t);
            for (int j = 0; j < 24; j++) {
                double foot = (j == 7 || j == 8 || j == 10 || j == 11) ? 0.2 * Math.sin(3 * t + j + phase) : 0;
                p[72 * f + 3 * j] = (float) (root + foot + 0.01 * j);
                p[72 * f + 3 * j + 1] = (float) (0.9 + 0.05 * Math.sin(5 * t) - 0.03 * j);
                p[72 * f + 3 * j + 2] = (float) (0.1 * Math.cos(1.3 * t + j));
            }
        }
        return new MotionClip(Smpl.NEUTRAL, 60, null, null, p);
    }

    @Test
    void pfcUnderEdgePoolsWindowsAcrossSequencesLikeEdgesScript() {
        Metric pfc = new Metrics.Pfc();
        MotionClip a = sliding(600, 0), b = sliding(1500, 1.7);
        List<SequenceValues> v = List.of(pfc.sequence(new MetricInput("a", a, null, "edge", false)),
                pfc.sequence(new MetricInput("b", b, null, "edge", false)));
        double[] wa = v.get(0).vectors().get("pfc_clips"), wb = v.get(1).vectors().get("pfc_clips");
        assertEquals(3, wa.length, "10 s: windows at 0, 2.5, 5 s");
        assertEquals(9, wb.length, "25 s: windows at 0, 2.5, …, 20 s");
        // The first window of a is frames 0-299 at 60 fps, every second one kept: EDGE's script on it.
        Joints w0 = Protocol.EDGE.pfcClips(a, false).get(0);
        assertEquals(150, w0.frames());
        assertEquals(FootContact.score(w0, 30, 1), wa[0], 0.0);
        double[] all = new double[12];
        System.arraycopy(wa, 0, all, 0, 3);
        System.arraycopy(wb, 0, all, 3, 9);
        double pooled = Numpy.mean(all) * 10000;
        double perSequence = (Numpy.mean(wa) + Numpy.mean(wb)) / 2 * 10000;
        assertEquals(pooled, pfc.summarize(v, List.of(), "edge"), 0.0);
        assertNotEquals(perSequence, pooled, "the two poolings must differ on this case for the test to mean something");
        // Under bailando: one clip per sequence (the first 1200 frames of a generated one), at 30 fps.
        SequenceValues bb = pfc.sequence(new MetricInput("b", b, null, "bailando", false));
        assertEquals(1, bb.vectors().get("pfc_clips").length);
        // the sequence's scalar on the set value's scale, as every table shows PFC
        assertEquals(FootContact.score(Protocol.BAILANDO.pfcClips(b, false).get(0), 30, 1) * 10000, bb.scalars().get("pfc"), 1e-9);
        assertEquals(600, Protocol.BAILANDO.pfcClips(b, false).get(0).frames());
    }

    @Test
    void aStillRootIsScoredZeroAndFlagged() {
        Metric pfc = new Metrics.Pfc();
        float[] p = new float[400 * 72];
        for (int f = 0; f < 400; f++) {
            for (int j = 0; j < 24; j++) {
                p[72 * f + 3 * j + 1] = 0.05f * j;
                p[72 * f + 3 * j] = j == 7 ? 0.001f * f : 0;
            }
        }
        MotionClip still = new MotionClip(Smpl.NEUTRAL, 60, null, null, p);
        List<SequenceValues> v = new ArrayList<>(List.of(pfc.sequence(new MetricInput("s", still, null, "bailando", false)),
                pfc.sequence(new MetricInput("m", sliding(700, 0), null, "bailando", false))));
        SetValue s = pfc.evaluate(v, List.of(), "bailando");
        assertEquals(List.of(Flag.FALLBACK_VALUE), codes(s, Flag.Severity.DEGENERATE));
        assertEquals(v.get(1).scalars().get("pfc") / 2, s.value(), 1e-9);
    }
}
