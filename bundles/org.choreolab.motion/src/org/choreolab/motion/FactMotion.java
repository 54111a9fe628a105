package org.choreolab.motion;

import org.choreolab.api.motion.MotionClip;

/**
 * FACT's 225-d motion frame, as mint's preprocessing builds it: 6 zeros (mint pads the 3-d root
 * translation at the front to 9), the root translation, then the 24 local rotations as row-major 3×3
 * matrices (219 + 6 = 225).
 */
public final class FactMotion {

    public static final int DIM = 225;
    private static final int PAD = 6;
    private static final int JOINTS = Smpl.JOINTS;

    private FactMotion() {
    }

    /** The clip's frames in FACT's representation, {@code frames × 225}, into {@code dest}. */
    public static float[] encode(MotionClip clip, float[] dest) {
        if (!clip.hasRotations() || clip.skeleton().jointCount() != JOINTS) {
            throw new IllegalArgumentException("FACT needs SMPL rotations (24 joints); the clip has "
                    + (clip.hasRotations() ? clip.skeleton().jointCount() + " joints" : "positions only"));
        }
        int n = clip.frameCount();
        double[] m = new double[9];
        for (int f = 0; f < n; f++) {
            int o = f * DIM;
            for (int k = 0; k < PAD; k++) {
                dest[o + k] = 0;
            }
            for (int a = 0; a < 3; a++) {
                dest[o + PAD + a] = clip.translation(f, a);
            }
            for (int j = 0; j < JOINTS; j++) {
                Rotations.axisAngleToMatrix(clip.rotation(f, j, 0), clip.rotation(f, j, 1), clip.rotation(f, j, 2), m, 0);
                int r = o + PAD + 3 + 9 * j;
                for (int k = 0; k < 9; k++) {
                    dest[r + k] = (float) m[k];
                }
            }
        }
        return dest;
    }

    /**
     * Replaces each 3×3 block of frame {@code frame} by its nearest rotation (mint's rule,
     * {@link Rotations#nearestRotation}) and the six padding values by zeros, in place: the pose a
     * predicted frame stands for. (mint itself feeds predicted frames back unprojected and projects
     * only when it scores or shows them; see {@link #decode}.)
     */
    public static void projectRotations(float[] features, int frame) {
        double[] m = new double[9], scratch = new double[18];
        int o = frame * DIM;
        for (int j = 0; j < JOINTS; j++) {
            int b = o + PAD + 3 + 9 * j;
            for (int k = 0; k < 9; k++) {
                m[k] = features[b + k];
            }
            Rotations.nearestRotation(m, 0, m, 0, scratch);
            for (int k = 0; k < 9; k++) {
                features[b + k] = (float) m[k];
            }
        }
        for (int k = 0; k < PAD; k++) {
            features[o + k] = 0;
        }
    }

    /**
     * Back to a clip with positions, as mint's evaluation decodes a generated sequence
     * ({@code recover_to_axis_angles} in the FACT authors' tools): the translation as it is, each 3×3
     * block to its nearest rotation ({@link Rotations#nearestRotation}, mint's
     * {@code get_closest_rotmat}), then to axis-angle with the angle in [0, π] (scipy's
     * {@code as_rotvec}); joint positions by forward kinematics.
     */
    public static MotionClip decode(float[] features, int frames, double fps) {
        float[] translation = new float[3 * frames];
        float[] rotations = new float[3 * JOINTS * frames];
        double[] m = new double[9], q = new double[4], aa = new double[3], scratch = new double[18];
        for (int f = 0; f < frames; f++) {
            int o = f * DIM;
            for (int a = 0; a < 3; a++) {
                translation[3 * f + a] = features[o + PAD + a];
            }
            for (int j = 0; j < JOINTS; j++) {
                int r = o + PAD + 3 + 9 * j;
                for (int k = 0; k < 9; k++) {
                    m[k] = features[r + k];
                }
                Rotations.nearestRotation(m, 0, m, 0, scratch);
                Rotations.matrixToQuaternion(m, 0, q, 0);
                Rotations.quaternionToAxisAngle(q, 0, aa, 0);
                int p = 3 * (f * JOINTS + j);
                rotations[p] = (float) aa[0];
                rotations[p + 1] = (float) aa[1];
                rotations[p + 2] = (float) aa[2];
            }
        }
        float[] positions = new ForwardKinematics(Smpl.NEUTRAL).compute(translation, rotations, frames, new float[3 * JOINTS * frames]);
        return new MotionClip(Smpl.NEUTRAL, fps, translation, rotations, positions);
    }
}
