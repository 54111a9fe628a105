package org.choreolab.core;

import java.io.IOException;

import org.choreolab.api.ProgressMonitor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs experiments over the installed components. Registered as an OSGi service by the core bundle.
 */
@ProviderType
public interface ExperimentRunner {

    /**
     * Runs {@code experiment}: for each sequence of the split, the ground truth and each generator
     * are scored by each metric; one failing component is recorded and the others go on.
     *
     * @throws IOException when the run cannot start at all (no dataset reader, unreadable dataset,
     *                     unknown generator or metric id)
     */
    default ExperimentResult run(Experiment experiment, ProgressMonitor monitor, ExperimentListener listener) throws IOException {
        return run(experiment, RunOptions.NONE, monitor, listener);
    }

    /**
     * Runs one shard of {@code experiment}, reusing the outcomes {@code options} already holds (they are
     * not reported to the listener again). The set values of a shard cover its sequences only;
     * {@link Summaries} recomputes them when shards are merged.
     */
    ExperimentResult run(Experiment experiment, RunOptions options, ProgressMonitor monitor, ExperimentListener listener)
            throws IOException;
}
