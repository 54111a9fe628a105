package org.choreolab.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told of results as they complete, so that they can be shown or written at once and are never
 * lost with a later failure. Called on the runner's thread.
 */
@ConsumerType
public interface ExperimentListener {

    default void sequenceDone(ResultRow row, SequenceOutcome outcome) {
    }

    default void rowDone(ResultRow row) {
    }

    /** A ground-truth sequence outside the split, scored for the ground-truth pool of FID. */
    default void poolSequenceDone(SequenceOutcome outcome) {
    }

    ExperimentListener NONE = new ExperimentListener() {
    };
}
