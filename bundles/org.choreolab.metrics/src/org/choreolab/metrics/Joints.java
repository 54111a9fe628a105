package org.choreolab.metrics;

import org.choreolab.api.motion.MotionClip;

/**
 * Joint positions of the 24 SMPL joints as the metrics read them: {@code frames × 24 × 3} floats,
 * y up, metres. A thin, allocation-free view over a float array.
 */
public final class Joints {

    public static final int J = 24;

    final float[] p;
    final int frames;

    public Joints(float[] positions, int frames) {
        if (positions.length != frames * J * 3) {
            throw new IllegalArgumentException("positions: expected " + frames + " x 24 x 3 = " + frames * J * 3
                    + " values, got " + positions.length);
        }
        this.p = positions;
        this.frames = frames;
    }

    /** The clip's positions; the clip must be on a 24-joint skeleton and have positions. */
    public static Joints of(MotionClip clip) {
        if (!clip.hasPositions()) {
            throw new IllegalArgumentException("metrics need joint positions; the clip has none");
        }
        if (clip.skeleton().jointCount() != J) {
            throw new IllegalArgumentException("metrics are defined on the 24 SMPL joints; the clip has "
                    + clip.skeleton().jointCount());
        }
        return new Joints(clip.positions(new float[clip.frameCount() * J * 3]), clip.frameCount());
    }

    public int frames() {
        return frames;
    }

    public float get(int frame, int joint, int axis) {
        return p[(frame * J + joint) * 3 + axis];
    }

    /** Frames {@code [from, to)}. */
    public Joints crop(int from, int to) {
        from = Math.max(0, from);
        to = Math.min(frames, to);
        if (to <= from) {
            throw new IllegalArgumentException("crop [" + from + ", " + to + ") of " + frames + " frames is empty");
        }
        return new Joints(java.util.Arrays.copyOfRange(p, from * J * 3, to * J * 3), to - from);
    }

    /**
     * Every joint minus the root of frame 0, computed in single precision as the reference code does
     * on its float32 arrays.
     */
    public Joints relativeToFirstRoot() {
        float[] q = new float[p.length];
        float rx = p[0], ry = p[1], rz = p[2];
        for (int i = 0; i < q.length; i += 3) {
            q[i] = p[i] - rx;
            q[i + 1] = p[i + 1] - ry;
            q[i + 2] = p[i + 2] - rz;
        }
        return new Joints(q, frames);
    }

    /** Throws a clear error for NaN or infinite coordinates. */
    public Joints requireFinite(String what) {
        for (int i = 0; i < p.length; i++) {
            if (!Float.isFinite(p[i])) {
                throw new IllegalArgumentException(what + ": non-finite coordinate at frame " + i / (J * 3) + ", joint "
                        + i / 3 % J);
            }
        }
        return this;
    }
}
