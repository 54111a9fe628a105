package org.choreolab.api.motion;

import java.util.Objects;

/**
 * A clip of skeletal motion: per frame, the root translation (metres) and one axis-angle rotation
 * per joint (radians, local to the parent), and optionally the world joint positions (metres).
 * Immutable: the arrays given are copied, and reads return single values or copy into a caller's
 * array.
 */
public final class MotionClip {

    private final Skeleton skeleton;
    private final double fps;
    private final int frames;
    private final float[] translation;
    private final float[] rotations;
    private final float[] positions;

    /**
     * @param skeleton    the skeleton the rotations apply to
     * @param fps         frames per second, positive
     * @param translation root translation, {@code 3 * frames} values; may be null when only
     *                    positions are known
     * @param rotations   axis-angle rotations, {@code 3 * joints * frames} values (frame-major);
     *                    may be null when only positions are known
     * @param positions   world joint positions, {@code 3 * joints * frames} values, or null
     */
    public MotionClip(Skeleton skeleton, double fps, float[] translation, float[] rotations, float[] positions) {
        this.skeleton = Objects.requireNonNull(skeleton, "skeleton");
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps: expected a positive frame rate, got " + fps);
        }
        this.fps = fps;
        int j3 = 3 * skeleton.jointCount();
        if (rotations == null && positions == null) {
            throw new IllegalArgumentException("a clip needs rotations or positions");
        }
        int f = rotations != null ? checkMultiple("rotations", rotations.length, j3)
                : checkMultiple("positions", positions.length, j3);
        if (rotations != null && translation == null) {
            throw new IllegalArgumentException("translation: required with rotations");
        }
        if (translation != null && translation.length != 3 * f) {
            throw new IllegalArgumentException("translation: expected " + 3 * f + " values (3 per frame), got " + translation.length);
        }
        if (positions != null && positions.length != j3 * f) {
            throw new IllegalArgumentException("positions: expected " + j3 * f + " values, got " + positions.length);
        }
        this.frames = f;
        this.translation = translation == null ? null : translation.clone();
        this.rotations = rotations == null ? null : rotations.clone();
        this.positions = positions == null ? null : positions.clone();
    }

    private static int checkMultiple(String field, int length, int stride) {
        if (length % stride != 0) {
            throw new IllegalArgumentException(field + ": length " + length + " is not a multiple of " + stride);
        }
        return length / stride;
    }

    public Skeleton skeleton() {
        return skeleton;
    }

    public double fps() {
        return fps;
    }

    public int frameCount() {
        return frames;
    }

    public double durationSeconds() {
        return frames / fps;
    }

    public boolean hasRotations() {
        return rotations != null;
    }

    public boolean hasPositions() {
        return positions != null;
    }

    /** Root translation of {@code frame} along {@code axis}. */
    public float translation(int frame, int axis) {
        return translation[3 * frame + axis];
    }

    /** Axis-angle component {@code axis} of {@code joint} at {@code frame}. */
    public float rotation(int frame, int joint, int axis) {
        return rotations[3 * (frame * skeleton.jointCount() + joint) + axis];
    }

    /** World position component {@code axis} of {@code joint} at {@code frame}. */
    public float position(int frame, int joint, int axis) {
        return positions[3 * (frame * skeleton.jointCount() + joint) + axis];
    }

    /** Copies all root translations into {@code dest} (3 per frame) and returns it. */
    public float[] translations(float[] dest) {
        System.arraycopy(translation, 0, dest, 0, translation.length);
        return dest;
    }

    /** Copies all rotations into {@code dest} (frame-major, 3 per joint) and returns it. */
    public float[] rotations(float[] dest) {
        System.arraycopy(rotations, 0, dest, 0, rotations.length);
        return dest;
    }

    /** Copies all positions into {@code dest} (frame-major, 3 per joint) and returns it. */
    public float[] positions(float[] dest) {
        System.arraycopy(positions, 0, dest, 0, positions.length);
        return dest;
    }

    /** This clip with the given world positions attached (rotations and translation kept). */
    public MotionClip withPositions(float[] newPositions) {
        return new MotionClip(skeleton, fps, translation, rotations, newPositions);
    }

    /** Frames {@code [from, to)} of this clip. */
    public MotionClip slice(int from, int to) {
        if (from < 0 || to > frames || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + frames + " frames");
        }
        int j3 = 3 * skeleton.jointCount();
        return new MotionClip(skeleton, fps,
                translation == null ? null : java.util.Arrays.copyOfRange(translation, 3 * from, 3 * to),
                rotations == null ? null : java.util.Arrays.copyOfRange(rotations, j3 * from, j3 * to),
                positions == null ? null : java.util.Arrays.copyOfRange(positions, j3 * from, j3 * to));
    }

    @Override
    public String toString() {
        return "MotionClip[" + frames + " frames at " + fps + " fps, " + skeleton + "]";
    }
}
