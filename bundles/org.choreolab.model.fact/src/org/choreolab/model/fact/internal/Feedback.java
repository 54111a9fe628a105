package org.choreolab.model.fact.internal;

import java.util.Locale;

import org.choreolab.motion.FactMotion;

/**
 * What goes back into FACT's motion window after each step (the generator parameter
 * {@code feedback}, and the key {@code "feedback"} of a model's {@code fact.json}).
 */
public enum Feedback {

    /**
     * The network's output frame as it is, kept and fed back unchanged: mint's
     * {@code infer_auto_regressive}. Its 3×3 blocks are no exact rotations; they become poses only when
     * the clip is decoded ({@link FactMotion#decode}), as mint's evaluation does.
     */
    RAW("raw"),

    /**
     * Choreolab's deviation: every kept frame is first replaced by the pose it stands for (each 3×3
     * block by its nearest rotation, mint's rule; the padding by zeros), and that goes back in.
     */
    PROJECTED("projected");

    /** The generator parameter and the {@code fact.json} key. */
    public static final String KEY = "feedback";

    private final String id;

    Feedback(String id) {
        this.id = id;
    }

    /** As written in parameters and {@code fact.json}. */
    public String id() {
        return id;
    }

    /** Applies this feedback to frame {@code frame} of {@code frames} (225-d), in place. */
    public void apply(float[] frames, int frame) {
        if (this == PROJECTED) {
            FactMotion.projectRotations(frames, frame);
        }
    }

    /** Parses {@code raw} or {@code projected}; anything else is an error naming the values. */
    public static Feedback of(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Feedback f : values()) {
            if (f.id.equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("expected raw (mint's) or projected (Choreolab's), got '" + value + "'");
    }
}
