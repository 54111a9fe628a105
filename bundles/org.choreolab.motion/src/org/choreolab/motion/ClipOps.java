package org.choreolab.motion;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;

/** Whole-clip operations: resampling, left/right mirroring and root alignment. */
public final class ClipOps {

    private ClipOps() {
    }

    /**
     * The clip at another frame rate: translation (and positions of position-only clips) by linear
     * interpolation, rotations by quaternion slerp; positions of clips with rotations are recomputed
     * by forward kinematics. The new clip spans the same time: {@code floor((n - 1) · fps' / fps) + 1} frames.
     */
    public static MotionClip resample(MotionClip clip, double fps) {
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps: expected a positive frame rate, got " + fps);
        }
        int n = clip.frameCount();
        int m = n == 0 ? 0 : (int) Math.floor((n - 1) * fps / clip.fps() + 1e-9) + 1;
        Skeleton s = clip.skeleton();
        int joints = s.jointCount();
        float[] trans = clip.hasRotations() ? new float[3 * m] : null;
        float[] rot = clip.hasRotations() ? new float[3 * joints * m] : null;
        float[] pos = !clip.hasRotations() ? new float[3 * joints * m] : null;
        double[] qa = new double[4], qb = new double[4], q = new double[4], aa = new double[3];
        for (int i = 0; i < m; i++) {
            double src = i * clip.fps() / fps;
            int a = Math.min((int) Math.floor(src), n - 1);
            int b = Math.min(a + 1, n - 1);
            double t = src - a;
            if (clip.hasRotations()) {
                for (int k = 0; k < 3; k++) {
                    trans[3 * i + k] = (float) lerp(clip.translation(a, k), clip.translation(b, k), t);
                }
                for (int j = 0; j < joints; j++) {
                    Rotations.axisAngleToQuaternion(clip.rotation(a, j, 0), clip.rotation(a, j, 1), clip.rotation(a, j, 2), qa, 0);
                    Rotations.axisAngleToQuaternion(clip.rotation(b, j, 0), clip.rotation(b, j, 1), clip.rotation(b, j, 2), qb, 0);
                    Rotations.slerp(qa, 0, qb, 0, t, q, 0);
                    Rotations.quaternionToAxisAngle(q, 0, aa, 0);
                    for (int k = 0; k < 3; k++) {
                        rot[3 * (i * joints + j) + k] = (float) aa[k];
                    }
                }
            } else {
                for (int j = 0; j < joints; j++) {
                    for (int k = 0; k < 3; k++) {
                        pos[3 * (i * joints + j) + k] = (float) lerp(clip.position(a, j, k), clip.position(b, j, k), t);
                    }
                }
            }
        }
        MotionClip out = new MotionClip(s, fps, trans, rot, pos);
        return clip.hasRotations() && clip.hasPositions() ? new ForwardKinematics(s).withPositions(out) : out;
    }

    /**
     * The clip mirrored across the body's sagittal plane (x → −x): left and right joints swap, each
     * axis-angle {@code (x, y, z)} becomes {@code (x, −y, −z)}, translation x is negated. Positions are
     * mirrored directly (not recomputed, since the rest offsets are not exactly symmetric).
     */
    public static MotionClip mirror(MotionClip clip) {
        Skeleton s = clip.skeleton();
        int joints = s.jointCount();
        int[] map = Smpl.mirrorMap(s);
        int n = clip.frameCount();
        float[] trans = null, rot = null, pos = null;
        if (clip.hasRotations()) {
            trans = clip.translations(new float[3 * n]);
            rot = new float[3 * joints * n];
            for (int f = 0; f < n; f++) {
                trans[3 * f] = -trans[3 * f];
                for (int j = 0; j < joints; j++) {
                    int from = map[j];
                    int o = 3 * (f * joints + j);
                    rot[o] = clip.rotation(f, from, 0);
                    rot[o + 1] = -clip.rotation(f, from, 1);
                    rot[o + 2] = -clip.rotation(f, from, 2);
                }
            }
        }
        if (clip.hasPositions()) {
            pos = new float[3 * joints * n];
            for (int f = 0; f < n; f++) {
                for (int j = 0; j < joints; j++) {
                    int o = 3 * (f * joints + j);
                    pos[o] = -clip.position(f, map[j], 0);
                    pos[o + 1] = clip.position(f, map[j], 1);
                    pos[o + 2] = clip.position(f, map[j], 2);
                }
            }
        }
        return new MotionClip(s, clip.fps(), trans, rot, pos);
    }

    /** The clip moved on the floor so that the root of frame 0 stands at x = z = 0 (height kept). */
    public static MotionClip alignRoot(MotionClip clip) {
        int n = clip.frameCount();
        int joints = clip.skeleton().jointCount();
        // The root joint stands at the root translation, so either gives the same shift.
        double dx = clip.hasRotations() ? clip.translation(0, 0) : clip.position(0, 0, 0);
        double dz = clip.hasRotations() ? clip.translation(0, 2) : clip.position(0, 0, 2);
        float[] trans = null, rot = null, pos = null;
        if (clip.hasRotations()) {
            trans = clip.translations(new float[3 * n]);
            rot = clip.rotations(new float[3 * joints * n]);
            for (int f = 0; f < n; f++) {
                trans[3 * f] -= (float) dx;
                trans[3 * f + 2] -= (float) dz;
            }
        }
        if (clip.hasPositions()) {
            pos = clip.positions(new float[3 * joints * n]);
            for (int i = 0; i < pos.length; i += 3) {
                pos[i] -= (float) dx;
                pos[i + 2] -= (float) dz;
            }
        }
        return new MotionClip(clip.skeleton(), clip.fps(), trans, rot, pos);
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
