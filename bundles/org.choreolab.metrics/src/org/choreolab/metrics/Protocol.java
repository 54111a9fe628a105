package org.choreolab.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.motion.MotionClip;

/**
 * Every convention that makes two papers' numbers comparable, fixed at once under a name, each taken
 * from the original code (file and line in {@code docs/METRICS.md} and in {@link #conventions}). Results
 * record the protocol they were computed under, and the conventions.
 *
 * <table>
 * <caption>The protocols</caption>
 * <tr><th></th><th>bailando</th><th>fact / fact-paper</th><th>edge</th></tr>
 * <tr><td>features, generated</td><td>first 1200 frames</td><td>frames 120–1320 (the 1200 after the seed)</td>
 * <td>5-s windows, 2.5-s stride, at 30 fps</td></tr>
 * <tr><td>features, real</td><td>whole sequence</td><td>whole sequence</td><td>as generated</td></tr>
 * <tr><td>root</td><td>frame 0's root subtracted</td><td>kept</td><td>each window's first root subtracted</td></tr>
 * <tr><td>geometric extractor</td><td>fixed</td><td>fixed / fairmotion's (paper)</td><td>fixed</td></tr>
 * <tr><td>kinetic frame time</td><td>1/60</td><td>1/60</td><td>1/30</td></tr>
 * <tr><td>ground truth for FID</td><td>whole dataset</td><td>whole dataset</td><td>evaluated split</td></tr>
 * <tr><td>Beat Align</td><td>music → motion beats, whole clip</td><td>motion → music beats; generated: frames
 * 120–1320, both beat lists from 120</td><td>as bailando, at 30 fps</td></tr>
 * <tr><td>PFC</td><td>30 fps, frames as features, mean over sequences</td><td>as bailando</td><td>30 fps,
 * 5-s windows pooled over all sequences</td></tr>
 * </table>
 */
public final class Protocol {

    /** Which code's Beat Align Score. */
    public enum Beats {
        /** Bailando's: music beats to the nearest motion beat, speeds smoothed. */
        BAILANDO,
        /** mint's (FACT): motion beats to the nearest music beat, minima over ±10 frames. */
        FACT
    }

    /** EDGE evaluates PFC at 30 fps ({@code eval/eval_pfc.py:16}, {@code DT = 1 / 30}). */
    public static final double PFC_FPS = 30;

    public static final Protocol BAILANDO = new Protocol("bailando",
            "Bailando's evaluation code: generated dances cut to their first 1200 frames, real ones whole, root of frame 0 "
                    + "subtracted, AIST++ API features, whole-dataset ground truth, Beat Align from music beats to motion beats "
                    + "(Gaussian σ 5) on whole clips",
            0, 1200, true, GeometricFeatures.Variant.FIXED, 60, 0, 0, true, Beats.BAILANDO, 0);

    public static final Protocol FACT = new Protocol("fact",
            "FACT's evaluation code (mint): generated frames 120 to 1320 (the 1200 after the 120-frame seed), real sequences "
                    + "whole, root kept, AIST++ API features, whole-dataset ground truth, Beat Align from motion beats to music "
                    + "beats, from frame 120 on for generated dances",
            120, 1320, false, GeometricFeatures.Variant.FIXED, 60, 0, 0, true, Beats.FACT, 120);

    public static final Protocol FACT_PAPER = new Protocol("fact-paper",
            "As fact, with the geometric extractor the FACT paper used (fairmotion's joint-name list: most predicates read the "
                    + "wrong joints; its body measurements)",
            120, 1320, false, GeometricFeatures.Variant.PAPER, 60, 0, 0, true, Beats.FACT, 120);

    public static final Protocol EDGE = new Protocol("edge",
            "EDGE's setting: motion at 30 fps cut into 5-s windows with a 2.5-s stride (as EDGE slices it), each window's "
                    + "first root subtracted for features, kinetic frame time 1/30, the evaluated split as ground truth, "
                    + "Bailando's Beat Align at 30 fps, PFC as EDGE's script: windows pooled over all sequences",
            0, -1, true, GeometricFeatures.Variant.FIXED, 30, 5, 2.5, false, Beats.BAILANDO, 0);

    private static final Map<String, Protocol> ALL = Map.of(BAILANDO.name, BAILANDO, FACT.name, FACT,
            FACT_PAPER.name, FACT_PAPER, EDGE.name, EDGE);

