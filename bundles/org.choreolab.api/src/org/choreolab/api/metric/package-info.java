/**
 * Metrics: a {@link org.choreolab.api.metric.Metric} computes per-sequence values (kept, so a user can
 * see which sequence drove a number) and summarises a set of them, under a named protocol that fixes
 * every convention (cropping, directions, smoothing).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.api.metric;
