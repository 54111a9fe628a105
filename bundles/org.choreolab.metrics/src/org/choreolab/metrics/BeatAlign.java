package org.choreolab.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The Beat Align Score between motion beats (local minima of joint speed) and music beats, in the
 * two directions the field's code uses.
 *
 * <ul>
 * <li>{@link #bailando}: speed = mean over joints of the per-frame displacement, smoothed by a Gaussian
 * (σ = 5 frames, scipy's {@code gaussian_filter} defaults: reflect at the ends, truncated at 4σ);
 * motion beats = strict local minima; for every music beat {@code b} before the end of the speed
 * signal, {@code exp(−min_m (m − b)² / 18)}; averaged over music beats.</li>
 * <li>{@link #fact}: speed = sum over joints of the per-frame displacement (0 on frame 0), not
 * smoothed; motion beats = points lower than the 10 frames on each side; for every motion beat, the
 * nearest music beat among those before the end of the motion, {@code exp(−d² / 18)}; averaged over
 * motion beats; 0 when there is no motion beat.</li>
 * </ul>
 */
public final class BeatAlign {

    private BeatAlign() {
    }

    /** The score and the motion beats found. */
    public record Score(double value, int[] motionBeats, int musicBeatsUsed) {
    }

    public static Score bailando(Joints q, int[] musicBeats) {
        int n = q.frames() - 1;
        if (n < 1) {
            throw new IllegalArgumentException("the Beat Align Score needs at least 2 frames");
        }
        double[] speed = new double[n];
        for (int t = 0; t < n; t++) {
            double s = 0;
            for (int j = 0; j < Joints.J; j++) {
                float dx = q.get(t + 1, j, 0) - q.get(t, j, 0);
                float dy = q.get(t + 1, j, 1) - q.get(t, j, 1);
                float dz = q.get(t + 1, j, 2) - q.get(t, j, 2);
                s += Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
            // The reference works on float32 arrays: round as it does, so ties fall the same way.
            speed[t] = (float) (s / Joints.J);
        }
        double[] smooth = gaussian(speed, 5.0);
        for (int i = 0; i < smooth.length; i++) {
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

    public static Score fact(Joints q, int[] musicBeats) {
        int n = q.frames();
        double[] envelope = new double[n];
        for (int t = 1; t < n; t++) {
            double s = 0;
            for (int j = 0; j < Joints.J; j++) {
                float dx = q.get(t, j, 0) - q.get(t - 1, j, 0);
                float dy = q.get(t, j, 1) - q.get(t - 1, j, 1);
                float dz = q.get(t, j, 2) - q.get(t - 1, j, 2);
                s += (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
            envelope[t] = (float) s;
        }
        int[] motion = localMinima(envelope, 10);
        List<Integer> used = new ArrayList<>();
        for (int b : musicBeats) {
            if (b >= 0 && b < n) {
                used.add(b);
            }
        }
        if (motion.length == 0) {
            return new Score(0.0, motion, used.size());
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("no music beat falls within the motion's " + n + " frames");
        }
        double sum = 0;
        for (int m : motion) {
            long best = Long.MAX_VALUE;
            for (int b : used) {
                best = Math.min(best, Math.abs((long) b - m));
            }
            sum += Math.exp(-(double) (best * best) / 2.0 / 9.0);
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

    /** scipy.ndimage.gaussian_filter1d with mode 'reflect' and truncate 4.0. */
    static double[] gaussian(double[] x, double sigma) {
        int radius = (int) (4.0 * sigma + 0.5);
        double[] w = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            w[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += w[k + radius];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        int n = x.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int k = -radius; k <= radius; k++) {
                acc += w[k + radius] * x[reflect(i + k, n)];
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
