package org.choreolab.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a comparison: a generator (or the ground-truth reference row), its set value per
 * metric, the errors met, and every per-sequence outcome.
 */
public final class ResultRow {

    public static final String GROUND_TRUTH = "ground_truth";

    /** The generator id under which ground-truth-pool outcomes (sequences outside the split) are kept. */
    public static final String POOL = "ground_truth_pool";

    private final String id;
    private final String name;
    private final String backend;
    private final Map<String, String> parameters;
    private final Map<String, SequenceOutcome> sequences = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Double> set = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> setErrors = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile String error;

    public ResultRow(String id, String name, String backend, Map<String, String> parameters) {
        this.id = id;
        this.name = name;
        this.backend = backend;
        this.parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public String id() { return id; }
    public String name() { return name; }
    public String backend() { return backend; }
    public Map<String, String> parameters() { return parameters; }
    public boolean isReference() { return GROUND_TRUTH.equals(id); }

    /** Per-sequence outcomes in the order they completed. */
    public Map<String, SequenceOutcome> sequences() {
        synchronized (sequences) {
            return new LinkedHashMap<>(sequences);
        }
    }

    /** Set value per metric id; a metric that could not be computed is absent and has an error. */
    public Map<String, Double> set() {
        synchronized (set) {
            return new LinkedHashMap<>(set);
        }
    }

    public Map<String, String> setErrors() {
        synchronized (setErrors) {
            return new LinkedHashMap<>(setErrors);
        }
    }

    /** An error that stopped the whole row (e.g. the generator vanished), or null. */
    public String error() { return error; }

    public void putSequence(SequenceOutcome o) { sequences.put(o.sequenceId(), o); }
    public void putSet(String metric, double value) { set.put(metric, value); }
    public void putSetError(String metric, String message) { setErrors.put(metric, message); }
    public void setError(String message) { this.error = message; }
}
