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
     * Replaces each 3×3 block of frame {@code frame} by the nearest rotation (the orthogonal factor
     * of its polar decomposition), in place: what a predicted frame means as a pose.
     */
    public static void projectRotations(float[] features, int frame) {
        double[] m = new double[9], q = new double[4], r = new double[9];
        int o = frame * DIM;
        for (int j = 0; j < JOINTS; j++) {
            int b = o + PAD + 3 + 9 * j;
            nearestRotation(features, b, m, q);
            Rotations.quaternionToMatrix(q, 0, r, 0);
            for (int k = 0; k < 9; k++) {
                features[b + k] = (float) r[k];
            }
        }
        for (int k = 0; k < PAD; k++) {
            features[o + k] = 0;
        }
    }

    /**
     * Back to a clip with positions. A predicted 3×3 block is no exact rotation: it is taken to the
     * nearest rotation (polar decomposition), then to axis-angle.
     */
    public static MotionClip decode(float[] features, int frames, double fps) {
        float[] translation = new float[3 * frames];
        float[] rotations = new float[3 * JOINTS * frames];
        double[] m = new double[9], q = new double[4], aa = new double[3];
        for (int f = 0; f < frames; f++) {
            int o = f * DIM;
            for (int a = 0; a < 3; a++) {
                translation[3 * f + a] = features[o + PAD + a];
            }
            for (int j = 0; j < JOINTS; j++) {
                int r = o + PAD + 3 + 9 * j;
                nearestRotation(features, r, m, q);
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

    /**
     * The unit quaternion of the rotation nearest the 3×3 block at {@code at} (polar decomposition,
     * {@link Rotations#nearestRotation}) into {@code q}; {@code m} is scratch.
     */
    private static void nearestRotation(float[] features, int at, double[] m, double[] q) {
        for (int k = 0; k < 9; k++) {
            m[k] = features[at + k];
        }
        Rotations.nearestRotation(m, 0, m, 0);
        Rotations.matrixToQuaternion(m, 0, q, 0);
        double norm = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        if (!(norm > 1e-9)) {
            q[0] = 0;
            q[1] = 0;
            q[2] = 0;
            q[3] = 1;
            norm = 1;
        }
        for (int k = 0; k < 4; k++) {
            q[k] /= norm;
        }
    }
}
