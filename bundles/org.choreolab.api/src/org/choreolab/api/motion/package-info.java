/**
 * Motion values: a {@link org.choreolab.api.motion.Skeleton} (joint names, parents, rest offsets)
 * and a {@link org.choreolab.api.motion.MotionClip} (frame rate, root translation and axis-angle
 * joint rotations per frame, optionally world joint positions). Both are immutable; accessors read
 * single values or copy into caller-supplied arrays, so loops over frames allocate nothing.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.api.motion;
