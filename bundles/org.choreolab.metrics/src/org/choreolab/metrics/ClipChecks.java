package org.choreolab.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.choreolab.api.Problem;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;

/**
 * Sanity checks of one clip's joint positions, for a runner to report beside the metrics: a generated
 * clip can drift away, sink through the floor, stretch its bones or blow up into NaN and still get a
 * number from every metric. Each failed check is reported once, with the first frame where it fails and
 * how many frames fail. Positions are metres, y up (Choreolab's convention); the checks read nothing
 * else.
 *
 * <p>The defaults ({@link Limits#DEFAULT}): the root at most 4 m from where it started (AIST++ dancers
 * stay on a stage a few metres wide); no joint more than 0.15 m below the floor, the floor being the
 * lowest joint of the first frame (the seed, for a generated clip) unless given; every bone within 5 %
 * (and at least 1 cm) of its length in the first frame.
 */
public final class ClipChecks {

    /** What went wrong. */
    public enum Kind {
        /** A coordinate is NaN or infinite. */
        NON_FINITE("non_finite"),
        /** The root moved further than {@link Limits#maxRootDistance} from its first position. */
        ROOT_DRIFT("root_drift"),
        /** A joint went further than {@link Limits#floorTolerance} below the floor. */
        BELOW_FLOOR("below_floor"),
        /** A bone's length changed by more than {@link Limits#boneTolerance} of its first length. */
        BONE_LENGTH("bone_length");

        /** A stable identifier for programs. */
        public final String code;

        Kind(String code) {
            this.code = code;
        }
    }

    /**
     * The limits of the checks.
     *
     * @param maxRootDistance metres the root may move from its first position
     * @param floorTolerance  metres a joint may go below the floor
     * @param boneTolerance   relative change of a bone's length allowed (with at least {@link #MIN_BONE_CHANGE} metres)
     */
    public record Limits(double maxRootDistance, double floorTolerance, double boneTolerance) {

        public static final Limits DEFAULT = new Limits(4.0, 0.15, 0.05);

        public Limits {
            if (!(maxRootDistance > 0) || !(floorTolerance >= 0) || !(boneTolerance >= 0)) {
                throw new IllegalArgumentException("limits must be positive: " + maxRootDistance + ", " + floorTolerance + ", "
                        + boneTolerance);
            }
        }
    }

    /** Bone length changes below this (metres) are never reported: rounding and small joint-regressor noise. */
    public static final double MIN_BONE_CHANGE = 0.01;

    /**
     * One failed check.
     *
     * @param kind       what failed
     * @param firstFrame the first frame where it fails
     * @param joint      the joint concerned at that frame (for a bone, the child joint), −1 for none
     * @param frames     how many frames fail
     * @param message    one line: what was found, where, and the limit
     */
    public record Issue(Kind kind, int firstFrame, int joint, int frames, String message) {

        /** As a {@link Problem} of the given source (a sequence id, a file). */
        public Problem toProblem(String source) {
            return new Problem(source, kind.code, message);
        }
    }

    private ClipChecks() {
    }

    /** The checks with the default limits, the floor taken from the first frame. */
    public static List<Issue> check(MotionClip clip) {
        return check(clip, Limits.DEFAULT, Double.NaN);
    }

