package org.choreolab.metrics;

import java.util.List;

/**
 * The 32 geometric ("manual") features: boolean pose and motion predicates (a hand above the head,
 * a foot lifted, a knee bent, a fast wrist, …) evaluated on every frame after the first and averaged,
 * with thresholds scaled by the humerus length, shoulder width and hip width.
 *
 * <p>{@link Variant#FIXED} is the extractor of the AIST++ API (and Bailando's {@code manual_new}),
 * {@link Variant#PAPER} the earlier one, with fairmotion's joint-name list, that the FACT paper used.
 * Velocities use the reference's 1/120 s per frame.
 *
 * <p>The predicates are evaluated in double precision where the reference uses float32 for arrays of
 * joints; a predicate can only differ when a value lies within about 1e-7 of its threshold (none did
 * over the 16 + 10 long reference sequences, about 1.9 million evaluations).
 */
public final class GeometricFeatures {

    public static final int DIMS = 32;

    /** Which extractor: the body measurements the thresholds are scaled by, and how joint names resolve. */
    public enum Variant {
        /**
         * The AIST++ API's corrected extractor ({@code aist_plusplus/features/manual.py} from commit 091f00b on;
         * Bailando's {@code utils/features/manual_new.py} is the same).
         */
        FIXED(new double[] {1.99113488e-01, 2.36807942e-01, -1.80702247e-02}, new double[] {4.54445392e-01, 2.21158922e-01, -4.10167128e-02},
                new double[] {1.99113488e-01, 2.36807942e-01, -1.80702247e-02}, new double[] {-1.91692337e-01, 2.36928746e-01, -1.23055102e-02},
                new double[] {5.64076714e-02, -3.23069185e-01, 1.09197125e-02}, new double[] {-6.24834076e-02, -3.31302464e-01, 1.50412619e-02},
                identity()),
        /**
         * The extractor the FACT paper's FID_g used (fairmotion's, as the AIST++ API shipped it before commit
         * 091f00b "fix SMPL name ordering bug in manual feature", i.e. at e751b37): joint names resolved through
         * fairmotion's 22-name list, so most predicates read the wrong SMPL joints (its "lknee" is SMPL's
         * rhip, its "lwrist" SMPL's rshoulder, …), and the body measurements taken from those wrong joints.
         */
        PAPER(new double[] {0.00121265, 0.37817603, 0.03681623}, new double[] {0.19911349, 0.23680794, -0.01807022},
                new double[] {0.00121265, 0.37817603, 0.03681623}, new double[] {-0.45181984, 0.2225595, -0.04357424},
                new double[] {0.05640767, -0.32306919, 0.01091971}, new double[] {-0.10574003, -0.7149903, 0.01019822},
                fairmotionNames());

        final double hl, sw, hw;
        /** For each SMPL joint name (by its SMPL index), the row of the positions the extractor reads. */
        final int[] joints;

        Variant(double[] hl1, double[] hl2, double[] sw1, double[] sw2, double[] hw1, double[] hw2, int[] joints) {
            this.hl = dist(hl1, hl2);
            this.sw = dist(sw1, sw2);
            this.hw = dist(hw1, hw2);
            this.joints = joints;
        }

        private static double dist(double[] a, double[] b) {
            double x = a[0] - b[0], y = a[1] - b[1], z = a[2] - b[2];
            return Math.sqrt(x * x + y * y + z * z);
        }

        private static int[] identity() {
            int[] m = new int[Joints.J];
            for (int j = 0; j < m.length; j++) {
                m[j] = j;
            }
            return m;
        }

