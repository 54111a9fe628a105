package org.choreolab.generators.exported.internal;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Rotations;
import org.choreolab.motion.Smpl;

/**
 * EDGE's long-form merge of overlapping windows ({@code GaussianDiffusion.render_sample}, mode
 * {@code long}), as a running sum: each window is added at its offset; where it overlaps what is
 * already there, the root translation (or, for positions-only clips, every joint) fades linearly from
 * the earlier to the later window ({@code linspace(1, 0)} and {@code linspace(0, 1)} over the
 * overlap), and every joint rotation moves from the earlier to the later one by EDGE's
 * {@code quat_slerp} with the weights {@code linspace(0, 1)}. That function interpolates linearly,
 * without normalising, when the two quaternions are within {@code 1 − cos < 0.01} of each other, and
 * PyTorch3D's {@code quaternion_to_axis_angle} then scales the axis-angle by the quaternion's norm
 * (at most 0.25 % less angle): both are reproduced, so the merge gives EDGE's numbers. EDGE's windows
 * overlap by half; any overlap up to half a window merges the same way.
 */
final class Stitch {

    private final int joints = Smpl.JOINTS;
    private final double fps;
    private final boolean rotations;
    private float[] trans, rot, pos;
    private int length;

    Stitch(boolean rotations, double fps, int capacity) {
        this.rotations = rotations;
        this.fps = fps;
        int n = Math.max(1, capacity);
        if (rotations) {
            trans = new float[3 * n];
            rot = new float[3 * joints * n];
        } else {
            pos = new float[3 * joints * n];
        }
    }

    /** Frames merged so far. */
    int length() {
        return length;
    }

    /**
     * Adds {@code part} starting at frame {@code offset} (at most {@link #length()}): its frames
     * before {@link #length()} are merged with what is there, the rest appended.
     */
    void add(MotionClip part, int offset) {
        if (offset > length || offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " leaves a gap after " + length + " frames");
        }
        int n = part.frameCount();
        int overlap = Math.min(length - offset, n);
        ensure(offset + n);
        double[] qa = new double[4], qb = new double[4], q = new double[4], aa = new double[3];
        for (int i = 0; i < n; i++) {
            int f = offset + i;
            boolean blend = i < overlap;
            // torch.linspace(0, 1, overlap)[i]; a single overlapping frame keeps the earlier window's.
            double w = overlap > 1 ? (double) i / (overlap - 1) : 0;
            if (rotations) {
                for (int a = 0; a < 3; a++) {
                    trans[3 * f + a] = blend ? (float) (trans[3 * f + a] * (1 - w) + part.translation(i, a) * w) : part.translation(i, a);
                }
                for (int j = 0; j < joints; j++) {
                    int r = 3 * (f * joints + j);
                    if (!blend) {
                        for (int a = 0; a < 3; a++) {
                            rot[r + a] = part.rotation(i, j, a);
                        }
                        continue;
                    }
                    Rotations.axisAngleToQuaternion(rot[r], rot[r + 1], rot[r + 2], qa, 0);
                    Rotations.axisAngleToQuaternion(part.rotation(i, j, 0), part.rotation(i, j, 1), part.rotation(i, j, 2), qb, 0);
                    edgeSlerp(qa, qb, w, q);
                    pytorch3dAxisAngle(q, aa);
                    rot[r] = (float) aa[0];
                    rot[r + 1] = (float) aa[1];
                    rot[r + 2] = (float) aa[2];
                }
            } else {
                for (int j = 0; j < joints; j++) {
                    for (int a = 0; a < 3; a++) {
                        int p = 3 * (f * joints + j) + a;
                        pos[p] = blend ? (float) (pos[p] * (1 - w) + part.position(i, j, a) * w) : part.position(i, j, a);
                    }
                }
            }
        }
        length = Math.max(length, offset + n);
    }

    /** The first {@code frames} merged frames as a clip with world joint positions. */
    MotionClip clip(int frames) {
        int n = Math.min(frames, length);
        if (!rotations) {
            return new MotionClip(Smpl.NEUTRAL, fps, null, null, java.util.Arrays.copyOf(pos, 3 * joints * n));
        }
        MotionClip c = new MotionClip(Smpl.NEUTRAL, fps, java.util.Arrays.copyOf(trans, 3 * n),
                java.util.Arrays.copyOf(rot, 3 * joints * n), null);
        return new ForwardKinematics(Smpl.NEUTRAL).withPositions(c);
    }

    private void ensure(int frames) {
        if (rotations && trans.length < 3 * frames) {
            trans = java.util.Arrays.copyOf(trans, 3 * Math.max(frames, 2 * trans.length / 3));
            rot = java.util.Arrays.copyOf(rot, 3 * joints * (trans.length / 3));
        } else if (!rotations && pos.length < 3 * joints * frames) {
            pos = java.util.Arrays.copyOf(pos, 3 * joints * Math.max(frames, 2 * pos.length / (3 * joints)));
        }
    }

    /**
     * EDGE's {@code quat_slerp(x, y, a)} ({@code dataset/quaternion.py}) on (x, y, z, w) quaternions:
     * the shorter arc; linear, not normalised, when {@code 1 − |x·y| < 0.01}.
     */
    static void edgeSlerp(double[] x, double[] y, double a, double[] out) {
        double dot = x[0] * y[0] + x[1] * y[1] + x[2] * y[2] + x[3] * y[3];
        double sign = 1;
        if (dot < 0) {
            dot = -dot;
            sign = -1;
        }
        double s0, s1;
        if (1 - dot < 0.01) {
            s0 = 1 - a;
            s1 = a;
        } else {
            double omega = Math.acos(dot), sin = Math.sin(omega);
            s0 = Math.sin((1 - a) * omega) / sin;
            s1 = Math.sin(a * omega) / sin;
        }
        for (int k = 0; k < 4; k++) {
            out[k] = s0 * x[k] + s1 * sign * y[k];
        }
    }

    /**
     * PyTorch3D's {@code quaternion_to_axis_angle} on an (x, y, z, w) quaternion, unit or not: the
     * angle {@code 2·atan2(|xyz|, w)}, the axis-angle {@code xyz / (sin(angle/2) / angle)} — which
     * for a quaternion of norm s < 1 is s times the rotation's axis-angle.
     */
    static void pytorch3dAxisAngle(double[] q, double[] aa) {
        double n = Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
        double angle = 2 * Math.atan2(n, q[3]);
        double k = Math.abs(angle) < 1e-6 ? 0.5 - angle * angle / 48 : Math.sin(angle / 2) / angle;
        aa[0] = q[0] / k;
        aa[1] = q[1] / k;
        aa[2] = q[2] / k;
    }
}