    /**
     * @param floor the floor height (y, metres), e.g. the lowest joint of the ground truth; NaN for the
     *              lowest joint of the clip's first frame
     */
    public static List<Issue> check(MotionClip clip, Limits limits, double floor) {
        if (!clip.hasPositions()) {
            throw new IllegalArgumentException("clip checks need joint positions; the clip has none");
        }
        Skeleton sk = clip.skeleton();
        int j = sk.jointCount(), n = clip.frameCount();
        float[] p = clip.positions(new float[n * j * 3]);
        List<Issue> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        Counter nonFinite = new Counter(), drift = new Counter(), floorC = new Counter(), bone = new Counter();
        boolean[] bad = new boolean[n];
        for (int f = 0; f < n; f++) {
            for (int k = 0; k < j * 3; k++) {
                if (!Float.isFinite(p[(f * j) * 3 + k])) {
                    bad[f] = true;
                    nonFinite.add(f, k / 3, 0);
                    break;
                }
            }
        }
        int first = firstGood(bad);
        if (first < 0) {
            out.add(new Issue(Kind.NON_FINITE, 0, -1, n, "every frame has a NaN or infinite coordinate"));
            return out;
        }
        double x0 = p[first * j * 3], y0 = p[first * j * 3 + 1], z0 = p[first * j * 3 + 2];
        double fl = floor;
        if (Double.isNaN(fl)) {
            fl = Double.POSITIVE_INFINITY;
            for (int k = 0; k < j; k++) {
                fl = Math.min(fl, p[(first * j + k) * 3 + 1]);
            }
        }
        double[] len0 = new double[j];
        for (int k = 1; k < j; k++) {
            len0[k] = bone(p, first, k, sk.parent(k), j);
        }
        for (int f = 0; f < n; f++) {
            if (bad[f]) {
                continue;
            }
            int o = f * j * 3;
            double d = Math.sqrt(sq(p[o] - x0) + sq(p[o + 1] - y0) + sq(p[o + 2] - z0));
            if (d > limits.maxRootDistance()) {
                drift.add(f, 0, d);
            }
            int low = -1;
            double lowY = Double.POSITIVE_INFINITY;
            for (int k = 0; k < j; k++) {
                double y = p[o + 3 * k + 1];
                if (y < lowY) {
                    lowY = y;
                    low = k;
                }
            }
            if (lowY < fl - limits.floorTolerance()) {
                floorC.add(f, low, fl - lowY);
            }
            int worst = -1;
            double worstChange = 0;
            for (int k = 1; k < j; k++) {
                if (sk.parent(k) < 0) {
                    continue;
                }
                double change = Math.abs(bone(p, f, k, sk.parent(k), j) - len0[k]);
                if (change > Math.max(limits.boneTolerance() * len0[k], MIN_BONE_CHANGE) && change > worstChange) {
                    worst = k;
                    worstChange = change;
                }
            }
            if (worst >= 0) {
                bone.add(f, worst, worstChange);
            }
        }
        if (nonFinite.count > 0) {
            out.add(new Issue(Kind.NON_FINITE, nonFinite.first, nonFinite.joint, nonFinite.count,
                    String.format(Locale.ROOT, "NaN or infinite coordinates from frame %d (joint %s), in %d of %d frames",
                            nonFinite.first, sk.jointName(nonFinite.joint), nonFinite.count, n)));
        }
        if (drift.count > 0) {
            out.add(new Issue(Kind.ROOT_DRIFT, drift.first, 0, drift.count,
                    String.format(Locale.ROOT, "the root is %.2f m from where it started at frame %d (limit %.2f m), in %d of %d frames",
                            drift.firstValue, drift.first, limits.maxRootDistance(), drift.count, n)));
        }
        if (floorC.count > 0) {
            out.add(new Issue(Kind.BELOW_FLOOR, floorC.first, floorC.joint, floorC.count,
                    String.format(Locale.ROOT, "joint %s is %.2f m below the floor (y = %.3f) at frame %d (tolerance %.2f m), in %d of %d frames",
                            sk.jointName(floorC.joint), floorC.firstValue, fl, floorC.first, limits.floorTolerance(), floorC.count, n)));
        }
        if (bone.count > 0) {
            int k = bone.joint;
            out.add(new Issue(Kind.BONE_LENGTH, bone.first, k, bone.count,
                    String.format(Locale.ROOT, "bone %s-%s changes length by %.3f m (from %.3f m) at frame %d (tolerance %.0f %%), in %d of %d frames",
                            sk.jointName(sk.parent(k)), sk.jointName(k), bone.firstValue, len0[k], bone.first,
                            limits.boneTolerance() * 100, bone.count, n)));
        }
        return out;
    }

    private static int firstGood(boolean[] bad) {
        for (int f = 0; f < bad.length; f++) {
            if (!bad[f]) {
                return f;
            }
        }
        return -1;
    }

    private static double bone(float[] p, int f, int k, int parent, int j) {
        int a = (f * j + k) * 3, b = (f * j + parent) * 3;
        return Math.sqrt(sq(p[a] - p[b]) + sq(p[a + 1] - p[b + 1]) + sq(p[a + 2] - p[b + 2]));
    }

    private static double sq(double v) {
        return v * v;
    }

    /** The first failing frame, its joint and value, and how many frames fail. */
    private static final class Counter {
        int first = -1, joint = -1, count;
        double firstValue;

        void add(int frame, int joint, double value) {
            if (count++ == 0) {
                first = frame;
                this.joint = joint;
                firstValue = value;
            }
        }
    }
}
