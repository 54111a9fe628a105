package org.choreolab.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.SetValue;

/**
 * One row of a comparison: a generator (or the ground-truth reference row, or a folder of motion
 * generated elsewhere), its set value per metric with the flags that qualify it and its confidence
 * interval, the errors met, and every per-sequence outcome.
 */
public final class ResultRow {

    public static final String GROUND_TRUTH = "ground_truth";

    /** The generator id under which ground-truth-pool outcomes (sequences outside the split) are kept. */
    public static final String POOL = "ground_truth_pool";

    /** Where a row's motion comes from. */
    public enum Kind {
        /** The dataset's own motion: the reference row. */
        GROUND_TRUTH,
        /** An installed generator, run by the experiment. */
        GENERATOR,
        /** A folder of motion generated elsewhere ({@code evaluate --outputs NAME=DIR}). */
        OUTPUT
    }

    private final String id;
    private final String name;
    private final String backend;
    private final Map<String, String> parameters;
    private final Kind kind;
    private final String repeatOf;
    private final int repeat;
    private final long seed;
    private final Map<String, SequenceOutcome> sequences = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, SetValue> set = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Confidence> confidence = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Map<String, SetValue>> byGenre = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> setErrors = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile String error;

    /** A generator's row (or the reference row, by its id {@link #GROUND_TRUTH}). */
    public ResultRow(String id, String name, String backend, Map<String, String> parameters) {
        this(id, name, backend, parameters, GROUND_TRUTH.equals(id) ? Kind.GROUND_TRUTH : Kind.GENERATOR, null, 0, 0);
    }

    /**
     * @param repeatOf for a repeated run ({@code --repeats}), the id of the generator's first-run row; else null
     * @param repeat   0 for a first run, k for the run with seed {@code seed + k}
     * @param seed     the seed the generator ran with (0 for other kinds)
     * @since 0.3
     */
    public ResultRow(String id, String name, String backend, Map<String, String> parameters, Kind kind, String repeatOf, int repeat,
            long seed) {
        this.id = id;
        this.name = name;
        this.backend = backend;
        this.parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        this.kind = kind;
        this.repeatOf = repeatOf;
        this.repeat = repeat;
        this.seed = seed;
    }

    /** The id of the k-th repeated run's row of generator {@code id} ({@code id#k}; the first run is {@code id}). */
    public static String repeatId(String id, int k) {
        return k == 0 ? id : id + "#" + k;
    }

    public String id() { return id; }
    public String name() { return name; }
    public String backend() { return backend; }
    public Map<String, String> parameters() { return parameters; }
    public boolean isReference() { return kind == Kind.GROUND_TRUTH; }
    /** @since 0.3 */
    public Kind kind() { return kind; }
    /** The first run's row id for a repeated run, else null. @since 0.3 */
    public String repeatOf() { return repeatOf; }
    /** Whether this row is a repeated run (shown through its first run's spread, not as a row of its own). @since 0.3 */
    public boolean isRepeat() { return repeatOf != null; }
    /** @since 0.3 */
    public int repeat() { return repeat; }
    /** @since 0.3 */
    public long seed() { return seed; }

    /** Per-sequence outcomes in the order they completed. */
    public Map<String, SequenceOutcome> sequences() {
        synchronized (sequences) {
            return new LinkedHashMap<>(sequences);
        }
    }

    /**
     * Set value per metric id; a metric that could not be computed is absent and has an error. A value can
     * be NaN (non-finite features): then its flags say why.
     */
    public Map<String, Double> set() {
        Map<String, Double> out = new LinkedHashMap<>();
        synchronized (set) {
            set.forEach((m, v) -> out.put(m, v.value()));
        }
        return out;
    }

    /** Set value and flags per metric id. @since 0.3 */
    public Map<String, SetValue> setValues() {
        synchronized (set) {
            return new LinkedHashMap<>(set);
        }
    }

    /** The flags of one metric's set value (empty when none or when there is no value). @since 0.3 */
    public List<Flag> flags(String metric) {
        SetValue v = set.get(metric);
        return v == null ? List.of() : v.flags();
    }

    /** The 95 % bootstrap interval per metric id (absent when none was computed). @since 0.3 */
    public Map<String, Confidence> confidence() {
        synchronized (confidence) {
            return new LinkedHashMap<>(confidence);
        }
    }

    /** Per genre, the set value of each metric over that genre's sequences (metrics averaged over sequences only). @since 0.3 */
    public Map<String, Map<String, SetValue>> byGenre() {
        synchronized (byGenre) {
            return new LinkedHashMap<>(byGenre);
        }
    }

    public Map<String, String> setErrors() {
        synchronized (setErrors) {
            return new LinkedHashMap<>(setErrors);
        }
    }

    /** An error that stopped the whole row (e.g. the generator vanished), or null. */
    public String error() { return error; }

    /** Outcomes that are not failures. @since 0.3 */
    public long okCount() {
        return sequences().values().stream().filter(o -> !o.failed()).count();
    }

    public void putSequence(SequenceOutcome o) { sequences.put(o.sequenceId(), o); }
    public void putSet(String metric, double value) { putSet(metric, SetValue.of(value)); }

    /** @since 0.3 */
    public void putSet(String metric, SetValue value) {
        set.put(metric, value);
        setErrors.remove(metric);
    }

    /** @since 0.3 */
    public void putConfidence(String metric, Confidence c) { confidence.put(metric, c); }

    /** @since 0.3 */
    public void putGenre(String genre, String metric, SetValue v) {
        synchronized (byGenre) {
            byGenre.computeIfAbsent(genre, g -> new LinkedHashMap<>()).put(metric, v);
        }
    }

    public void putSetError(String metric, String message) {
        setErrors.put(metric, message);
        set.remove(metric);
        confidence.remove(metric);
    }

    public void setError(String message) { this.error = message; }

    /** Forgets the set values, intervals, per-genre values and set errors (before they are computed again). @since 0.3 */
    public void clearSummaries() {
        set.clear();
        confidence.clear();
        byGenre.clear();
        setErrors.clear();
    }
}