        /**
         * fairmotion's list ["root", "lhip", "lknee", "lankle", "ltoes", "rhip", "rknee", "rankle", "rtoes",
         * "belly", "spine", "chest", "neck", "head", "linshoulder", "lshoulder", "lelbow", "lwrist",
         * "rinshoulder", "rshoulder", "relbow", "rwrist"]: the index of each SMPL joint's name in it.
         */
        private static int[] fairmotionNames() {
            List<String> old = List.of("root", "lhip", "lknee", "lankle", "ltoes", "rhip", "rknee", "rankle", "rtoes", "belly",
                    "spine", "chest", "neck", "head", "linshoulder", "lshoulder", "lelbow", "lwrist", "rinshoulder", "rshoulder",
                    "relbow", "rwrist");
            List<String> smpl = List.of("root", "lhip", "rhip", "belly", "lknee", "rknee", "spine", "lankle", "rankle", "chest",
                    "ltoes", "rtoes", "neck", "linshoulder", "rinshoulder", "head", "lshoulder", "rshoulder", "lelbow", "relbow",
                    "lwrist", "rwrist", "lhand", "rhand");
            int[] m = new int[Joints.J];
            for (int j = 0; j < m.length; j++) {
                // lhand and rhand are not in the old list; no predicate reads them.
                m[j] = old.indexOf(smpl.get(j));
            }
            return m;
        }
    }

    // SMPL joint indices, i.e. the names the predicates use (resolved through Variant.joints).
    private static final int ROOT = 0, LHIP = 1, RHIP = 2, BELLY = 3, LKNEE = 4, RKNEE = 5, LANKLE = 7, RANKLE = 8,
            CHEST = 9, LTOES = 10, RTOES = 11, NECK = 12, LSHOULDER = 16, RSHOULDER = 17, LELBOW = 18, RELBOW = 19,
            LWRIST = 20, RWRIST = 21;
    // Points that are not joints.
    private static final int ZERO = -1, Y_UNIT = -2, MINUS_Y_UNIT = -3, Y_MIN = -4;
    private static final double TIME_PER_FRAME = 1 / 120.0;

    private GeometricFeatures() {
    }

