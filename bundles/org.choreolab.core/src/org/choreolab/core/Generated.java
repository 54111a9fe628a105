package org.choreolab.core;

import java.util.Objects;

import org.choreolab.api.data.Sequence;
import org.choreolab.api.motion.MotionClip;

/**
 * One sequence's outcome of {@link GenerationService#generateAll}: the clip (at the dataset's frame
 * rate, with joint positions), or the error that stopped it.
 */
public record Generated(Sequence sequence, MotionClip clip, GenerationException error) {

    public Generated {
        Objects.requireNonNull(sequence, "sequence");
        if ((clip == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of clip and error");
        }
    }

    public boolean failed() {
        return error != null;
    }
}
