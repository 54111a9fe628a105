package org.choreolab.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.choreolab.api.motion.MotionClip;

/**
 * Every convention that makes two papers' numbers comparable, fixed at once under a name. Results
 * record the protocol they were computed under.
 *
 * <table>
 * <caption>The protocols</caption>
 * <tr><th></th><th>bailando</th><th>fact</th><th>fact-paper</th><th>edge</th></tr>
 * <tr><td>frames scored (features)</td><td>first 1200</td><td>generated: 120 to 1320 (after the seed);
 * real: all</td><td>as fact</td><td>5-s windows, 2.5-s stride, at 30 fps</td></tr>
 * <tr><td>root</td><td>frame 0's root subtracted</td><td>kept</td><td>kept</td><td>each window's first root subtracted</td></tr>
 * <tr><td>geometric extractor</td><td>fixed (AIST++ API)</td><td>fixed</td><td>fairmotion's original (FACT paper)</td><td>fixed</td></tr>
 * <tr><td>frame time of kinetic features</td><td>1/60</td><td>1/60</td><td>1/60</td><td>1/30</td></tr>
 * <tr><td>ground-truth pool for FID</td><td>whole dataset</td><td>whole dataset</td><td>whole dataset</td><td>evaluated split</td></tr>
 * <tr><td>Beat Align Score</td><td>music → motion beats, Gaussian σ 5</td><td>motion → music beats, minima over ±10 frames</td><td>as fact</td><td>as bailando, at 30 fps</td></tr>
 * </table>
 */
public record Protocol(String name, String description, int cropStart, int cropLength, int generatedOffset,
        boolean subtractRoot, GeometricFeatures.Variant geometric, double featureFps, double windowSeconds,
        double strideSeconds, boolean wholeDatasetGroundTruth, boolean factBeats) {

    public static final Protocol BAILANDO = new Protocol("bailando",
            "Bailando's evaluation code: first 1200 frames, root of frame 0 subtracted, AIST++ API features, "
                    + "whole-dataset ground truth, Beat Align from music beats to motion beats (Gaussian σ 5)",
            0, 1200, 0, true, GeometricFeatures.Variant.FIXED, 60, 0, 0, true, false);

    public static final Protocol FACT = new Protocol("fact",
            "FACT's (mint) evaluation code: generated frames 120 to 1320 after the seed, full real sequences, root kept, "
                    + "AIST++ API features, whole-dataset ground truth, Beat Align from motion beats to music beats",
            0, 1200, 120, false, GeometricFeatures.Variant.FIXED, 60, 0, 0, true, true);

    public static final Protocol FACT_PAPER = new Protocol("fact-paper",
            "As fact, with fairmotion's original geometric extractor (wrong body measurements) that the FACT paper used",
            0, 1200, 120, false, GeometricFeatures.Variant.PAPER, 60, 0, 0, true, true);

    public static final Protocol EDGE = new Protocol("edge",
            "EDGE's setting: motion at 30 fps cut into 5-s windows with a 2.5-s stride, each window's first root "
                    + "subtracted, kinetic frame time 1/30, the evaluated split as ground truth, Bailando's Beat Align",
            0, -1, 0, true, GeometricFeatures.Variant.FIXED, 30, 5, 2.5, false, false);

    private static final Map<String, Protocol> ALL = Map.of(BAILANDO.name, BAILANDO, FACT.name, FACT,
            FACT_PAPER.name, FACT_PAPER, EDGE.name, EDGE);

    /** The names of every protocol. */
    public static List<String> names() {
        return List.of(BAILANDO.name, FACT.name, FACT_PAPER.name, EDGE.name);
    }

    public static Protocol named(String name) {
        Protocol p = ALL.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown protocol '" + name + "' (known: " + names() + ")");
        }
        return p;
    }

    /** The clip's joints at the protocol's frame rate (every k-th frame when the rate divides, else linear). */
    public Joints atFeatureRate(MotionClip clip) {
        Joints q = Joints.of(clip).requireFinite("motion");
        return resample(q, clip.fps(), featureFps);
    }

    /** The windows whose features are computed, as the protocol cuts them. */
    public List<Joints> featureWindows(MotionClip clip, boolean groundTruth) {
        Joints q = atFeatureRate(clip);
        List<Joints> out = new ArrayList<>();
        if (windowSeconds > 0) {
            int w = (int) Math.round(windowSeconds * featureFps), s = (int) Math.round(strideSeconds * featureFps);
            for (int start = 0; start + w <= q.frames(); start += s) {
                Joints win = q.crop(start, start + w);
                out.add(subtractRoot ? win.relativeToFirstRoot() : win);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("protocol " + name + " needs at least " + windowSeconds + " s of motion, got "
                        + q.frames() / featureFps + " s");
            }
            return out;
        }
        // FACT crops the generated clip after its seed but scores the full real sequences.
        boolean fullRealSequence = groundTruth && generatedOffset > 0;
        int start = cropStart + (groundTruth ? 0 : generatedOffset);
        Joints c;
        if (fullRealSequence) {
            c = q;
        } else {
            if (start >= q.frames()) {
                throw new IllegalArgumentException("protocol " + name + " scores frames from " + start + ", the clip has "
                        + q.frames());
            }
            c = q.crop(start, cropLength < 0 ? q.frames() : start + cropLength);
        }
        out.add(subtractRoot ? c.relativeToFirstRoot() : c);
        return out;
    }

    static Joints resample(Joints q, double from, double to) {
        if (Math.abs(from - to) < 1e-9) {
            return q;
        }
        double ratio = from / to;
        if (Math.abs(ratio - Math.rint(ratio)) < 1e-9 && ratio >= 1) {
            int k = (int) Math.rint(ratio);
            int n = (q.frames() + k - 1) / k;
            float[] p = new float[n * Joints.J * 3];
            for (int i = 0; i < n; i++) {
                System.arraycopy(q.p, i * k * Joints.J * 3, p, i * Joints.J * 3, Joints.J * 3);
            }
            return new Joints(p, n);
        }
        int n = (int) Math.floor((q.frames() - 1) * to / from) + 1;
        float[] p = new float[n * Joints.J * 3];
        for (int i = 0; i < n; i++) {
            double src = i * ratio;
            int a = (int) Math.floor(src);
            int b = Math.min(a + 1, q.frames() - 1);
            double t = src - a;
            for (int c = 0; c < Joints.J * 3; c++) {
                p[i * Joints.J * 3 + c] = (float) (q.p[a * Joints.J * 3 + c] * (1 - t) + q.p[b * Joints.J * 3 + c] * t);
            }
        }
        return new Joints(p, n);
    }

    /** Music beat frames at the clip's rate converted to the protocol's feature rate. */
    public int[] beatsAtFeatureRate(int[] beats, double clipFps) {
        if (Math.abs(clipFps - featureFps) < 1e-9) {
            return beats.clone();
        }
        return Arrays.stream(beats).map(b -> (int) Math.round(b * featureFps / clipFps)).toArray();
    }
}