    private final String name, description;
    private final int generatedStart, generatedEnd;
    private final boolean subtractRoot;
    private final GeometricFeatures.Variant geometric;
    private final double featureFps, windowSeconds, strideSeconds;
    private final boolean wholeDatasetGroundTruth;
    private final Beats beats;
    private final int seedFrames;

    private Protocol(String name, String description, int generatedStart, int generatedEnd, boolean subtractRoot,
            GeometricFeatures.Variant geometric, double featureFps, double windowSeconds, double strideSeconds,
            boolean wholeDatasetGroundTruth, Beats beats, int seedFrames) {
        this.name = name;
        this.description = description;
        this.generatedStart = generatedStart;
        this.generatedEnd = generatedEnd;
        this.subtractRoot = subtractRoot;
        this.geometric = geometric;
        this.featureFps = featureFps;
        this.windowSeconds = windowSeconds;
        this.strideSeconds = strideSeconds;
        this.wholeDatasetGroundTruth = wholeDatasetGroundTruth;
        this.beats = beats;
        this.seedFrames = seedFrames;
    }

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

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** First frame of a generated clip that features score (the seed's length under fact). */
    public int generatedStart() {
        return generatedStart;
    }

    /** End (exclusive) of a generated clip as the protocol's pipeline has it, or −1 for the whole clip. */
    public int generatedEnd() {
        return generatedEnd;
    }

    /** Whether features see positions relative to the root of the first scored frame (of each window). */
    public boolean subtractRoot() {
        return subtractRoot;
    }

    public GeometricFeatures.Variant geometric() {
        return geometric;
    }

    /** The frame rate features and beats are computed at. */
    public double featureFps() {
        return featureFps;
    }

    /** Seconds per frame of the kinetic features' velocities (1 / {@link #featureFps}). */
    public double kineticFrameTime() {
        return 1 / featureFps;
    }

    /** Window length in seconds, or 0 when whole clips are scored. */
    public double windowSeconds() {
        return windowSeconds;
    }

    public double strideSeconds() {
        return strideSeconds;
    }

    public boolean windowed() {
        return windowSeconds > 0;
    }

    public boolean wholeDatasetGroundTruth() {
        return wholeDatasetGroundTruth;
    }

    public Beats beats() {
        return beats;
    }

    /** Whether the Beat Align Score goes from motion beats to music beats (FACT's direction). */
    public boolean factBeats() {
        return beats == Beats.FACT;
    }

    /** Frames of a generated clip given to the generator (not scored by FACT's Beat Align), 0 when none. */
    public int seedFrames() {
        return seedFrames;
    }

    /** The clip's joints at the protocol's frame rate (every k-th frame when the rate divides, else linear). */
    public Joints atFeatureRate(MotionClip clip) {
        Joints q = Joints.of(clip).requireFinite("motion");
        return resample(q, clip.fps(), featureFps);
    }

    /** The windows whose features are computed, as the protocol cuts them. */
    public List<Joints> featureWindows(MotionClip clip, boolean groundTruth) {
        List<Joints> out = new ArrayList<>();
        for (Joints w : scoredFrames(clip, groundTruth, featureFps)) {
            out.add(subtractRoot ? w.relativeToFirstRoot() : w);
        }
        return out;
    }

    /**
     * The clips EDGE's PFC script scores, one per "file": under {@code edge} the 5-s windows (pooled over
     * all sequences), otherwise the frames the features score; all at 30 fps, positions as they are.
     */
    public List<Joints> pfcClips(MotionClip clip, boolean groundTruth) {
        return scoredFrames(clip, groundTruth, PFC_FPS);
    }

    /** Frames scored for features and PFC, at {@code fps}, without any root change. */
    private List<Joints> scoredFrames(MotionClip clip, boolean groundTruth, double fps) {
        Joints q = Joints.of(clip).requireFinite("motion");
        List<Joints> out = new ArrayList<>();
        if (windowed()) {
            // EDGE's data/slice.py slice_motion: window = int(5 * fps), stride = int(2.5 * fps), cut at the
            // source rate while start <= len - window; dance_dataset.py then keeps every (fps / 30)-th frame.
            int w = (int) (windowSeconds * clip.fps()), s = (int) (strideSeconds * clip.fps());
            for (int start = 0; start + w <= q.frames(); start += s) {
                out.add(resample(q.crop(start, start + w), clip.fps(), fps));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("protocol " + name + " needs at least " + windowSeconds + " s of motion, got "
                        + q.frames() / clip.fps() + " s");
            }
            return out;
        }
        Joints c = q;
        if (!groundTruth) {
            // Crops are in frames of 60-fps motion, as the original code's.
            int from = (int) Math.round(generatedStart * clip.fps() / 60), to = (int) Math.round(generatedEnd * clip.fps() / 60);
            if (from >= q.frames()) {
                throw new IllegalArgumentException("protocol " + name + " scores generated frames from " + from + ", the clip has "
                        + q.frames());
            }
            c = q.crop(from, generatedEnd < 0 ? q.frames() : to);
        }
        out.add(resample(c, clip.fps(), fps));
        return out;
    }

    /** The Beat Align Score of one clip under this protocol (music beats at the clip's frame rate). */
    public BeatAlign.Score beatAlign(MotionClip clip, int[] musicBeats, boolean groundTruth) {
        Joints q = atFeatureRate(clip);
        int[] b = beatsAtFeatureRate(musicBeats, clip.fps());
        if (beats == Beats.BAILANDO) {
            // beat_align_score.py calc_ba_score: the whole clip ([:, :]), generated or real.
            return BeatAlign.bailando(q, b);
        }
        if (groundTruth) {
            // calculate_beat_scores.py:163-177: the whole real sequence, music beats cut to its length.
            return BeatAlign.fact(q, b);
        }
        // calculate_beat_scores.py:190-208 on the evaluator's output (seed + 1200 frames): beats from frame 120 on.
        Joints out = generatedEnd < 0 ? q : q.crop(0, Math.min(q.frames(), generatedEnd));
        return BeatAlign.fact(out, b, seedFrames);
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

    /** Music beat frames at the clip's rate converted to the protocol's feature rate (rounded, halves up). */
    public int[] beatsAtFeatureRate(int[] beats, double clipFps) {
        if (Math.abs(clipFps - featureFps) < 1e-9) {
            return beats.clone();
        }
        return Arrays.stream(beats).map(b -> (int) Math.round(b * featureFps / clipFps)).toArray();
    }

    /**
     * What this protocol does for one metric, for results to record: each convention in one line with the
     * original code it follows. Keys: {@code source}, {@code frames}, {@code frame_rate}, {@code root},
     * {@code ground_truth}, {@code normalisation}, {@code extractor}, {@code pooling}, {@code beats},
     * {@code up_axis} (those that apply).
     *
     * @param metric a metric id: {@code fid_k}, {@code fid_g}, {@code div_k}, {@code div_g}, {@code bas}, {@code pfc}
     */
    public Map<String, String> conventions(String metric) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("protocol", name);
        boolean bailando = this == BAILANDO, fact = beats == Beats.FACT, edge = this == EDGE;
        switch (metric) {
        case "fid_k", "fid_g", "div_k", "div_g" -> {
            boolean kinetic = metric.endsWith("_k");
            c.put("source", bailando ? "Bailando utils/metrics_new.py (normalize l.9-13, calc_fid l.93-129, calculate_avg_distance "
                    + "l.138-149), extract_aist_features.py" : fact ? "mint PR #41 (d40065ab) tools/calculate_fid_scores.py "
                            + "(calculate_frechet_feature_distance l.190-207, calculate_frechet_distance l.82-151, "
                            + "calculate_avg_distance l.176-187)" : "Bailando's metric code (EDGE ships none) on EDGE's windows");
            c.put("frames", bailando ? "generated: first 1200 frames (metrics_new.py:164); real: whole sequence "
                    + "(extract_aist_features.py:45-58)" : fact ? "generated: frames 120-1320, i.e. the 1200 frames mint's "
                            + "evaluator generates after the 120-frame seed (single_task_evaluator.py:69-71) with the seed dropped "
                            + "(calculate_fid_scores.py:232); real: whole sequence (extract_aist_features.py)"
                            : "5-s windows, 2.5-s stride, cut at the source rate (EDGE data/slice.py slice_motion), generated and real");
            c.put("frame_rate", edge ? "30 fps (every 2nd frame of 60-fps motion, EDGE dataset/dance_dataset.py:34-37,137)"
                    : "60 fps (AIST++'s)");
            if (kinetic) {
                c.put("kinetic_frame_time", edge ? "1/30 s" : "1/60 s (features/kinetic.py KineticFeatures default)");
            } else {
                c.put("extractor", geometric == GeometricFeatures.Variant.PAPER
                        ? "aistplusplus_api e751b37 features/manual.py (fairmotion's joint-name list and measurements, FACT paper)"
                        : "aistplusplus_api features/manual.py (= Bailando utils/features/manual_new.py), 1/120 s per frame");
            }
            c.put("root", bailando ? "frame 0's root subtracted (metrics_new.py:166-168; extract_aist_features.py:51-52)"
                    : fact ? "positions as given (no root change)" : "each window's first root subtracted");
            c.put("ground_truth", wholeDatasetGroundTruth ? "whole dataset: every sequence of every split (all features "
                    + "extracted by extract_aist_features.py)" : "the evaluated split");
            c.put("normalisation", "both sets by the ground truth's float32 mean and std + 1e-10");
            if (metric.startsWith("fid")) {
                c.put("covariance", "np.cov(rowvar=False), tr sqrt(S1 S2) from the eigenvalues of sqrt(S2) S1 sqrt(S2) "
                        + "(scipy sqrtm's real part)");
            } else {
                c.put("pooling", "mean Euclidean distance over all pairs of the normalised generated set");
            }
        }
        case "bas" -> {
            if (fact) {
                c.put("source", "mint PR #41 (d40065ab) tools/calculate_beat_scores.py (motion_peak_onehot l.89-111, "
                        + "alignment_score l.114-126)");
                c.put("frames", "generated: the first 1320 frames (seed + 1200), motion beats found on all of them, then both beat "
                        + "lists from frame 120 on: alignment_score(audio_beats[120:], motion_beats[120:]) (l.200-208); real: "
                        + "whole sequence (l.163-177)");
                c.put("music_beats", "generated: every beat of the track from frame 120 on, also after the motion's end "
                        + "(audio_feature[:, -1], l.207); real: beats before the motion's end (audio_feature[:len, -1], l.175)");
                c.put("beats", "motion beats: minima of the summed joint speed over ±10 frames (argrelextrema order=10, l.103); "
                        + "each motion beat to the nearest music beat, exp(-d²/2/3²) (sigma=3, l.177, l.208); 0 with no motion "
                        + "beat (l.116-117)");
                c.put("pooling", "mean over sequences (sum / n, l.179, l.210)");
                c.put("frame_rate", "60 fps");
            } else {
                c.put("source", "Bailando utils/beat_align_score.py (calc_db l.43-48, BA l.51-55, calc_ba_score l.57-73)");
                c.put("frames", "whole clip, generated and real (pred_position[:, :], l.66)");
                c.put("music_beats", "beats before the end of the speed signal (get_mb(..., length), l.17-23, l.69)");
                c.put("beats", "speed = mean joint displacement, gaussian_filter sigma 5 (l.45-46), motion beats = strict minima "
                        + "(l.47); each music beat to the nearest motion beat, exp(-d²/2/9) (l.54); 0 with no motion beat "
                        + "(Bailando's code fails there)");
                c.put("pooling", "mean over sequences (np.mean, l.73)");
                c.put("frame_rate", edge ? "30 fps (every 2nd frame), music beat frames halved and rounded (halves up)"
                        : "60 fps");
            }
        }
        case "pfc" -> {
            c.put("source", "EDGE eval/eval_pfc.py calc_physical_score (l.10-51)");
            c.put("frame_rate", "30 fps, DT = 1/30 (l.16): every 2nd frame of 60-fps motion, as EDGE's data "
                    + "(dataset/dance_dataset.py:34-37,137)");
            c.put("frames", edge ? "5-s windows with a 2.5-s stride (EDGE data/slice.py, test.py), each scored as one file"
                    : "the frames the protocol's features score (" + (fact ? "generated 120-1320" : "generated first 1200")
                            + ", real whole), as one file per sequence; EDGE defines no crop for this protocol");
            c.put("pooling", edge ? "mean over all windows of all sequences (l.21-50: one score per file, np.mean over files)"
                    : "mean over sequences");
            c.put("up_axis", "y (EDGE's z after its y-up to z-up rotation, dance_dataset.py:152-166; up_dir = 2, l.14)");
            c.put("scale", "x 10000 (l.50)");
            c.put("still_root", "a clip whose root never accelerates scores 0 and is flagged (EDGE's script divides 0 by 0)");
        }
        default -> throw new IllegalArgumentException("no conventions for metric '" + metric + "'");
        }
        return c;
    }

    @Override
    public String toString() {
        return name;
    }
}
