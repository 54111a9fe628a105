package org.choreolab.motion;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;
import org.joml.Matrix3d;
import org.joml.Vector3d;

/**
 * World joint positions from root translation and local axis-angle rotations, as the AIST++ research
 * code computes its reference joints: {@code p[0] = translation},
 * {@code p[j] = p[parent] + Rw[parent] · offset[j]}, {@code Rw[0] = R(aa[0])},
 * {@code Rw[j] = Rw[parent] · R(aa[j])}, R by Rodrigues' formula, all in double precision.
 *
 * <p>An instance keeps scratch matrices for one skeleton and is not thread-safe; it allocates
 * nothing per frame.
 */
public final class ForwardKinematics {

    private final Skeleton skeleton;
    private final int joints;
    private final int[] parents;
    private final double[] offsets;
    private final Matrix3d[] world;
    private final Vector3d[] position;
    private final Matrix3d local = new Matrix3d();
    private final Vector3d tmp = new Vector3d();
    private final double[] rodrigues = new double[9];

    public ForwardKinematics(Skeleton skeleton) {
        this.skeleton = skeleton;
        this.joints = skeleton.jointCount();
        this.parents = skeleton.parents();
        this.offsets = skeleton.offsets();
        this.world = new Matrix3d[joints];
        this.position = new Vector3d[joints];
        for (int j = 0; j < joints; j++) {
            world[j] = new Matrix3d();
            position[j] = new Vector3d();
        }
    }

    public Skeleton skeleton() {
        return skeleton;
    }

    /**
     * Computes positions for {@code frames} frames.
     *
     * @param translation root translation, 3 per frame
     * @param axisAngle   local rotations, 3 per joint per frame (frame-major)
     * @param dest        receives positions, 3 per joint per frame; returned
     */
    public float[] compute(float[] translation, float[] axisAngle, int frames, float[] dest) {
        int j3 = 3 * joints;
        for (int f = 0; f < frames; f++) {
            int rb = f * j3;
            for (int j = 0; j < joints; j++) {
                Rotations.axisAngleToMatrix(axisAngle, rb + 3 * j, rodrigues, 0);
                // JOML's set(m00, m01, m02, …) takes column-major arguments: pass the transpose of row-major.
                local.set(rodrigues[0], rodrigues[3], rodrigues[6], rodrigues[1], rodrigues[4], rodrigues[7],
                        rodrigues[2], rodrigues[5], rodrigues[8]);
                int p = parents[j];
                if (p < 0) {
                    world[j].set(local);
                    position[j].set(translation[3 * f], translation[3 * f + 1], translation[3 * f + 2]);
                } else {
                    world[p].mul(local, world[j]);
                    world[p].transform(offsets[3 * j], offsets[3 * j + 1], offsets[3 * j + 2], tmp);
                    position[p].add(tmp, position[j]);
                }
                dest[rb + 3 * j] = (float) position[j].x;
                dest[rb + 3 * j + 1] = (float) position[j].y;
                dest[rb + 3 * j + 2] = (float) position[j].z;
            }
        }
        return dest;
    }

    /** The clip with its world positions computed from its rotations. */
    public MotionClip withPositions(MotionClip clip) {
        if (!clip.hasRotations()) {
            throw new IllegalArgumentException("forward kinematics needs rotations; the clip has positions only");
        }
        int n = clip.frameCount();
        float[] t = clip.translations(new float[3 * n]);
        float[] r = clip.rotations(new float[3 * joints * n]);
        return clip.withPositions(compute(t, r, n, new float[3 * joints * n]));
    }
}
