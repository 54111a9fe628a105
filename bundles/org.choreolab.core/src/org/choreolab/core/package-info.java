/**
 * The runtime every face of Choreolab shares: the {@link org.choreolab.core.ComponentRegistry} of
 * installed components, the {@link org.choreolab.core.GenerationService} through which every caller
 * runs a generator on a sequence (since 0.2), and the {@link org.choreolab.core.ExperimentRunner} that
 * runs an {@link org.choreolab.core.Experiment} and keeps every result as it completes. Since 0.3 a
 * result row carries each set value's {@link org.choreolab.api.metric.Flag flags} and 95 % bootstrap
 * {@link org.choreolab.core.Confidence interval}, results carry the metrics' conventions, paired
 * {@link org.choreolab.core.Comparison comparisons}, the {@link org.choreolab.core.RepeatSpread spread}
 * of repeated runs, folders of motion generated elsewhere ({@link org.choreolab.core.OutputSource}) and
 * per-sequence {@link org.choreolab.core.ClipCheck clip checks}; {@code results.md} moved to the report
 * bundle with the other tables.
 */
@org.osgi.annotation.versioning.Version("0.4.0")
package org.choreolab.core;
