/**
 * Motion math shared by every bundle: rotation conversions ({@link org.choreolab.motion.Rotations}),
 * the SMPL skeleton ({@link org.choreolab.motion.Smpl}), forward kinematics
 * ({@link org.choreolab.motion.ForwardKinematics}) and clip operations
 * ({@link org.choreolab.motion.ClipOps}: resampling, mirroring, root alignment), FACT's 225-d frame
 * ({@link org.choreolab.motion.FactMotion}) and windowed autoregressive generation
 * ({@link org.choreolab.motion.Autoregression}). Batch forms write into
 * caller-supplied arrays and allocate nothing per frame.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package org.choreolab.motion;