    public static double[] extract(Joints q, Variant variant) {
        int n = q.frames();
        if (n < 2) {
            throw new IllegalArgumentException("geometric features need at least 2 frames, got " + n);
        }
        double hl = variant.hl, sw = variant.sw, hw = variant.hw;
        int[] counts = new int[DIMS];
        Frame f = new Frame(q);
        // The joints each predicate reads, as the variant's joint-name list resolves them.
        int[] m = variant.joints;
        final int root = m[ROOT], lhip = m[LHIP], rhip = m[RHIP], belly = m[BELLY], lknee = m[LKNEE], rknee = m[RKNEE];
        final int lankle = m[LANKLE], rankle = m[RANKLE], chest = m[CHEST], ltoes = m[LTOES], rtoes = m[RTOES], neck = m[NECK];
        final int lshoulder = m[LSHOULDER], rshoulder = m[RSHOULDER], lelbow = m[LELBOW], relbow = m[RELBOW];
        final int lwrist = m[LWRIST], rwrist = m[RWRIST];
        for (int t = 1; t < n; t++) {
            f.at(t);
            int k = 0;
            counts[k++] += b(f.nmove(neck, rhip, lhip, rwrist, 1.8 * hl));
            counts[k++] += b(f.nmove(neck, lhip, rhip, lwrist, 1.8 * hl));
            counts[k++] += b(f.nplane(chest, neck, neck, rwrist, 0.2 * hl));
            counts[k++] += b(f.nplane(chest, neck, neck, lwrist, 0.2 * hl));
            counts[k++] += b(f.move(belly, chest, chest, rwrist, 1.8 * hl));
            counts[k++] += b(f.move(belly, chest, chest, lwrist, 1.8 * hl));
            counts[k++] += b(f.angle(relbow, rshoulder, relbow, rwrist, 0, 110));
            counts[k++] += b(f.angle(lelbow, lshoulder, lelbow, lwrist, 0, 110));
            counts[k++] += b(f.nplane(lshoulder, rshoulder, lwrist, rwrist, 2.5 * sw));
            counts[k++] += b(f.move(lwrist, rwrist, rwrist, lwrist, 1.4 * hl));
            counts[k++] += b(f.move(rwrist, root, lwrist, root, 1.4 * hl));
            counts[k++] += b(f.move(lwrist, root, rwrist, root, 1.4 * hl));
            counts[k++] += b(f.fast(rwrist, 2.5 * hl));
            counts[k++] += b(f.fast(lwrist, 2.5 * hl));
            counts[k++] += b(f.plane(root, lhip, ltoes, rankle, 0.38 * hl));
            counts[k++] += b(f.plane(root, rhip, rtoes, lankle, 0.38 * hl));
            counts[k++] += b(f.nplane(ZERO, Y_UNIT, Y_MIN, rankle, 1.2 * hl));
            counts[k++] += b(f.nplane(ZERO, Y_UNIT, Y_MIN, lankle, 1.2 * hl));
            counts[k++] += b(f.nplane(lhip, rhip, lankle, rankle, 2.1 * hw));
            counts[k++] += b(f.angle(rknee, rhip, rknee, rankle, 0, 110));
            counts[k++] += b(f.angle(lknee, lhip, lknee, lankle, 0, 110));
            counts[k++] += b(f.fast(rankle, 2.5 * hl));
            counts[k++] += b(f.fast(lankle, 2.5 * hl));
            counts[k++] += b(f.angle(neck, root, rshoulder, relbow, 25, 180));
            counts[k++] += b(f.angle(neck, root, lshoulder, lelbow, 25, 180));
            counts[k++] += b(f.angle(neck, root, rhip, rknee, 50, 180));
            counts[k++] += b(f.angle(neck, root, lhip, lknee, 50, 180));
            counts[k++] += b(f.plane(rankle, neck, lankle, root, 0.5 * hl));
            counts[k++] += b(f.angle(neck, root, ZERO, Y_UNIT, 70, 110));
            counts[k++] += b(f.nplane(ZERO, MINUS_Y_UNIT, Y_MIN, rwrist, -1.2 * hl));
            counts[k++] += b(f.nplane(ZERO, MINUS_Y_UNIT, Y_MIN, lwrist, -1.2 * hl));
            counts[k++] += b(f.fast(root, 2.3 * hl));
        }
        double[] out = new double[DIMS];
        for (int i = 0; i < DIMS; i++) {
            // numpy averages the float32 booleans in float32.
            out[i] = (float) counts[i] / (float) (n - 1);
        }
        return out;
    }

    private static int b(boolean v) {
        return v ? 1 : 0;
    }

    /** The predicates on one frame and its predecessor, with scratch vectors (no allocation per frame). */
    private static final class Frame {
        private final Joints q;
        private int t;
        private double yMin;

        Frame(Joints q) {
            this.q = q;
        }

        void at(int frame) {
            t = frame;
            double m = Double.POSITIVE_INFINITY;
            for (int j = 0; j < Joints.J; j++) {
                m = Math.min(m, q.get(t, j, 1));
            }
            yMin = m;
        }

        private double c(int point, int axis) {
            return switch (point) {
                case ZERO -> 0;
                case Y_UNIT -> axis == 1 ? 1 : 0;
                case MINUS_Y_UNIT -> axis == 1 ? -1 : 0;
                case Y_MIN -> axis == 1 ? yMin : 0;
                default -> q.get(t, point, axis);
            };
        }

        private double prev(int joint, int axis) {
            return q.get(t - 1, joint, axis);
        }

        /** Velocity of p relative to j1 along the normal of the plane (j1, j2, j3), per 1/120 s. */
        boolean nmove(int j1, int j2, int j3, int p, double threshold) {
            double vx = (c(p, 0) - c(j1, 0)) - (prev(p, 0) - prev(j1, 0));
            double vy = (c(p, 1) - c(j1, 1)) - (prev(p, 1) - prev(j1, 1));
            double vz = (c(p, 2) - c(j1, 2)) - (prev(p, 2) - prev(j1, 2));
            double ax = c(j3, 0) - c(j1, 0), ay = c(j3, 1) - c(j1, 1), az = c(j3, 2) - c(j1, 2);
            double bx = c(j2, 0) - c(j1, 0), by = c(j2, 1) - c(j1, 1), bz = c(j2, 2) - c(j1, 2);
            double dx = ay * bz - az * by, dy = az * bx - ax * bz, dz = ax * by - ay * bx;
            double along = (vx * dx + vy * dy + vz * dz) / Math.sqrt(dx * dx + dy * dy + dz * dz);
            return along / TIME_PER_FRAME > threshold;
        }

