package org.choreolab.core;

import java.util.Map;

import org.choreolab.api.metric.SequenceValues;

/**
 * What one generator gave for one sequence: the values each metric kept, or the error that stopped
 * it (generation error in {@code error}, metric errors by metric id in {@code metricErrors}).
 */
public record SequenceOutcome(String generatorId, String sequenceId, Map<String, SequenceValues> values,
        String error, Map<String, String> metricErrors) {

    public SequenceOutcome {
        values = values == null ? Map.of() : Map.copyOf(values);
        metricErrors = metricErrors == null ? Map.of() : Map.copyOf(metricErrors);
    }

    public boolean failed() {
        return error != null;
    }
}
