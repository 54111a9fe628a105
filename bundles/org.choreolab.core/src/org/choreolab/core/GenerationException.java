package org.choreolab.core;

import java.io.IOException;

/**
 * Why a generator gave no clip for a sequence. The message names both ("fact-pytorch on
 * gBR_sBM_cAll_d04_mBR0_ch01: timed out after 600 s"); {@link #reason()} is the part after them, for
 * places that already show the generator and the sequence (a result row's cell).
 */
public final class GenerationException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String generatorId;
    private final String sequenceId;
    private final String reason;
    private final boolean canceled;

    public GenerationException(String generatorId, String sequenceId, String reason, boolean canceled, Throwable cause) {
        super(generatorId + " on " + sequenceId + ": " + reason, cause);
        this.generatorId = generatorId;
        this.sequenceId = sequenceId;
        this.reason = reason;
        this.canceled = canceled;
    }

    public String generatorId() {
        return generatorId;
    }

    public String sequenceId() {
        return sequenceId;
    }

    /** What went wrong, without the generator and the sequence. */
    public String reason() {
        return reason;
    }

    /** Whether it stopped because the caller cancelled (not a failure of the generator). */
    public boolean canceled() {
        return canceled;
    }
}