        /** Velocity of p relative to j1 along the direction j1 → j2, per 1/120 s. */
        boolean move(int j1, int j2, int p, double threshold) {
            double vx = (c(p, 0) - c(j1, 0)) - (prev(p, 0) - prev(j1, 0));
            double vy = (c(p, 1) - c(j1, 1)) - (prev(p, 1) - prev(j1, 1));
            double vz = (c(p, 2) - c(j1, 2)) - (prev(p, 2) - prev(j1, 2));
            double dx = c(j2, 0) - c(j1, 0), dy = c(j2, 1) - c(j1, 1), dz = c(j2, 2) - c(j1, 2);
            double along = (vx * dx + vy * dy + vz * dz) / Math.sqrt(dx * dx + dy * dy + dz * dz);
            return along / TIME_PER_FRAME > threshold;
        }

        /** The reference's f_move takes a fourth joint it never uses. */
        boolean move(int j1, int j2, int p, int unused, double threshold) {
            return move(j1, j2, p, threshold);
        }

        /** Signed distance of p from the plane through a, b, c (normal (c − a) × (b − a)). */
        boolean plane(int a, int b, int c, int p, double threshold) {
            double ux = c(c, 0) - c(a, 0), uy = c(c, 1) - c(a, 1), uz = c(c, 2) - c(a, 2);
            double wx = c(b, 0) - c(a, 0), wy = c(b, 1) - c(a, 1), wz = c(b, 2) - c(a, 2);
            double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
            double px = c(p, 0) - c(a, 0), py = c(p, 1) - c(a, 1), pz = c(p, 2) - c(a, 2);
            return (nx * px + ny * py + nz * pz) / Math.sqrt(nx * nx + ny * ny + nz * nz) > threshold;
        }

        /** Signed distance of p from the plane through a with normal n1 → n2. */
        boolean nplane(int n1, int n2, int a, int p, double threshold) {
            double nx = c(n2, 0) - c(n1, 0), ny = c(n2, 1) - c(n1, 1), nz = c(n2, 2) - c(n1, 2);
            double px = c(p, 0) - c(a, 0), py = c(p, 1) - c(a, 1), pz = c(p, 2) - c(a, 2);
            return (nx * px + ny * py + nz * pz) / Math.sqrt(nx * nx + ny * ny + nz * nz) > threshold;
        }

        /** Angle between j1 → j2 and k1 → k2 strictly inside (lo, hi) degrees. */
        boolean angle(int j1, int j2, int k1, int k2, double lo, double hi) {
            double jx = c(j2, 0) - c(j1, 0), jy = c(j2, 1) - c(j1, 1), jz = c(j2, 2) - c(j1, 2);
            double kx = c(k2, 0) - c(k1, 0), ky = c(k2, 1) - c(k1, 1), kz = c(k2, 2) - c(k1, 2);
            double cos = (jx * kx + jy * ky + jz * kz)
                    / (Math.sqrt(jx * jx + jy * jy + jz * jz) * Math.sqrt(kx * kx + ky * ky + kz * kz));
            double deg = Math.toDegrees(Math.acos(cos));
            return deg > lo && deg < hi;
        }

        /** Speed of a joint above the threshold, per 1/120 s. */
        boolean fast(int j, double threshold) {
            double x = c(j, 0) - prev(j, 0), y = c(j, 1) - prev(j, 1), z = c(j, 2) - prev(j, 2);
            return Math.sqrt(x * x + y * y + z * z) / TIME_PER_FRAME > threshold;
        }
    }
}
