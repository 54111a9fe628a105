package org.choreolab.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The Beat Align Score between motion beats (local minima of joint speed) and music beats, in the
 * two directions the field's code uses, computed as that code computes it (float32 speeds summed in
 * numpy's order, scipy's Gaussian filter), so that ties between neighbouring speeds fall the same way.
 *
 * <ul>
 * <li>{@link #bailando} (Bailando {@code utils/beat_align_score.py}, {@code calc_db} and {@code BA}):
 * speed = mean over joints of the per-frame displacement, smoothed by scipy's {@code gaussian_filter}
 * (σ = 5 frames, reflect at the ends, truncated at 4σ); motion beats = strict local minima; for every
 * music beat {@code b} before the end of the speed signal ({@code get_mb(…, length)}),
 * {@code exp(−min_m (m − b)² / 2 / 9)}; averaged over music beats.</li>
 * <li>{@link #fact} (mint {@code tools/calculate_beat_scores.py}, {@code motion_peak_onehot} and
 * {@code alignment_score}): speed = sum over joints of the per-frame displacement (0 on frame 0), not
 * smoothed; motion beats = points lower than the 10 frames on each side; for every motion beat, the
 * nearest music beat, {@code exp(−d² / 2 / 3²)}; averaged over motion beats; 0 when there is no motion
 * beat. Real sequences use the music beats within the motion; generated ones skip the seed: both beat
 * lists from frame 120 on, the music's to the end of the track ({@link #fact(Joints, int[], int)}).</li>
 * </ul>
 */
public final class BeatAlign {

    private BeatAlign() {
    }

    /** The score and the motion beats found. */
    public record Score(double value, int[] motionBeats, int musicBeatsUsed) {
    }

    /** Bailando's score of a whole clip against the music beats (frames at the clip's rate). */
    public static Score bailando(Joints q, int[] musicBeats) {
        int n = q.frames() - 1;
        if (n < 1) {
            throw new IllegalArgumentException("the Beat Align Score needs at least 2 frames");
        }
        // np.mean(np.sqrt(np.sum((k[1:] - k[:-1]) ** 2, axis=2)), axis=1) on float32 keypoints.
        double[] speed = new double[n];
        float[] norms = new float[Joints.J];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < Joints.J; j++) {
                norms[j] = Numpy.norm3(q.get(t + 1, j, 0) - q.get(t, j, 0), q.get(t + 1, j, 1) - q.get(t, j, 1),
                        q.get(t + 1, j, 2) - q.get(t, j, 2));
            }
            speed[t] = Numpy.sum(norms, 0, Joints.J) / (float) Joints.J;
        }
        double[] smooth = gaussian(speed, 5.0);
        for (int i = 0; i < smooth.length; i++) {
            // scipy writes the filtered line into an output of the input's type (float32).
            smooth[i] = (float) smooth[i];
        }
        int[] motion = localMinima(smooth, 1);
        List<Integer> used = new ArrayList<>();
        for (int b : musicBeats) {
            if (b >= 0 && b < n) {
                used.add(b);
            }
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("no music beat falls within the motion's " + n + " frames");
        }
        if (motion.length == 0) {
            // The reference code fails here (min of an empty array); a motion without beats aligns with nothing.
            return new Score(0.0, motion, used.size());
        }
        double sum = 0;
        for (int b : used) {
            long best = Long.MAX_VALUE;
            for (int m : motion) {
                long d = (long) (m - b) * (m - b);
                best = Math.min(best, d);
            }
            sum += Math.exp(-best / 2.0 / 9.0);
        }
        return new Score(sum / used.size(), motion, used.size());
    }

    /** FACT's score of a real sequence: the whole clip, the music beats within it. */
    public static Score fact(Joints q, int[] musicBeats) {
        int[] motion = factMotionBeats(q);
        List<Integer> used = new ArrayList<>();
        for (int b : musicBeats) {
            if (b >= 0 && b < q.frames()) {
                used.add(b);
            }
        }
        return factAlignment(motion, used, q.frames());
    }

    /**
     * FACT's score of a generated clip whose first {@code seed} frames were given: motion beats are found
     * on the whole clip, then both lists keep only beats from frame {@code seed} on
     * ({@code alignment_score(audio_beats[120:], motion_beats[120:])}); the music beats are the whole
     * track's, so a music beat after the end of the motion can be the nearest.
     */
    public static Score fact(Joints q, int[] musicBeats, int seed) {
        if (q.frames() <= seed) {
            throw new IllegalArgumentException("a generated clip of " + q.frames() + " frames has nothing after its " + seed
                    + "-frame seed");
        }
        int[] all = factMotionBeats(q);
        int[] motion = java.util.Arrays.stream(all).filter(m -> m >= seed).toArray();
        List<Integer> used = new ArrayList<>();
        for (int b : musicBeats) {
            if (b >= seed) {
                used.add(b);
            }
        }
        return factAlignment(motion, used, q.frames());
    }

    /** mint's motion beats: minima of the summed joint speed over ±10 frames (float32 as numpy computes it). */
    static int[] factMotionBeats(Joints q) {
        int n = q.frames();
        double[] envelope = new double[n];
        float[] norms = new float[Joints.J];
        for (int t = 1; t < n; t++) {
            for (int j = 0; j < Joints.J; j++) {
                norms[j] = Numpy.norm3(q.get(t, j, 0) - q.get(t - 1, j, 0), q.get(t, j, 1) - q.get(t - 1, j, 1),
                        q.get(t, j, 2) - q.get(t - 1, j, 2));
            }
            envelope[t] = Numpy.sum(norms, 0, Joints.J);
        }
        return localMinima(envelope, 10);
    }

    private static Score factAlignment(int[] motion, List<Integer> used, int frames) {
        if (motion.length == 0) {
            return new Score(0.0, motion, used.size());
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("no music beat to align the motion's " + frames + " frames with");
        }
        double sum = 0;
        for (int m : motion) {
            long best = Long.MAX_VALUE;
            for (int b : used) {
                best = Math.min(best, Math.abs((long) b - m));
            }
            // dists are float32 in mint, but their squares go to float64 before the exponential.
            double d = (float) best;
            sum += Math.exp(-(d * d) / 2 / 9);
        }
        return new Score(sum / motion.length, motion, used.size());
    }

    /**
     * scipy.signal.argrelextrema(x, np.less, order): indices lower than each of the {@code order}
     * neighbours on both sides, neighbours beyond the ends clipped to the end values (so the ends are
     * never minima).
     */
    static int[] localMinima(double[] x, int order) {
        List<Integer> out = new ArrayList<>();
        int n = x.length;
        for (int i = 0; i < n; i++) {
            boolean min = true;
            for (int k = 1; k <= order && min; k++) {
                int lo = Math.max(0, i - k), hi = Math.min(n - 1, i + k);
                min = x[i] < x[lo] && x[i] < x[hi];
            }
            if (min) {
                out.add(i);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * scipy.ndimage.gaussian_filter1d(x, sigma) with mode 'reflect' and truncate 4.0, as scipy computes it:
     * weights {@code exp(−0.5/σ² · k²)} normalised by their numpy sum ({@code _gaussian_kernel1d}), and
     * the symmetric correlation of {@code NI_Correlate1D}: {@code x[i]·w₀}, then the pairs from the
     * outermost inwards, {@code + (x[i−k] + x[i+k])·w_k}.
     */
    static double[] gaussian(double[] x, double sigma) {
        int radius = (int) (4.0 * sigma + 0.5);
        double[] w = new double[2 * radius + 1];
        double c = -0.5 / (sigma * sigma);
        for (int k = -radius; k <= radius; k++) {
            w[k + radius] = Math.exp(c * (double) (k * k));
        }
        double sum = Numpy.sum(w);
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        int n = x.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = x[i] * w[radius];
            for (int k = radius; k >= 1; k--) {
                acc += (x[reflect(i - k, n)] + x[reflect(i + k, n)]) * w[radius - k];
            }
            y[i] = acc;
        }
        return y;
    }

    /** 'reflect' (d c b a | a b c d | d c b a), repeated for signals shorter than the kernel. */
    private static int reflect(int i, int n) {
        int period = 2 * n;
        int m = ((i % period) + period) % period;
        return m < n ? m : period - 1 - m;
    }
}
