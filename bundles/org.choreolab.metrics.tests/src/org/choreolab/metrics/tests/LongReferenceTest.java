package org.choreolab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.metric.SetValue;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npy;
import org.choreolab.metrics.internal.Metrics;
import org.choreolab.motion.Smpl;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every long reference case: each folder {@code reference/metrics-long*} holds {@code gt/<seq>.npy},
 * {@code pred/<seq>.npy} (float32 (T, 24, 3), 60 fps), {@code beats/<music>.txt} and one or more
 * {@code golden*.json} computed by the original code under the protocol each names. Every value a golden
 * file holds is compared with what the metric services compute: set values (FID 1e-4 relative, Div
 * 1e-5 relative, BAS 1e-6 absolute, PFC 1e-6 relative), per-sequence Beat Align and PFC, and the
 * features. New folders and golden files are picked up as they are added.
 */
class LongReferenceTest {

    static final double FID_REL = 1e-4, DIV_REL = 1e-5, BAS_ABS = 1e-6, PFC_REL = 1e-6, FEATURE_REL = 1e-5;

    static final Map<String, Metric> METRICS = new LinkedHashMap<>();

    static {
        for (Metric m : List.of(new Metrics.FidK(), new Metrics.FidG(), new Metrics.DivK(), new Metrics.DivG(), new Metrics.Bas(),
                new Metrics.Pfc())) {
            METRICS.put(m.id(), m);
        }
    }

    /** One reference folder, read once. */
    record Case(Path dir, List<String> names, Map<String, MotionClip> gt, Map<String, MotionClip> pred, Map<String, int[]> beats) {

        static Case read(Path dir, List<String> names) throws IOException {
            Map<String, MotionClip> gt = new LinkedHashMap<>(), pred = new LinkedHashMap<>();
            Map<String, int[]> beats = new LinkedHashMap<>();
            for (String n : names) {
                gt.put(n, clip(dir.resolve("gt/" + n + ".npy")));
                pred.put(n, clip(dir.resolve("pred/" + n + ".npy")));
                Path b = dir.resolve("beats/" + n.split("_")[4] + ".txt");
                beats.put(n, Files.readAllLines(b).stream().map(String::trim).filter(l -> !l.isEmpty()).mapToInt(Integer::parseInt).toArray());
            }
            return new Case(dir, names, gt, pred, beats);
        }

        static MotionClip clip(Path f) throws IOException {
            NdArray a = Npy.read(f);
            if (a.ndim() != 3 || a.dim(1) != 24 || a.dim(2) != 3) {
                throw new IOException(f + ": expected shape (frames, 24, 3), got " + a.shapeString());
            }
            return new MotionClip(Smpl.NEUTRAL, 60, null, null, a.toFloats());
        }
    }

    static List<Path> folders() throws IOException {
        try (Stream<Path> s = Files.list(Reference.dir())) {
            return s.filter(p -> p.getFileName().toString().startsWith("metrics-long") && Files.isDirectory(p)).sorted().toList();
        }
    }

