/**
 * The field's evaluation suite, as its reference code computes it: kinetic and geometric features
 * ({@link org.choreolab.metrics.KineticFeatures}, {@link org.choreolab.metrics.GeometricFeatures}),
 * the Fréchet distance and diversity of feature sets, with flags when they are ill-posed
 * ({@link org.choreolab.metrics.SetMetrics}), the Beat Align Score ({@link org.choreolab.metrics.BeatAlign})
 * and EDGE's physical foot contact score ({@link org.choreolab.metrics.FootContact}). A
 * {@link org.choreolab.metrics.Protocol} fixes every convention at once (crops, frame rates, pooling,
 * directions, smoothing, the ground-truth pool) and states them. {@link org.choreolab.metrics.ClipChecks}
 * checks a clip's positions for drift, floor penetration, changing bones and NaN.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.choreolab.metrics;
