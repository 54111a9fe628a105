package org.choreolab.metrics;

/**
 * EDGE's Physical Foot Contact score of one clip, as EDGE's {@code eval/eval_pfc.py}
 * ({@code calc_physical_score}, lines 22–45) computes it for one file: the root's acceleration (its
 * upward part clamped at zero), normalised by its maximum over the clip, times the slower horizontal
 * foot displacement of each foot (ankle or toes, left and right; displacements between consecutive
 * frames, not divided by the frame time), averaged over frames. The set value, over files, is the mean
 * × 10,000 ({@code eval_pfc.py:50}). Lower is better: feet should not slide while the body accelerates.
 *
 * <p>Computed in float32 where the script's arrays are float32 (EDGE's joints are), with the axes in
 * the order of EDGE's z-up frame: for y-up motion EDGE's rotation maps (x, y, z) to (x, −z, y), so the
 * squares are added as x, z, then the vertical y.
 */
public final class FootContact {

    private static final int[] LEFT = {7, 10}, RIGHT = {8, 11};

    private FootContact() {
    }

    /** One clip's score, and whether its root never accelerated (EDGE's script then divides 0 by 0). */
    public record Score(double value, boolean rootStill) {
    }

    /**
     * @param fps    frames per second of {@code q} (EDGE evaluates at 30: {@code DT = 1 / 30})
     * @param upAxis the vertical axis (1 for y-up data)
     */
    public static double score(Joints q, double fps, int upAxis) {
        return evaluate(q, fps, upAxis).value();
    }

    /**
     * As {@link #score}, telling whether the root never accelerates: then EDGE's script gives NaN
     * (0/0) and poisons the whole set's mean; Choreolab scores such a clip 0 (no acceleration, no
     * sliding cost) and says so.
     */
    public static Score evaluate(Joints q, double fps, int upAxis) {
        int n = q.frames();
        if (n < 3) {
            throw new IllegalArgumentException("PFC needs at least 3 frames, got " + n);
        }
        int[] order = axes(upAxis);
        int up = order[2];
        // numpy divides float32 arrays by the float64 DT as a float32 scalar.
        float dt = (float) (1 / fps);
        float[] rootA = new float[n - 2];
        float max = Float.NEGATIVE_INFINITY;
        float[] a = new float[3];
        for (int t = 0; t < n - 2; t++) {
            for (int k = 0; k < 3; k++) {
                int ax = order[k];
                float v1 = (q.get(t + 1, 0, ax) - q.get(t, 0, ax)) / dt;
                float v2 = (q.get(t + 2, 0, ax) - q.get(t + 1, 0, ax)) / dt;
                float acc = (v2 - v1) / dt;
                if (ax == up) {
                    acc = Math.max(acc, 0f);
                }
                a[k] = acc;
            }
            rootA[t] = Numpy.norm3(a[0], a[1], a[2]);
            max = Math.max(max, rootA[t]);
        }
        if (max == 0) {
            return new Score(0.0, true);
        }
        double[] loss = new double[n - 2];
        for (int t = 0; t < n - 2; t++) {
            double l = Math.min(footSpeed(q, t, LEFT[0], order), footSpeed(q, t, LEFT[1], order));
            double r = Math.min(footSpeed(q, t, RIGHT[0], order), footSpeed(q, t, RIGHT[1], order));
            float ra = rootA[t] / max;
            loss[t] = l * r * ra;
        }
        return new Score(Numpy.mean(loss), false);
    }

    /** The mean of clip scores × 10,000, as {@code np.mean(scores) * 10000}. */
    public static double setValue(double[] scores) {
        if (scores.length == 0) {
            throw new IllegalArgumentException("no clip was scored");
        }
        return Numpy.mean(scores) * 10000;
    }

    /** Horizontal displacement of a foot joint between frames t + 1 and t + 2 (float32, as in EDGE). */
    private static float footSpeed(Joints q, int t, int joint, int[] order) {
        return Numpy.norm2(q.get(t + 2, joint, order[0]) - q.get(t + 1, joint, order[0]),
                q.get(t + 2, joint, order[1]) - q.get(t + 1, joint, order[1]));
    }

    /** The two horizontal axes in EDGE's order, then the vertical one. */
    private static int[] axes(int up) {
        return switch (up) {
            case 1 -> new int[] {0, 2, 1};
            case 2 -> new int[] {0, 1, 2};
            case 0 -> new int[] {1, 2, 0};
            default -> throw new IllegalArgumentException("up axis: expected 0, 1 or 2, got " + up);
        };
    }
}
