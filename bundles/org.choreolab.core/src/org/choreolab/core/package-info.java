/**
 * The runtime every face of Choreolab shares: the {@link org.choreolab.core.ComponentRegistry} of
 * installed components and the {@link org.choreolab.core.ExperimentRunner} that runs an
 * {@link org.choreolab.core.Experiment} and keeps every result as it completes.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.core;
