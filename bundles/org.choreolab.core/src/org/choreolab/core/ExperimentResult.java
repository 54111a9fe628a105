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
    private final java.util.Map<String, java.util.Map<String, String>> conventions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile List<Comparison> comparisons = List.of();
    private volatile List<RepeatSpread> repeats = List.of();
    private final java.util.Map<String, OutputSource> outputs = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

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

    /** Per metric id, the conventions it applied under the protocol ({@code Metric.conventions}). @since 0.3 */
    public java.util.Map<String, java.util.Map<String, String>> conventions() {
        java.util.Map<String, java.util.Map<String, String>> out = new java.util.LinkedHashMap<>();
        metricIds.forEach(m -> {
            if (conventions.containsKey(m)) {
                out.put(m, conventions.get(m));
            }
        });
        return out;
    }

    /** @since 0.3 */
    public void putConventions(String metric, java.util.Map<String, String> c) {
        conventions.put(metric, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(c)));
    }

    /** The paired comparisons of two rows per metric (empty without bootstrap or with fewer than two rows). @since 0.3 */
    public List<Comparison> comparisons() { return comparisons; }
    /** @since 0.3 */
    public void setComparisons(List<Comparison> c) { comparisons = List.copyOf(c); }

    /** Per generator run more than once ({@code repeats}), the spread of its set values. @since 0.3 */
    public List<RepeatSpread> repeats() { return repeats; }
    /** @since 0.3 */
    public void setRepeats(List<RepeatSpread> r) { repeats = List.copyOf(r); }

    /** The folders of motion generated elsewhere, by row id, as they were read. @since 0.3 */
    public java.util.Map<String, OutputSource> outputs() {
        synchronized (outputs) {
            return new java.util.LinkedHashMap<>(outputs);
        }
    }
    /** @since 0.3 */
    public void putOutput(OutputSource o) { outputs.put(o.name(), o); }

    /** The rows shown in comparison tables: the reference, the generators' first runs and the output folders. @since 0.3 */
    public List<ResultRow> tableRows() {
        return rows.stream().filter(r -> !r.isRepeat()).toList();
    }

    /** The row with this id, if any. @since 0.3 */
    public java.util.Optional<ResultRow> row(String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst();
    }
    public void markCanceled() { canceled = true; }
}
