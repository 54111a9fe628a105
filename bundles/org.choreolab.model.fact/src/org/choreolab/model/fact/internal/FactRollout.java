package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.choreolab.api.model.Network;
import org.choreolab.api.model.Tensor;
import org.choreolab.motion.Autoregression;

/**
 * One FACT network driven as mint's {@code infer_auto_regressive} drives it: the motion window and the
 * music window that starts with it in, the first predicted frame out, {@link Feedback} applied, the
 * windows shifted by one frame. The step is separate from the loop so that a batched loop can share it.
 *
 * @param net      FACT on some engine, its parameters loaded
 * @param config   its shape
 * @param feedback what goes back into the motion window
 * @param policy   what happens at the end of the music and with a short seed
 */
public record FactRollout(Network net, FactConfig config, Feedback feedback, Autoregression.Policy policy) {

    /**
     * One step: the first frame FACT predicts for these windows ({@code motionLength × motionDim} and
     * {@code audioLength × audioDim} values), after feedback: what is kept and fed back.
     */
    public float[] step(float[] motionWindow, float[] musicWindow) throws IOException {
        float[] next = predict(motionWindow, musicWindow);
        feedback.apply(next, 0);
        return next;
    }

    /** The network's first predicted frame for these windows, as it comes out (before feedback). */
    public float[] predict(float[] motionWindow, float[] musicWindow) throws IOException {
        FactConfig c = config;
        float[] out = net.predict(List.of(new Tensor(new long[] {1, c.motionLength(), c.motionDim()}, motionWindow),
                new Tensor(new long[] {1, c.audioLength(), c.audioDim()}, musicWindow))).get(0).data();
        return Arrays.copyOf(out, c.motionDim()); // mint: output[:, 0:1, :], only the first frame is kept
    }

    /**
     * The seed's frames followed by generated ones, up to {@code total} frames (fewer when the music
     * ends first under {@link Autoregression.MusicEnd#STOP}).
     *
     * @param seed  seed frames in FACT's 225-d layout, {@code seedFrames × motionDim}
     * @param music the music features from the seed's first frame on, {@code frames × audioDim}
     */
    public float[] run(float[] seed, int seedFrames, float[] music, int total, Autoregression.Progress progress)
            throws IOException {
        FactConfig c = config;
        return Autoregression.run(this::step, seed, seedFrames, c.motionDim(), c.motionLength(), music, c.audioDim(),
                c.audioLength(), 1, total, policy, progress);
    }
}
