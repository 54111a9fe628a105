package org.choreolab.ui.internal.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultFiles;
import org.choreolab.core.ShardMerge;

/**
 * The last run, kept in the workspace as the folder {@code evaluate --out} writes ({@code experiment.json},
 * {@code sequences.jsonl} appended as sequences complete, {@code results.json}): computed results are
 * never lost with the window, and the next start shows them again, their set values recomputed from the
 * per-sequence values by the same code that merges shards.
 */
final class LastRun {

    private static final List<String> FILES = List.of(ResultFiles.EXPERIMENT_JSON, ResultFiles.SEQUENCES_JSONL,
            ResultFiles.RESULTS_JSON, ResultFiles.RESULTS_MD);

    private LastRun() {
    }

    /** Clears the folder, records the experiment, and returns the listener that appends each sequence. */
    static ExperimentListener begin(Path dir, Experiment ex) throws IOException {
        Files.createDirectories(dir);
        for (String f : FILES) {
            Files.deleteIfExists(dir.resolve(f));
        }
        ResultFiles.writeExperiment(ex, dir);
        return ResultFiles.appender(dir);
    }

    static void finish(ExperimentResult result, Path dir) throws IOException {
        ResultFiles.write(result, dir);
    }

    /** The experiment last run, if any. */
    static Optional<Experiment> experiment(Path dir) {
        try {
            return ResultFiles.readExperiment(dir);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The last finished (or cancelled) run, read back; empty when there is none. */
    static Optional<ExperimentResult> restore(Path dir, ComponentRegistry registry) throws IOException {
        if (!Files.isRegularFile(dir.resolve(ResultFiles.RESULTS_JSON))) {
            return Optional.empty();
        }
        return Optional.of(ShardMerge.merge(List.of(dir), registry));
    }
}
