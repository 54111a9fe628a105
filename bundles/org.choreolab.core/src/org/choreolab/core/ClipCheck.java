package org.choreolab.core;

import java.util.Objects;

/**
 * A problem one clip's joint positions show (from {@code org.choreolab.metrics.ClipChecks}): it drifts
 * away, sinks through the floor, stretches its bones or holds NaN. The clip is still scored; the check
 * says why its numbers may mislead.
 *
 * @param code       {@code non_finite}, {@code root_drift}, {@code below_floor} or {@code bone_length}
 * @param firstFrame the first frame where the check fails
 * @param frames     how many frames fail
 * @param message    one line: what was found, where, and the limit
 * @since 0.3
 */
public record ClipCheck(String code, int firstFrame, int frames, String message) {

    public ClipCheck {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** "below_floor from frame 212: joint …", for lists that name the sequence already. */
    @Override
    public String toString() {
        return code + " from frame " + firstFrame + ": " + message;
    }
}
