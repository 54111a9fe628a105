package org.choreolab.metrics;

/**
 * The 72 kinetic features (fairmotion's, as the AIST++ API and Bailando compute them): for each of
 * the 24 joints, the average horizontal kinetic energy, the average vertical kinetic energy and the
 * average energy expenditure, with velocities averaged over a sliding window of ±2 frames, y up.
 *
 * <p>The energy expenditure keeps the reference code's operator precedence,
 * {@code v1 = p[t] - p[t-1] / dt}, so the numbers match every published table. Features are rounded
 * to float32, as the reference returns them.
 */
public final class KineticFeatures {

    public static final int DIMS = 72;
    private static final int WINDOW = 2;

    private KineticFeatures() {
    }

    /** The features of {@code joints} with {@code frameTime} seconds per frame (1/60 for AIST++). */
    public static double[] extract(Joints joints, double frameTime) {
        int n = joints.frames();
        if (n < 3) {
            throw new IllegalArgumentException("kinetic features need at least 3 frames, got " + n);
        }
        double[] out = new double[DIMS];
        // The reference divides float32 arrays by dt as a float32 scalar.
        float dtf = (float) frameTime;
        for (int j = 0; j < Joints.J; j++) {
            double h = 0, v = 0, e = 0;
            for (int i = 1; i < n; i++) {
                double sx = 0, sy = 0, sz = 0;
                int cw = 0;
                for (int k = -WINDOW; k <= WINDOW; k++) {
                    if (i + k - 1 < 0 || i + k >= n) {
                        continue;
                    }
                    // float32 differences, accumulated in double (numpy: float64 zeros += float32 array).
                    sx += joints.get(i + k, j, 0) - joints.get(i + k - 1, j, 0);
                    sy += joints.get(i + k, j, 1) - joints.get(i + k - 1, j, 1);
                    sz += joints.get(i + k, j, 2) - joints.get(i + k - 1, j, 2);
                    cw++;
                }
                double d = cw * frameTime;
                double hx = sx / d, hz = sz / d;
                h += hx * hx + hz * hz;
                double vy = Math.abs(sy / d);
                v += vy * vy;

                double ax = 0, ay = 0, az = 0;
                int ca = 0;
                for (int k = -WINDOW; k <= WINDOW; k++) {
                    if (i + k - 1 < 0 || i + k + 1 >= n) {
                        continue;
                    }
                    ax += accel(joints, i + k, j, 0, dtf);
                    ay += accel(joints, i + k, j, 1, dtf);
                    az += accel(joints, i + k, j, 2, dtf);
                    ca++;
                }
                ax /= ca;
                ay /= ca;
                az /= ca;
                e += Math.sqrt(ax * ax + ay * ay + az * az);
            }
            out[3 * j] = (float) (h / (n - 1.0));
            out[3 * j + 1] = (float) (v / (n - 1.0));
            out[3 * j + 2] = (float) (e / (n - 1.0));
        }
        return out;
    }

    /** ((p[t+1] − p[t]) / dt − (p[t] − p[t−1] / dt)) / dt in float32, the reference's expression. */
    private static float accel(Joints q, int t, int j, int a, float dt) {
        float v2 = (q.get(t + 1, j, a) - q.get(t, j, a)) / dt;
        float v1 = q.get(t, j, a) - q.get(t - 1, j, a) / dt;
        return (v2 - v1) / dt;
    }
}
