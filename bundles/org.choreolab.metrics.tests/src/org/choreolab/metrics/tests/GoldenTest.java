package org.choreolab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npz;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.Smpl;
import org.choreolab.metrics.BeatAlign;
import org.choreolab.metrics.GeometricFeatures;
import org.choreolab.metrics.Joints;
import org.choreolab.metrics.KineticFeatures;
import org.choreolab.metrics.Protocol;
import org.choreolab.metrics.SetMetrics;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Against the values Bailando's evaluation code computed on the reference joints. */
class GoldenTest {

    static JsonNode golden;
    static Map<String, NdArray> gt, pred;
    static List<String> names = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        golden = new ObjectMapper().readTree(Reference.file("metrics/golden.json").toFile());
        golden.get("sequences").forEach(n -> names.add(n.asText()));
        gt = npz(Reference.file("metrics/gt_joints.npz"));
        pred = npz(Reference.file("metrics/pred_joints.npz"));
        assertEquals(names.size(), gt.size());
    }

    static Map<String, NdArray> npz(Path file) throws IOException {
        return Npz.read(file);
    }

    static Joints joints(NdArray a) {
        return new Joints(a.toFloats(), a.dim(0));
    }

    /** The bailando protocol's window of a reference clip (its sequences are shorter than 1200 frames: whole, root of frame 0 subtracted). */
    static Joints featureWindow(NdArray a, boolean groundTruth) {
        List<Joints> w = Protocol.BAILANDO.featureWindows(new MotionClip(Smpl.NEUTRAL, 60, null, null, a.toFloats()), groundTruth);
        assertEquals(1, w.size());
        return w.get(0);
    }

    static void assertRelative(double expected, double actual, double tol, String what) {
        double scale = Math.max(Math.abs(expected), 1e-12);
        assertTrue(Math.abs(expected - actual) / scale <= tol || Math.abs(expected - actual) <= 1e-9,
                what + ": expected " + expected + ", got " + actual + " (relative error " + Math.abs(expected - actual) / scale + ")");
    }

    @Test
    void kineticAndGeometricFeaturesMatchPerSequence() {
        int geometricMismatches = 0;
        for (String set : List.of("gt", "pred")) {
            Map<String, NdArray> data = set.equals("gt") ? gt : pred;
            for (String s : names) {
                double[] k = KineticFeatures.extract(featureWindow(data.get(s), set.equals("gt")), 1 / 60.0);
                JsonNode ek = golden.get("kinetic").get(set).get(s);
                for (int i = 0; i < 72; i++) {
                    assertRelative(ek.get(i).asDouble(), k[i], 1e-5, set + " " + s + " kinetic[" + i + "]");
                }
                double[] g = GeometricFeatures.extract(featureWindow(data.get(s), set.equals("gt")), GeometricFeatures.Variant.FIXED);
                JsonNode eg = golden.get("geometric").get(set).get(s);
                for (int i = 0; i < 32; i++) {
                    if (Math.abs(eg.get(i).asDouble() - g[i]) > 1e-5 * Math.max(1e-12, Math.abs(eg.get(i).asDouble()))) {
                        geometricMismatches++;
                        System.out.println(set + " " + s + " geometric[" + i + "]: expected " + eg.get(i).asDouble() + ", got " + g[i]);
                    }
                }
            }
        }
        assertEquals(0, geometricMismatches, "geometric features that differ");
    }

    @Test
    void setMetricsMatch() {
        double[][] gk = new double[names.size()][], pk = new double[names.size()][], gg = new double[names.size()][],
                pg = new double[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            String s = names.get(i);
            gk[i] = KineticFeatures.extract(featureWindow(gt.get(s), true), 1 / 60.0);
            pk[i] = KineticFeatures.extract(featureWindow(pred.get(s), false), 1 / 60.0);
            gg[i] = GeometricFeatures.extract(featureWindow(gt.get(s), true), GeometricFeatures.Variant.FIXED);
            pg[i] = GeometricFeatures.extract(featureWindow(pred.get(s), false), GeometricFeatures.Variant.FIXED);
        }
        JsonNode set = golden.get("set");
        assertRelative(set.get("fid_k").asDouble(), SetMetrics.fid(pk, gk), 1e-4, "fid_k");
        assertRelative(set.get("fid_g").asDouble(), SetMetrics.fid(pg, gg), 1e-4, "fid_g");
        assertRelative(set.get("div_k").asDouble(), SetMetrics.diversity(pk, gk), 1e-6, "div_k");
        assertRelative(set.get("div_g").asDouble(), SetMetrics.diversity(pg, gg), 1e-6, "div_g");
        assertRelative(set.get("div_k_gt").asDouble(), SetMetrics.diversity(gk, gk), 1e-6, "div_k_gt");
        assertRelative(set.get("div_g_gt").asDouble(), SetMetrics.diversity(gg, gg), 1e-6, "div_g_gt");
    }

    @Test
    void beatAlignMatchesPerSequenceAndOnAverage() throws IOException {
        for (String set : List.of("gt", "pred")) {
            Map<String, NdArray> data = set.equals("gt") ? gt : pred;
            double sum = 0;
            for (String s : names) {
                String music = s.split("_")[4];
                int[] beats = Files.readAllLines(Reference.file("metrics/music_beats/" + music + ".txt")).stream()
                        .map(String::trim).filter(l -> !l.isEmpty()).mapToInt(Integer::parseInt).toArray();
                double bas = BeatAlign.bailando(joints(data.get(s)), beats).value();
                assertRelative(golden.get("bas").get(set).get(s).asDouble(), bas, 1e-6, set + " " + s + " bas");
                sum += bas;
            }
            assertRelative(golden.get("set").get("bas_" + set).asDouble(), sum / names.size(), 1e-6, "bas_" + set);
        }
    }

    @Test
    void protocolsAreNamedAndKnown() {
        assertEquals(List.of("bailando", "fact", "fact-paper", "edge"), Protocol.names());
    }
}
