package org.choreolab.api.metric;

import java.util.Map;

/**
 * What a metric keeps of one sequence: named feature vectors (e.g. {@code kinetic}) and named
 * scalars (e.g. {@code bas}). These are what result files store and what shards merge.
 */
public record SequenceValues(String sequenceId, Map<String, double[]> vectors, Map<String, Double> scalars) {

    public SequenceValues {
        vectors = vectors == null ? Map.of() : Map.copyOf(vectors);
        scalars = scalars == null ? Map.of() : Map.copyOf(scalars);
    }
}
