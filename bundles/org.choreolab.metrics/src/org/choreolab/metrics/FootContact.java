package org.choreolab.metrics;

/**
 * EDGE's Physical Foot Contact score of one clip: the root's acceleration (its upward part clamped
 * at zero), normalised by its maximum over the clip, times the slower horizontal foot speed of each
 * foot (ankle or toes, left and right), averaged over frames. The set value is the mean over clips
 * × 10,000. Lower is better: feet should not slide while the body accelerates.
 */
public final class FootContact {

    private static final int[] LEFT = {7, 10}, RIGHT = {8, 11};

    private FootContact() {
    }

    /**
     * @param fps    frames per second (EDGE evaluates at 30)
     * @param upAxis the vertical axis (1 for y-up data)
     */
    public static double score(Joints q, double fps, int upAxis) {
        int n = q.frames();
        if (n < 3) {
            throw new IllegalArgumentException("PFC needs at least 3 frames, got " + n);
        }
        double dt = 1 / fps;
        double[] rootA = new double[n - 2];
        double max = 0;
        for (int t = 0; t < n - 2; t++) {
            double s = 0;
            for (int a = 0; a < 3; a++) {
                double v1 = (q.get(t + 1, 0, a) - q.get(t, 0, a)) / dt;
                double v2 = (q.get(t + 2, 0, a) - q.get(t + 1, 0, a)) / dt;
                double acc = (v2 - v1) / dt;
                if (a == upAxis) {
                    acc = Math.max(acc, 0);
                }
                s += acc * acc;
            }
            rootA[t] = Math.sqrt(s);
            max = Math.max(max, rootA[t]);
        }
        if (max == 0) {
            // The reference divides by zero here; a root that never accelerates makes no sliding cost.
            return 0;
        }
        double loss = 0;
        for (int t = 0; t < n - 2; t++) {
            double l = Math.min(footSpeed(q, t, LEFT[0], upAxis), footSpeed(q, t, LEFT[1], upAxis));
            double r = Math.min(footSpeed(q, t, RIGHT[0], upAxis), footSpeed(q, t, RIGHT[1], upAxis));
            loss += l * r * rootA[t] / max;
        }
        return loss / (n - 2);
    }

    /** Horizontal displacement of a foot joint between frames t + 1 and t + 2 (not divided by dt, as in EDGE). */
    private static double footSpeed(Joints q, int t, int joint, int up) {
        double s = 0;
        for (int a = 0; a < 3; a++) {
            if (a != up) {
                double d = q.get(t + 2, joint, a) - q.get(t + 1, joint, a);
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }
}