    static List<Path> goldens(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("golden.*\\.json")).sorted().toList();
        }
    }

    @Test
    void theLongCasesAreThere() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path d : folders()) {
            for (Path g : goldens(d)) {
                found.add(d.getFileName() + "/" + g.getFileName());
            }
        }
        for (String expected : List.of("metrics-long/golden.json", "metrics-long/golden-fact.json", "metrics-long/golden-fact-paper.json",
                "metrics-long/golden-edge.json", "metrics-long-2/golden-fact-paper.json",
                "metrics-long-2/golden.json", "metrics-long-2/golden-fact.json", "metrics-long-2/golden-edge.json")) {
            assertTrue(found.contains(expected), "reference file missing: " + expected + " (found " + found + ")");
        }
    }

    @TestFactory
    List<DynamicTest> everyGoldenFile() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path d : folders()) {
            for (Path g : goldens(d)) {
                tests.add(DynamicTest.dynamicTest(d.getFileName() + "/" + g.getFileName(), () -> check(g)));
            }
        }
        return tests;
    }

    private static final Map<Path, Case> CASES = new java.util.concurrent.ConcurrentHashMap<>();

    static void check(Path goldenFile) throws IOException {
        JsonNode golden = new ObjectMapper().readTree(goldenFile.toFile());
        String protocol = golden.get("protocol").asText();
        List<String> names = new ArrayList<>();
        golden.get("sequences").forEach(n -> names.add(n.asText()));
        Case c = CASES.computeIfAbsent(goldenFile.getParent(), d -> {
            try {
                return Case.read(d, names);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String where = goldenFile.getParent().getFileName() + "/" + goldenFile.getFileName() + " (protocol " + protocol + ")";
        List<String> errors = new ArrayList<>();
        WORST.clear();
        Map<String, List<SequenceValues>> gt = new LinkedHashMap<>(), pred = new LinkedHashMap<>();
        for (Metric m : METRICS.values()) {
            gt.put(m.id(), score(m, c, c.gt(), protocol, true));
            pred.put(m.id(), score(m, c, c.pred(), protocol, false));
        }
        JsonNode set = golden.get("set");
        for (Iterator<String> it = set.fieldNames(); it.hasNext();) {
            String key = it.next();
            double expected = set.get(key).asDouble();
            Double actual = setValue(key, gt, pred, protocol);
            if (actual == null) {
                continue;
            }
            double tol = key.startsWith("fid") ? FID_REL : key.startsWith("div") ? DIV_REL : key.startsWith("pfc") ? PFC_REL : -1;
            compare(errors, where + " set." + key, expected, actual, tol, BAS_ABS);
        }
        // Per sequence: Beat Align, PFC per clip, features.
        for (String s : List.of("gt", "pred")) {
            Map<String, List<SequenceValues>> values = s.equals("gt") ? gt : pred;
            JsonNode bas = golden.path("bas").path(s);
            JsonNode pfc = golden.path("pfc").path(s);
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                if (bas.has(n)) {
                    compare(errors, where + " bas." + s + "." + n, bas.get(n).asDouble(),
                            values.get("bas").get(i).scalars().get("bas"), -1, BAS_ABS);
                }
                if (pfc.has(n)) {
                    double[] clips = values.get("pfc").get(i).vectors().get("pfc_clips");
                    JsonNode e = pfc.get(n);
                    if (e.size() != clips.length) {
                        errors.add(where + " pfc." + s + "." + n + ": expected " + e.size() + " clips, got " + clips.length);
                    } else {
                        for (int k = 0; k < clips.length; k++) {
                            // The golden holds the script's value for a one-file folder: the clip's mean x 10,000.
                            compare(errors, where + " pfc." + s + "." + n + "[" + k + "]", e.get(k).asDouble(), clips[k] * 10000,
                                    PFC_REL, 0);
                        }
                    }
                }
                features(errors, where, golden, "kinetic", s, n, values.get("fid_k").get(i), "kinetic");
                features(errors, where, golden, "geometric", s, n, values.get("fid_g").get(i), "geometric");
            }
        }
        if (golden.has("variant_gt_cropped_1200")) {
            // The value the wrong convention (real sequences cut to 1200 frames too) gives must not pass for ours.
            double wrong = golden.get("variant_gt_cropped_1200").get("fid_k").asDouble();
            double ours = METRICS.get("fid_k").evaluate(pred.get("fid_k"), gt.get("fid_k"), protocol).value();
            if (Math.abs(ours - wrong) <= FID_REL * Math.abs(wrong)) {
                errors.add(where + " set.fid_k: equals the cropped-ground-truth variant " + wrong);
            }
        }
        // What the comparison measured, for the record (the build log).
        System.out.println(where + ": largest differences " + WORST);
        assertTrue(errors.isEmpty(), errors.size() + " value(s) differ from the reference:\n"
                + String.join("\n", errors.subList(0, Math.min(errors.size(), 40))));
    }

    static List<SequenceValues> score(Metric m, Case c, Map<String, MotionClip> clips, String protocol, boolean groundTruth) {
        List<SequenceValues> out = new ArrayList<>();
        for (String n : c.names()) {
            out.add(m.sequence(new MetricInput(n, clips.get(n), c.beats().get(n), protocol, groundTruth)));
        }
        return out;
    }

    /** The set value a golden key names: fid_k, div_k, div_k_gt (the real set's own), bas_gt, bas_pred, pfc_gt, pfc_pred. */
    static Double setValue(String key, Map<String, List<SequenceValues>> gt, Map<String, List<SequenceValues>> pred, String protocol) {
        if (key.matches("(fid|div)_[kg]")) {
            return METRICS.get(key).evaluate(pred.get(key), gt.get(key), protocol).value();
        }
        if (key.matches("div_[kg]_gt")) {
            String id = key.substring(0, 5);
            return METRICS.get(id).evaluate(gt.get(id), gt.get(id), protocol).value();
        }
        if (key.matches("(bas|pfc)_(gt|pred)")) {
            String id = key.substring(0, 3);
            List<SequenceValues> v = key.endsWith("_gt") ? gt.get(id) : pred.get(id);
            return METRICS.get(id).evaluate(v, gt.get(id), protocol).value();
        }
        return null;
    }

    /** Features kept by the service against the golden's (one vector, or one per window). */
    static void features(List<String> errors, String where, JsonNode golden, String section, String set, String name,
            SequenceValues kept, String key) {
        JsonNode sec = golden.path(section);
        JsonNode e = null;
        for (Iterator<String> it = sec.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (k.startsWith(set) && sec.get(k).has(name)) {
                e = sec.get(k).get(name);
            }
        }
        if (e == null) {
            return;
        }
        List<double[]> ours = new ArrayList<>();
        if (kept.vectors().containsKey(key)) {
            ours.add(kept.vectors().get(key));
        } else {
            for (int w = 0; kept.vectors().containsKey(key + "/" + w); w++) {
                ours.add(kept.vectors().get(key + "/" + w));
            }
        }
        List<JsonNode> expected = new ArrayList<>();
        if (e.get(0).isArray()) {
            e.forEach(expected::add);
        } else {
            expected.add(e);
        }
        if (expected.size() != ours.size()) {
            errors.add(where + " " + section + "." + set + "." + name + ": expected " + expected.size() + " window(s), got " + ours.size());
            return;
        }
        for (int w = 0; w < ours.size(); w++) {
            for (int i = 0; i < ours.get(w).length; i++) {
                String what = where + " " + section + "." + set + "." + name + (ours.size() > 1 ? "[" + w + "]" : "") + "[" + i + "]";
                compare(errors, what, expected.get(w).get(i).asDouble(), ours.get(w)[i], FEATURE_REL, 1e-9);
            }
        }
    }

    /** The largest difference seen per kind of value in the current file (relative, or absolute for BAS). */
    static final Map<String, String> WORST = new java.util.TreeMap<>();
    private static final Map<String, Double> WORST_VALUE = new java.util.HashMap<>();

    /** Relative tolerance {@code rel} (when ≥ 0), else absolute {@code abs}. */
    static void compare(List<String> errors, String what, double expected, double actual, double rel, double abs) {
        double err = Math.abs(expected - actual);
        String kind = what.replaceAll(".* (set\\.)?([a-z]+)[._].*", "$1$2");
        double e = rel >= 0 ? err / Math.max(Math.abs(expected), 1e-300) : err;
        if (!WORST.containsKey(kind) || e > WORST_VALUE.get(kind)) {
            WORST_VALUE.put(kind, e);
            WORST.put(kind, String.format(Locale.ROOT, "%.2g%s", e, rel >= 0 ? " rel" : " abs"));
        }
        boolean ok = rel >= 0 ? err <= rel * Math.abs(expected) || err <= abs : err <= abs;
        if (!ok) {
            errors.add(String.format(Locale.ROOT, "%s: expected %.12g, got %.12g (%s error %.3g)", what, expected, actual,
                    rel >= 0 ? "relative" : "absolute", rel >= 0 ? err / Math.max(Math.abs(expected), 1e-300) : err));
        }
    }

    @Test
    void aWrongConventionFailsTheComparison() {
        // The comparison itself can fail: a value 2e-4 off in relative terms is rejected for FID, 2e-6 off for BAS.
        List<String> errors = new ArrayList<>();
        compare(errors, "fid", 153.19, 153.19 * (1 + 2e-4), FID_REL, 0);
        compare(errors, "bas", 0.5, 0.5 + 2e-6, -1, BAS_ABS);
        compare(errors, "ok", 1.0, 1.0 + 1e-7, FID_REL, 0);
        assertFalse(errors.isEmpty());
        assertTrue(errors.size() == 2, errors.toString());
    }

    /** The set values with their flags, for the other tests. */
    static SetValue evaluate(String metric, Case c, String protocol) {
        Metric m = METRICS.get(metric);
        return m.evaluate(score(m, c, c.pred(), protocol, false), score(m, c, c.gt(), protocol, true), protocol);
    }
}
