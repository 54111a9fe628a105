package org.choreolab.core;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The results of an experiment, filled in as it runs: the ground-truth reference row first, then
 * one row per generator. Safe to read while the run is going on.
 */
public final class ExperimentResult {

    private final Experiment experiment;
    private final String datasetName;
    private final List<String> sequenceIds;
    private final List<String> metricIds;
    private final Instant started = Instant.now();
    private final List<ResultRow> rows = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile boolean canceled;

    public ExperimentResult(Experiment experiment, String datasetName, List<String> sequenceIds, List<String> metricIds) {
        this.experiment = experiment;
        this.datasetName = datasetName;
        this.sequenceIds = List.copyOf(sequenceIds);
        this.metricIds = List.copyOf(metricIds);
    }

    public Experiment experiment() { return experiment; }
    public String datasetName() { return datasetName; }
    public List<String> sequenceIds() { return sequenceIds; }
    public List<String> metricIds() { return metricIds; }
    public Instant started() { return started; }
    public List<ResultRow> rows() { return List.copyOf(rows); }
    /** Dataset problems and other notes met during the run. */
    public List<String> problems() { return List.copyOf(problems); }
    public boolean canceled() { return canceled; }

    public void addRow(ResultRow row) { rows.add(row); }
    public void addProblem(String problem) { problems.add(problem); }
    public void markCanceled() { canceled = true; }
}
