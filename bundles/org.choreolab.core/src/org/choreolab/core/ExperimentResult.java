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
    private final List<SequenceOutcome> pool = new CopyOnWriteArrayList<>();
    private volatile List<String> splitSequenceIds = List.of();
    private volatile List<String> poolSequenceIds = List.of();
    private volatile String shard = "";
    private final java.util.Map<String, String> genres = new java.util.concurrent.ConcurrentHashMap<>();
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

    /** Ground-truth outcomes of the sequences outside the split (the pool FID compares against). */
    public List<SequenceOutcome> pool() { return List.copyOf(pool); }
    public void addPool(SequenceOutcome o) { pool.add(o); }

    /** Every sequence of the split, in dataset order (a shard scores some of them). */
    public List<String> splitSequenceIds() { return splitSequenceIds; }
    public void setSplitSequenceIds(List<String> ids) { splitSequenceIds = List.copyOf(ids); }

    /** Every sequence of the ground-truth pool outside the split, in dataset order. */
    public List<String> poolSequenceIds() { return poolSequenceIds; }
    public void setPoolSequenceIds(List<String> ids) { poolSequenceIds = List.copyOf(ids); }

    /** The genre of each sequence (metadata {@code genre}), for per-genre breakdowns. */
    public java.util.Map<String, String> genres() { return java.util.Map.copyOf(genres); }
    public void putGenre(String sequence, String genre) { if (genre != null && !genre.isEmpty()) genres.put(sequence, genre); }

    /** "I/N" for a shard's result, empty for a whole run. */
    public String shard() { return shard; }
    public void setShard(String s) { shard = s; }
    public void addProblem(String problem) { problems.add(problem); }
    public void markCanceled() { canceled = true; }
}
