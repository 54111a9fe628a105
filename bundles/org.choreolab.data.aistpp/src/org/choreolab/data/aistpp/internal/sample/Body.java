package org.choreolab.data.aistpp.internal.sample;

import org.choreolab.motion.Rotations;

/**
 * A dancer's pose as a choreographer thinks of it — pelvis tilt, spine bend, where each upper arm
 * points, how far each knee bends, whether the feet are flat or pointed — and its conversion to the 24
 * local SMPL rotations (axis-angle, SMPL's joint order). Angles in radians.
 *
 * <p>Legs are placed in the upright frame (the facing direction, ignoring the pelvis tilt), so bending
 * the pelvis forward folds at the hips instead of swinging the legs back; feet are oriented in the
 * same frame, so they stay flat on the floor unless pointed. Arms are placed in the chest's frame.
 * The right side takes the left side's parameters and is mirrored through the body's mid-plane, so
 * every move is defined once. Scratch matrices make a conversion allocate nothing.
 */
final class Body {

    // Torso and head: pelvis tilt; the spine's bend, side bend and twist (spread over its three joints);
    // isolations of single spine joints (belly, mid-back contraction, chest pop and chest side slide).
    static final int PITCH = 0, ROLL = 1, TWIST = 2, BEND = 3, SIDE = 4, SPINE_TWIST = 5, CHEST = 6, NOD = 7,
            HEAD_TURN = 8, HEAD_TILT = 9, HUNCH = 10, BELLY = 11, CHEST_SIDE = 12;
    /** Arm parameters, from {@link #ARM_L} or {@link #ARM_R}. */
    static final int ELEV = 0, PLANE = 1, ATWIST = 2, ELBOW = 3, WRIST = 4, SHRUG = 5, PROTRACT = 6;
    static final int ARM_L = 13, ARM_R = 20;
    /** Leg parameters, from {@link #LEG_L} or {@link #LEG_R}. */
    static final int FLEX = 0, ABD = 1, ROT = 2, KNEE = 3, POINT = 4, TOE = 5;
    static final int LEG_L = 27, LEG_R = 33;
    /** Facing direction (about the vertical). */
    static final int YAW = 39;
    static final int N = 40;

    /** The first parameter of the arm or leg on a side: {@code left} true for the dancer's left. */
    static int arm(boolean left) {
        return left ? ARM_L : ARM_R;
    }

    static int leg(boolean left) {
        return left ? LEG_L : LEG_R;
    }

    // SMPL joints.
    private static final int ROOT = 0, LHIP = 1, RHIP = 2, BELLY_J = 3, LKNEE = 4, RKNEE = 5, SPINE = 6, LANKLE = 7,
            RANKLE = 8, CHEST_J = 9, LTOES = 10, RTOES = 11, NECK = 12, LCOLLAR = 13, RCOLLAR = 14, HEAD = 15,
            LSHOULDER = 16, RSHOULDER = 17, LELBOW = 18, RELBOW = 19, LWRIST = 20, RWRIST = 21;

    private final double[] tilt = new double[9], a = new double[9], b = new double[9], c = new double[9],
            d = new double[9], collar = new double[9];
    private final double[] quat = new double[4];
    /** How this dancer's spine shares bend, side bend and twist between belly, spine and chest (each sums to 1). */
    private final double[] bendShare, sideShare, twistShare;

    /** A body whose spine bends with the given shares (belly, spine, chest), normalised to sum 1. */
    Body(double[] bendShare, double[] sideShare, double[] twistShare) {
        this.bendShare = normalised(bendShare);
        this.sideShare = normalised(sideShare);
        this.twistShare = normalised(twistShare);
    }

    Body() {
        this(new double[] {1, 1, 1}, new double[] {1, 1, 1}, new double[] {1, 1, 1});
    }

    private static double[] normalised(double[] w) {
        double s = w[0] + w[1] + w[2];
        return new double[] {w[0] / s, w[1] / s, w[2] / s};
    }

    /** Writes the 72 axis-angle values of {@code pose} into {@code out} at {@code at}. */
    void toAxisAngle(double[] pose, double[] out, int at) {
        java.util.Arrays.fill(out, at, at + 72, 0);
        // Pelvis: facing, then twist, forward pitch and side roll.
        rotY(pose[TWIST], a);
        rotX(pose[PITCH], b);
        mul(a, b, c);
        rotZ(pose[ROLL], a);
        mul(c, a, tilt);
        rotY(pose[YAW], a);
        mul(a, tilt, b);
        put(b, out, at, ROOT);
        // Spine: the bend, side bend and twist shared by three joints, each with its own isolation on top.
        int[] spine = {BELLY_J, SPINE, CHEST_J};
        for (int i = 0; i < 3; i++) {
            double iso = i == 0 ? pose[BELLY] : i == 1 ? pose[HUNCH] : pose[CHEST];
            rotY(pose[SPINE_TWIST] * twistShare[i], a);
            rotX(pose[BEND] * bendShare[i] + iso, b);
            mul(a, b, c);
            rotZ(pose[SIDE] * sideShare[i] + (i == 2 ? pose[CHEST_SIDE] : 0), a);
            mul(c, a, b);
            put(b, out, at, spine[i]);
        }
        for (int j : new int[] {NECK, HEAD}) {
            rotY(pose[HEAD_TURN] / 2, a);
            rotX(pose[NOD] / 2, b);
            mul(a, b, c);
            rotZ(pose[HEAD_TILT] / 2, a);
            mul(c, a, b);
            put(b, out, at, j);
        }
        arm(pose, ARM_L, false, out, at, LCOLLAR, LSHOULDER, LELBOW, LWRIST);
        arm(pose, ARM_R, true, out, at, RCOLLAR, RSHOULDER, RELBOW, RWRIST);
        leg(pose, LEG_L, false, out, at, LHIP, LKNEE, LANKLE, LTOES);
        leg(pose, LEG_R, true, out, at, RHIP, RKNEE, RANKLE, RTOES);
    }

