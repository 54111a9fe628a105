package org.choreolab.api.model;

/**
 * What a generator's clips hold, as its {@link GeneratorNeeds} declares it. Whatever it declares,
 * the clips a caller gets from the platform always have world joint positions (metrics and the
 * skeleton pictures use them); consumers that need rotations (AIST++ {@code .pkl}, BVH) check
 * {@link org.choreolab.api.motion.MotionClip#hasRotations()} and say so when there are none.
 */
public enum GeneratorOutput {

    /**
     * Root translation and local joint rotations on every frame (world joint positions may be left
     * out: the platform computes them by forward kinematics).
     */
    ROTATIONS,

    /**
     * World joint positions on every frame; rotations are not promised (a keypoint model, or a
     * generator that copies whatever its dataset holds).
     */
    JOINT_POSITIONS
}
