package org.choreolab.core;

import java.util.List;
import java.util.Map;

import org.choreolab.api.metric.SequenceValues;

/**
 * What one generator gave for one sequence: the values each metric kept, or the error that stopped
 * it (generation error in {@code error}, metric errors by metric id in {@code metricErrors}), and the
 * problems the clip checks found in the motion (the sequence is scored all the same).
 */
public record SequenceOutcome(String generatorId, String sequenceId, Map<String, SequenceValues> values,
        String error, Map<String, String> metricErrors, List<ClipCheck> checks) {

    public SequenceOutcome {
        values = values == null ? Map.of() : Map.copyOf(values);
        metricErrors = metricErrors == null ? Map.of() : Map.copyOf(metricErrors);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** The 0.2 form: no clip checks. */
    public SequenceOutcome(String generatorId, String sequenceId, Map<String, SequenceValues> values, String error,
            Map<String, String> metricErrors) {
        this(generatorId, sequenceId, values, error, metricErrors, List.of());
    }

    public boolean failed() {
        return error != null;
    }

    /** This outcome under another generator id (outcomes read back for a repeat row or a renamed row). */
    public SequenceOutcome withGenerator(String id) {
        return new SequenceOutcome(id, sequenceId, values, error, metricErrors, checks);
    }
}
