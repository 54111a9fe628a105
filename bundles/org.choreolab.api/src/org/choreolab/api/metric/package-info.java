/**
 * Metrics: a {@link org.choreolab.api.metric.Metric} computes per-sequence values (kept, so a user can
 * see which sequence drove a number) and summarises a set of them, under a named protocol that fixes
 * every convention (cropping, frame rates, pooling, directions, smoothing). A set value comes with
 * {@link org.choreolab.api.metric.Flag flags} when it is numerically ill-posed
 * ({@link org.choreolab.api.metric.Metric#evaluate}), and a metric states the conventions it applied
 * under each protocol ({@link org.choreolab.api.metric.Metric#conventions}) so that results can record
 * them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.choreolab.api.metric;
