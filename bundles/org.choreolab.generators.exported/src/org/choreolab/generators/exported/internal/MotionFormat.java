package org.choreolab.generators.exported.internal;

import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Rotations;
import org.choreolab.motion.Smpl;

/**
 * How an exported model lays out one motion frame in its tensors ({@code model.json}'s
 * {@code motion} object), and the conversions between that layout and a {@link MotionClip} (SMPL,
 * y up, metres, axis-angle):
 * <ul>
 * <li>{@code fact225}: FACT's frame as mint builds it — 6 zeros, root translation, 24 row-major 3×3
 * local rotations (225);</li>
 * <li>{@code smpl-axis-angle}: 24 axis-angle rotations in SMPL order, then the root translation (75);</li>
 * <li>{@code rot6d}: EDGE's frame — with {@code contacts}, 4 foot contacts first (left ankle, right
 * ankle, left toes, right toes: 1 when the joint moves less than 1 cm to the next frame, as EDGE's
 * {@code process_dataset} computes them), then the root translation and 24 × 6-D rotations (the first
 * two rows of each matrix, PyTorch3D's {@code matrix_to_rotation_6d}; back by Gram–Schmidt) — 151, or
 * 147 without contacts;</li>
 * <li>{@code joints}: 24 joint positions (72) in Bailando's layout — the root's position, then every
 * other joint relative to the root ({@code root-relative}, Bailando's {@code load_data_aist}) — or
 * all world positions ({@code world}).</li>
 * </ul>
 * With {@code up = z} the model works in EDGE's frame: AIST++'s y-up world turned 90° about x, so
 * (x, y, z) → (x, −z, y); root orientation and translation (or every joint) are turned on the way in
 * and back on the way out. Predicted contacts are not part of a clip and are dropped on decoding.
 */
public final class MotionFormat {

    public enum Kind {
        FACT225("fact225"), SMPL_AXIS_ANGLE("smpl-axis-angle"), ROT6D("rot6d"), JOINTS("joints");

        final String id;

        Kind(String id) {
            this.id = id;
        }

        static Kind of(String id) {
            for (Kind k : values()) {
                if (k.id.equals(id)) {
                    return k;
                }
            }
            return null;
        }
    }

    static final String KINDS = "fact225, smpl-axis-angle, rot6d, joints";
    /** EDGE's feet: left ankle, right ankle, left toes, right toes. */
    static final int[] FEET = {7, 8, 10, 11};
    /** EDGE's contact threshold: the foot moves less than this many metres to the next frame. */
    static final double CONTACT_METRES = 0.01;
    private static final int J = Smpl.JOINTS;

    public final Kind kind;
    public final boolean contacts;
    public final boolean zUp;
    public final boolean rootRelative;

    public MotionFormat(Kind kind, boolean contacts, boolean zUp, boolean rootRelative) {
        this.kind = kind;
        this.contacts = contacts && kind == Kind.ROT6D;
        this.zUp = zUp;
        this.rootRelative = rootRelative && kind == Kind.JOINTS;
    }

    static MotionFormat fact225() {
        return new MotionFormat(Kind.FACT225, false, false, false);
    }

    /** Values per frame. */
    public int dims() {
        return switch (kind) {
            case FACT225 -> 225;
            case SMPL_AXIS_ANGLE -> 3 * J + 3;
            case ROT6D -> (contacts ? 4 : 0) + 3 + 6 * J;
            case JOINTS -> 3 * J;
        };
    }

    public GeneratorOutput output() {
        return kind == Kind.JOINTS ? GeneratorOutput.JOINT_POSITIONS : GeneratorOutput.ROTATIONS;
    }

    boolean needsRotations() {
        return kind != Kind.JOINTS;
    }

