package org.choreolab.generators.exported.internal;

import java.io.IOException;

/**
 * One forward pass of an exported model for one sequence: the inputs of one step in, its output
 * frames out (flat, {@code frames × dims}). Each mode ({@link Windowed}, {@link Whole}, and
 * {@link org.choreolab.motion.Autoregression}) only prepares inputs and consumes outputs around this
 * call, so a batched run ({@link org.choreolab.model.batch.BatchedRollouts}) gathers the steps of several sequences into one call.
 */
@FunctionalInterface
interface ModelStep {

    /**
     * @param motion the motion input ({@code frames × dims}), or null when the model takes none
     * @param music  the music input ({@code frames × dims})
     */
    float[] predict(float[] motion, float[] music) throws IOException;
}
