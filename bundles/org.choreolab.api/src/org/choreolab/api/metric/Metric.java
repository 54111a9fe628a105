package org.choreolab.api.metric;

import java.util.List;
import java.util.Map;

import org.choreolab.api.Component;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A metric of the field's evaluation suite. Scoring happens in two steps so that runs can be
 * resumed and sharded: {@link #sequence} computes what is kept per sequence, {@link #summarize}
 * turns the kept values of a generated set (and of the ground-truth set) into one number.
 */
@ConsumerType
public interface Metric extends Component {

    /** The protocols this metric knows (e.g. {@code bailando}, {@code fact}, {@code edge}). */
    List<String> protocols();

    /** Whether {@link #summarize} needs the ground-truth set (FID does, Div does not). */
    default boolean needsGroundTruth() {
        return false;
    }

    /** Whether {@link #sequence} needs music beats (the Beat Align Score does). */
    default boolean needsMusicBeats() {
        return false;
    }

    /**
     * Whether, under {@code protocol}, the ground-truth set this metric compares against is the whole
     * dataset (every sequence, all splits) rather than the evaluated split; Bailando's and FACT's code
     * use the whole dataset.
     */
    default boolean groundTruthIsWholeDataset(String protocol) {
        return false;
    }

    /** The values kept for one sequence. */
    SequenceValues sequence(MetricInput input);

    /**
     * The set value of this metric.
     *
     * @param generated   kept values of the generated set
     * @param groundTruth kept values of the ground-truth set (empty when not needed)
     * @param protocol    the protocol whose conventions apply
     * @throws IllegalArgumentException with a clear message for degenerate sets
     */
    double summarize(List<SequenceValues> generated, List<SequenceValues> groundTruth, String protocol);

    /**
     * The set value with its flags: the same number as {@link #summarize} (computed exactly as the
     * protocol says), plus machine-readable flags when it is numerically ill-posed (a singular
     * ground-truth covariance, a feature constant over the ground truth, non-finite features) or worth a
     * note. Where {@link #summarize} refuses non-finite features, this returns the value the protocol's
     * own code gives (NaN) with a flag. The default wraps {@link #summarize} and flags nothing.
     *
     * @throws IllegalArgumentException when no value can be given at all (e.g. an empty set)
     * @since 0.2
     */
    default SetValue evaluate(List<SequenceValues> generated, List<SequenceValues> groundTruth, String protocol) {
        return SetValue.of(summarize(generated, groundTruth, protocol));
    }

    /**
     * The conventions this metric applies under {@code protocol}, for results to record beside the value:
     * names such as {@code frames}, {@code frame_rate}, {@code pooling}, {@code source}, each with a
     * one-line statement (what is done, and which line of which original code it follows). Empty when
     * the metric states none.
     *
     * @since 0.2
     */
    default Map<String, String> conventions(String protocol) {
        return Map.of();
    }
}