    /** "rot6d frames with contacts, z up (151 values)". */
    public String describe() {
        StringBuilder b = new StringBuilder(kind.id).append(" frames");
        if (kind == Kind.ROT6D) {
            b.append(contacts ? " with contacts" : " without contacts");
        }
        if (kind == Kind.JOINTS) {
            b.append(rootRelative ? ", root-relative" : ", world");
        }
        if (zUp) {
            b.append(", z up");
        }
        return b.append(" (").append(dims()).append(" values)").toString();
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * Frames {@code [from, from + count)} of {@code clip} in this layout, {@code count × dims()}
     * values into {@code dest} at {@code at}. Contacts are computed over these frames only (the last
     * one has none to move to, and counts as a contact, as in EDGE).
     */
    public float[] encode(MotionClip clip, int from, int count, float[] dest, int at) {
        int d = dims();
        if (kind == Kind.JOINTS || contacts) {
            clip = withPositions(clip);
        }
        if (kind == Kind.JOINTS) {
            double[] p = new double[3];
            for (int f = 0; f < count; f++) {
                int o = at + f * d;
                for (int j = 0; j < J; j++) {
                    for (int a = 0; a < 3; a++) {
                        p[a] = clip.position(from + f, j, a) - (rootRelative && j > 0 ? clip.position(from + f, 0, a) : 0);
                    }
                    if (zUp) {
                        vectorToZUp(p);
                    }
                    writeVector(p, dest, o + 3 * j);
                }
            }
            return dest;
        }
        double[] m = new double[9], aa = new double[3], t = new double[3];
        int trans = translationAt();
        for (int f = 0; f < count; f++) {
            int o = at + f * d;
            int src = from + f;
            if (kind == Kind.FACT225) {
                for (int k = 0; k < 6; k++) {
                    dest[o + k] = 0;
                }
            }
            for (int a = 0; a < 3; a++) {
                t[a] = clip.translation(src, a);
            }
            if (zUp) {
                vectorToZUp(t);
            }
            writeVector(t, dest, o + trans);
            for (int j = 0; j < J; j++) {
                boolean turn = zUp && j == 0;
                if (kind == Kind.SMPL_AXIS_ANGLE && !turn) {
                    for (int a = 0; a < 3; a++) {
                        dest[o + 3 * j + a] = clip.rotation(src, j, a);
                    }
                    continue;
                }
                Rotations.axisAngleToMatrix(clip.rotation(src, j, 0), clip.rotation(src, j, 1), clip.rotation(src, j, 2), m, 0);
                if (turn) {
                    matrixToZUp(m);
                }
                switch (kind) {
                    case FACT225 -> {
                        for (int k = 0; k < 9; k++) {
                            dest[o + 9 + 9 * j + k] = (float) m[k];
                        }
                    }
                    case SMPL_AXIS_ANGLE -> {
                        Rotations.matrixToAxisAngle(m, 0, aa, 0);
                        for (int a = 0; a < 3; a++) {
                            dest[o + 3 * j + a] = (float) aa[a];
                        }
                    }
                    default -> {
                        int r = o + trans + 3 + 6 * j;
                        for (int k = 0; k < 6; k++) {
                            dest[r + k] = (float) m[k];
                        }
                    }
                }
            }
        }
        if (contacts) {
            for (int f = 0; f < count; f++) {
                for (int c = 0; c < FEET.length; c++) {
                    double v = 0;
                    if (f + 1 < count) {
                        double s = 0;
                        for (int a = 0; a < 3; a++) {
                            double x = clip.position(from + f + 1, FEET[c], a) - clip.position(from + f, FEET[c], a);
                            s += x * x;
                        }
                        v = Math.sqrt(s);
                    }
                    dest[at + f * d + c] = v < CONTACT_METRES ? 1f : 0f;
                }
            }
        }
        return dest;
    }

    /**
     * {@code frames} frames in this layout ({@code v} from {@code at}) as a clip on the neutral SMPL
     * skeleton, with world joint positions. Predicted rotation matrices are taken to the nearest
     * rotation (FACT's 3×3 blocks: polar decomposition; 6-D: Gram–Schmidt, as PyTorch3D's
     * {@code rotation_6d_to_matrix}).
     */
    public MotionClip decode(float[] v, int at, int frames, double fps) {
        int d = dims();
        if (kind == Kind.JOINTS) {
            float[] pos = new float[3 * J * frames];
            double[] p = new double[3];
            for (int f = 0; f < frames; f++) {
                int o = at + f * d;
                for (int j = 0; j < J; j++) {
                    for (int a = 0; a < 3; a++) {
                        p[a] = v[o + 3 * j + a] + (rootRelative && j > 0 ? v[o + a] : 0);
                    }
                    if (zUp) {
                        vectorFromZUp(p);
                    }
                    for (int a = 0; a < 3; a++) {
                        pos[3 * (f * J + j) + a] = (float) p[a];
                    }
                }
            }
            return new MotionClip(Smpl.NEUTRAL, fps, null, null, pos);
        }
        float[] trans = new float[3 * frames];
        float[] rot = new float[3 * J * frames];
        double[] m = new double[9], aa = new double[3], t = new double[3], six = new double[6];
        int tr = translationAt();
        for (int f = 0; f < frames; f++) {
            int o = at + f * d;
            for (int a = 0; a < 3; a++) {
                t[a] = v[o + tr + a];
            }
            if (zUp) {
                vectorFromZUp(t);
            }
            for (int a = 0; a < 3; a++) {
                trans[3 * f + a] = (float) t[a];
            }
            for (int j = 0; j < J; j++) {
                boolean turn = zUp && j == 0;
                int r = 3 * (f * J + j);
                switch (kind) {
                    case SMPL_AXIS_ANGLE -> {
                        if (!turn) {
                            rot[r] = v[o + 3 * j];
                            rot[r + 1] = v[o + 3 * j + 1];
                            rot[r + 2] = v[o + 3 * j + 2];
                            continue;
                        }
                        Rotations.axisAngleToMatrix(v, o + 3 * j, m, 0);
                    }
                    case FACT225 -> {
                        for (int k = 0; k < 9; k++) {
                            m[k] = v[o + 9 + 9 * j + k];
                        }
                        Rotations.nearestRotation(m, 0, m, 0);
                    }
                    default -> {
                        for (int k = 0; k < 6; k++) {
                            six[k] = v[o + tr + 3 + 6 * j + k];
                        }
                        sixDToMatrix(six, m);
                    }
                }
                if (turn) {
                    matrixFromZUp(m);
                }
                Rotations.matrixToAxisAngle(m, 0, aa, 0);
                rot[r] = (float) aa[0];
                rot[r + 1] = (float) aa[1];
                rot[r + 2] = (float) aa[2];
            }
        }
        MotionClip clip = new MotionClip(Smpl.NEUTRAL, fps, trans, rot, null);
        return new ForwardKinematics(Smpl.NEUTRAL).withPositions(clip);
    }

    /** Where the root translation starts in a frame. */
    private int translationAt() {
        return switch (kind) {
            case FACT225 -> 6;
            case SMPL_AXIS_ANGLE -> 3 * J;
            case ROT6D -> contacts ? 4 : 0;
            case JOINTS -> 0;
        };
    }

    /** Gram–Schmidt as PyTorch3D's rotation_6d_to_matrix; a degenerate pair (zero, or parallel rows) gives the identity. */
    private static void sixDToMatrix(double[] six, double[] m) {
        double n1 = Math.sqrt(six[0] * six[0] + six[1] * six[1] + six[2] * six[2]);
        boolean degenerate = !(n1 > 1e-12);
        if (!degenerate) {
            double d = (six[0] * six[3] + six[1] * six[4] + six[2] * six[5]) / (n1 * n1);
            double ux = six[3] - d * six[0], uy = six[4] - d * six[1], uz = six[5] - d * six[2];
            degenerate = !(Math.sqrt(ux * ux + uy * uy + uz * uz) > 1e-12);
        }
        if (degenerate) {
            for (int k = 0; k < 9; k++) {
                m[k] = k % 4 == 0 ? 1 : 0;
            }
            return;
        }
        Rotations.sixDToMatrix(six, 0, m, 0);
    }

    private static MotionClip withPositions(MotionClip clip) {
        return clip.hasPositions() ? clip : new ForwardKinematics(clip.skeleton()).withPositions(clip);
    }

    private static void writeVector(double[] p, float[] dest, int at) {
        dest[at] = (float) p[0];
        dest[at + 1] = (float) p[1];
        dest[at + 2] = (float) p[2];
    }

    /** (x, y, z) → (x, −z, y): a point of AIST++'s y-up world in EDGE's z-up one. */
    static void vectorToZUp(double[] p) {
        double y = p[1], z = p[2];
        p[1] = -z;
        p[2] = y;
    }

    /** The inverse of {@link #vectorToZUp}: (x, y, z) → (x, z, −y). */
    static void vectorFromZUp(double[] p) {
        double y = p[1], z = p[2];
        p[1] = z;
        p[2] = -y;
    }

    /** Rx(90°)·M for a row-major rotation: row 1 becomes −row 2, row 2 becomes row 1. */
    static void matrixToZUp(double[] m) {
        for (int c = 0; c < 3; c++) {
            double r1 = m[3 + c], r2 = m[6 + c];
            m[3 + c] = -r2;
            m[6 + c] = r1;
        }
    }

    /** Rx(−90°)·M: row 1 becomes row 2, row 2 becomes −row 1. */
    static void matrixFromZUp(double[] m) {
        for (int c = 0; c < 3; c++) {
            double r1 = m[3 + c], r2 = m[6 + c];
            m[3 + c] = r2;
            m[6 + c] = -r1;
        }
    }
}
