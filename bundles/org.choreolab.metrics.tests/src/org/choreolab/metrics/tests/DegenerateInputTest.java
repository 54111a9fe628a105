package org.choreolab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.metrics.BeatAlign;
import org.choreolab.metrics.FootContact;
import org.choreolab.metrics.Joints;
import org.choreolab.metrics.KineticFeatures;
import org.choreolab.metrics.Protocol;
import org.choreolab.metrics.SetMetrics;
import org.choreolab.motion.Smpl;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Degenerate input gives a clear error or a documented value, never a silent NaN. */
class DegenerateInputTest {

    private static Joints still(int frames) {
        float[] p = new float[frames * 72];
        for (int f = 0; f < frames; f++) {
            for (int j = 0; j < 24; j++) {
                p[72 * f + 3 * j + 1] = j * 0.05f;
            }
        }
        return new Joints(p, frames);
    }

    private static Joints moving(int frames, double speed) {
        float[] p = new float[frames * 72];
        for (int f = 0; f < frames; f++) {
            for (int j = 0; j < 24; j++) {
                p[72 * f + 3 * j] = (float) (speed * f + j * 0.01);
                p[72 * f + 3 * j + 1] = (float) (0.5 + 0.1 * Math.sin(f * 0.2 + j));
            }
        }
        return new Joints(p, frames);
    }

    @Test
    void constantMotionHasZeroKineticFeaturesAndNoBeats() {
        double[] k = KineticFeatures.extract(still(100), 1 / 60.0);
        for (int j = 0; j < 24; j++) {
            assertEquals(0.0, k[3 * j], "no horizontal kinetic energy");
            assertEquals(0.0, k[3 * j + 1], "no vertical kinetic energy");
            // The reference's energy expenditure (v1 = p - p_prev / dt) is 59/dt·|p| for a joint at rest at p.
            assertEquals(59 * 60 * 0.05 * j, k[3 * j + 2], 1e-3 * Math.max(1, j), "the reference's expenditure at rest");
        }
        BeatAlign.Score s = BeatAlign.bailando(still(100), new int[] {10, 50});
        assertEquals(0.0, s.value(), "documented: a motion without beats aligns with nothing");
        assertEquals(0, s.motionBeats().length);
        assertEquals(0.0, BeatAlign.fact(still(100), new int[] {10}).value(), "mint returns 0 without motion beats");
        assertEquals(0.0, FootContact.score(still(100), 60, 1), "documented: no root acceleration, no sliding cost");
    }

    @Test
    void tooFewSequencesOrFramesAreClearErrors() {
        double[][] one = {KineticFeatures.extract(moving(50, 0.01), 1 / 60.0)};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SetMetrics.fid(one, one));
        assertEquals("generated set has 1 feature vector(s); at least 2 are needed (a covariance or a pairwise distance needs two)",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SetMetrics.diversity(one, one));
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> KineticFeatures.extract(moving(2, 0.1), 1 / 60.0));
        assertTrue(f.getMessage().contains("at least 3 frames"));
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> BeatAlign.bailando(moving(50, 0.01), new int[] {200}));
        assertTrue(b.getMessage().contains("no music beat falls within"), b.getMessage());
    }

    @Test
    void nanCoordinatesAreRefusedWithTheirFrame() {
        float[] p = new float[10 * 72];
        p[5 * 72 + 7] = Float.NaN;
        MotionClip c = new MotionClip(Smpl.NEUTRAL, 60, null, null, p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Protocol.BAILANDO.featureWindows(c, false));
        assertEquals("motion: non-finite coordinate at frame 5, joint 2", e.getMessage());
    }

    @Test
    void sequencesOfDifferentLengthsMix() {
        double[][] gen = {KineticFeatures.extract(moving(80, 0.01), 1 / 60.0), KineticFeatures.extract(moving(200, 0.02), 1 / 60.0),
                KineticFeatures.extract(moving(130, 0.03), 1 / 60.0)};
        double fid = SetMetrics.fid(gen, gen);
        // Three vectors in 72 dimensions: a rank-2 covariance, so rounding leaves ~1e-6 of noise.
        assertTrue(Math.abs(fid) < 1e-4, "a set against itself: " + fid);
        assertTrue(Double.isFinite(SetMetrics.diversity(gen, gen)));
    }

    @Test
    void protocolsCutWindowsAsDocumented() {
        MotionClip tenSeconds = new MotionClip(Smpl.NEUTRAL, 60, null, null, positions(moving(600, 0.01)));
        assertEquals(3, Protocol.EDGE.featureWindows(tenSeconds, false).size(), "0-5, 2.5-7.5, 5-10 s");
        assertEquals(150, Protocol.EDGE.featureWindows(tenSeconds, false).get(0).frames(), "5 s at 30 fps");
        assertEquals(480, Protocol.FACT.featureWindows(tenSeconds, false).get(0).frames(), "frames 120.. after the seed");
        assertEquals(600, Protocol.FACT.featureWindows(tenSeconds, true).get(0).frames(), "real sequences in full");
        assertEquals(600, Protocol.BAILANDO.featureWindows(tenSeconds, true).get(0).frames(), "at most the first 1200");
        assertArrayEquals(new int[] {0, 23}, Protocol.EDGE.beatsAtFeatureRate(new int[] {0, 45}, 60));
    }

    private static float[] positions(Joints q) {
        float[] p = new float[q.frames() * 72];
        for (int f = 0; f < q.frames(); f++) {
            for (int j = 0; j < 24; j++) {
                for (int a = 0; a < 3; a++) {
                    p[72 * f + 3 * j + a] = q.get(f, j, a);
                }
            }
        }
        return p;
    }

    @Test
    void theServicesAreRegisteredAndKeepPerSequenceValues() throws InterruptedException {
        var ctx = FrameworkUtil.getBundle(DegenerateInputTest.class).getBundleContext();
        ServiceTracker<Metric, Metric> t = new ServiceTracker<>(ctx, Metric.class, null);
        t.open();
        t.waitForService(TimeUnit.SECONDS.toMillis(20));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<String> ids = java.util.Arrays.stream(t.getServices(new Metric[0])).map(Metric::id).sorted().toList();
        assertEquals(List.of("bas", "div_g", "div_k", "fid_g", "fid_k", "pfc"), ids);
        Metric fidK = java.util.Arrays.stream(t.getServices(new Metric[0])).filter(m -> m.id().equals("fid_k")).findFirst().orElseThrow();
        assertTrue(fidK.groundTruthIsWholeDataset("bailando"));
        MotionClip c = new MotionClip(Smpl.NEUTRAL, 60, null, null, positions(moving(700, 0.01)));
        SequenceValues v = fidK.sequence(new MetricInput("s", c, null, "edge", false));
        assertEquals(List.of("kinetic/0", "kinetic/1", "kinetic/2"), v.vectors().keySet().stream().sorted().toList(),
                "11.7 s: 5-s windows at 0, 2.5 and 5 s (one at 7.5 s would end after the clip)");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fidK.sequence(new MetricInput("s", c, null, "nope", false)));
        assertTrue(e.getMessage().startsWith("unknown protocol 'nope'"));
        t.close();
    }
}
