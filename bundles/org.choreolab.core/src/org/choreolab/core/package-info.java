/**
 * The runtime every face of Choreolab shares: the {@link org.choreolab.core.ComponentRegistry} of
 * installed components, the {@link org.choreolab.core.GenerationService} through which every caller
 * runs a generator on a sequence (since 0.2), and the {@link org.choreolab.core.ExperimentRunner} that
 * runs an {@link org.choreolab.core.Experiment} and keeps every result as it completes.
 */
@org.osgi.annotation.versioning.Version("0.3.0")
package org.choreolab.core;