    /**
     * An arm: the collar shrugs and draws forward; the upper arm points at elevation {@code ELEV} from hanging (π/2
     * horizontal, π overhead) in the plane {@code PLANE} from sideways (π/2 forward, negative behind),
     * twisted by {@code ATWIST} about itself; the elbow flexes; the wrist bends.
     */
    private void arm(double[] p, int o, boolean mirror, double[] out, int at, int collarJ, int shoulderJ, int elbowJ, int wristJ) {
        rotY(-p[o + PROTRACT], a);
        rotZ(p[o + SHRUG], b);
        mul(a, b, collar);
        put(collar, out, at, collarJ, mirror);
        double e = p[o + ELEV], pl = p[o + PLANE];
        double dx = Math.sin(e) * Math.cos(pl), dy = -Math.cos(e), dz = Math.sin(e) * Math.sin(pl);
        // Shortest rotation from the rest direction (+x, the T-pose) to d, then the twist about d.
        double angle = Math.acos(Math.max(-1, Math.min(1, dx)));
        double ax = 0, ay = -dz, az = dy;
        double n = Math.sqrt(ay * ay + az * az);
        if (n < 1e-9) {
            ay = 0;
            az = 0;
        } else {
            ay *= angle / n;
            az *= angle / n;
        }
        Rotations.axisAngleToMatrix(ax, ay, az, a, 0);
        double t = p[o + ATWIST];
        Rotations.axisAngleToMatrix(dx * t, dy * t, dz * t, b, 0);
        mul(b, a, c);
        // Local to the collar.
        transposeMul(collar, c, d);
        put(d, out, at, shoulderJ, mirror);
        rotY(-p[o + ELBOW], a);
        put(a, out, at, elbowJ, mirror);
        rotZ(p[o + WRIST], a);
        put(a, out, at, wristJ, mirror);
    }

    /**
     * A leg in the upright frame: abducted by {@code ABD}, flexed forward by {@code FLEX} (negative:
     * behind), turned out by {@code ROT}; the knee bends by {@code KNEE}; the foot is flat and turned
     * out with the leg unless pointed by {@code POINT}; the toes bend by {@code TOE}.
     */
    private void leg(double[] p, int o, boolean mirror, double[] out, int at, int hipJ, int kneeJ, int ankleJ, int toesJ) {
        // Thigh in the upright frame (left-side parameters; mirrored for the right).
        rotZ(p[o + ABD], a);
        rotX(-p[o + FLEX], b);
        mul(a, b, c);
        rotY(p[o + ROT], a);
        mul(c, a, d);
        if (mirror) {
            mirror(d);
        }
        transposeMul(tilt, d, a);
        put(a, out, at, hipJ, false);
        if (mirror) {
            mirror(d);
        }
        rotX(p[o + KNEE], a);
        put(a, out, at, kneeJ, mirror);
        // Shin in the upright frame, then the foot: flat, turned out, pointed.
        mul(d, a, b);
        rotY(p[o + ROT], a);
        rotX(p[o + POINT], c);
        mul(a, c, d);
        transposeMul(b, d, a);
        put(a, out, at, ankleJ, mirror);
        rotX(p[o + TOE], a);
        put(a, out, at, toesJ, mirror);
    }

    private void put(double[] m, double[] out, int at, int joint) {
        put(m, out, at, joint, false);
    }

    /** Stores m as axis-angle; mirrored through the x = 0 plane, axis-angle (x, y, z) becomes (x, −y, −z). */
    private void put(double[] m, double[] out, int at, int joint, boolean mirror) {
        Rotations.matrixToQuaternion(m, 0, quat, 0);
        int k = at + 3 * joint;
        Rotations.quaternionToAxisAngle(quat, 0, out, k);
        if (mirror) {
            out[k + 1] = -out[k + 1];
            out[k + 2] = -out[k + 2];
        }
    }

    /** M m M with M = diag(−1, 1, 1), in place. */
    private static void mirror(double[] m) {
        m[1] = -m[1];
        m[2] = -m[2];
        m[3] = -m[3];
        m[6] = -m[6];
    }

    static void rotX(double t, double[] m) {
        double c = Math.cos(t), s = Math.sin(t);
        m[0] = 1; m[1] = 0; m[2] = 0;
        m[3] = 0; m[4] = c; m[5] = -s;
        m[6] = 0; m[7] = s; m[8] = c;
    }

    static void rotY(double t, double[] m) {
        double c = Math.cos(t), s = Math.sin(t);
        m[0] = c; m[1] = 0; m[2] = s;
        m[3] = 0; m[4] = 1; m[5] = 0;
        m[6] = -s; m[7] = 0; m[8] = c;
    }

    static void rotZ(double t, double[] m) {
        double c = Math.cos(t), s = Math.sin(t);
        m[0] = c; m[1] = -s; m[2] = 0;
        m[3] = s; m[4] = c; m[5] = 0;
        m[6] = 0; m[7] = 0; m[8] = 1;
    }

    /** dest = x · y (row-major 3 × 3); dest must be neither x nor y. */
    static void mul(double[] x, double[] y, double[] dest) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                dest[3 * i + j] = x[3 * i] * y[j] + x[3 * i + 1] * y[3 + j] + x[3 * i + 2] * y[6 + j];
            }
        }
    }

    /** dest = xᵀ · y. */
    static void transposeMul(double[] x, double[] y, double[] dest) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                dest[3 * i + j] = x[i] * y[j] + x[3 + i] * y[3 + j] + x[6 + i] * y[6 + j];
            }
        }
    }
}
