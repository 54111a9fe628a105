package org.choreolab.api.metric;

import java.util.Objects;

import org.choreolab.api.motion.MotionClip;

/**
 * One sequence to score.
 *
 * @param sequenceId the sequence's id
 * @param motion     the motion, with world joint positions
 * @param musicBeats music beat frames at the motion's frame rate, or null when unknown
 * @param protocol   the protocol whose conventions apply (e.g. {@code bailando})
 * @param groundTruth whether the motion is the dataset's own (protocols crop generated and real
 *                   motion differently)
 */
public record MetricInput(String sequenceId, MotionClip motion, int[] musicBeats, String protocol, boolean groundTruth) {

    public MetricInput {
        Objects.requireNonNull(sequenceId, "sequenceId");
        Objects.requireNonNull(motion, "motion");
        Objects.requireNonNull(protocol, "protocol");
        musicBeats = musicBeats == null ? null : musicBeats.clone();
    }
}
