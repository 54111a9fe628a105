package org.choreolab.motion;

import java.io.IOException;

/**
 * Windowed autoregressive generation, as mint's infer_auto_regressive runs FACT: from a motion window
 * (the seed) and the music window starting with it, predict; keep the first {@code keep} predicted
 * frames; shift both windows by that many frames; repeat. Frames are FACT's 225-d vectors (or any
 * fixed width), music frames any fixed width, both at the same frame rate.
 */
public final class Autoregression {

    /** One prediction: a motion window and a music window in, at least {@code keep} frames out. */
    @FunctionalInterface
    public interface Step {
        float[] predict(float[] motionWindow, float[] musicWindow) throws IOException;
    }

    private Autoregression() {
    }

    /**
     * Generates {@code total} frames: the seed's frames (at most {@code total}), then predicted ones.
     * A seed shorter than the window is padded in front with its first frame; music past the end of
     * the track repeats its last frame (mint stops there instead).
     *
     * @param seed        seed frames, {@code seedFrames × motionDim}
     * @param music       music frames from the seed's first frame on, {@code musicFrames × musicDim}
     * @param onFrames    told the number of frames made so far, and asked whether to stop (cancel)
     */
    public static float[] run(Step step, float[] seed, int seedFrames, int motionDim, int motionWindow, float[] music,
            int musicDim, int musicWindow, int keep, int total, Progress onFrames) throws IOException {
        if (seedFrames <= 0) {
            throw new IllegalArgumentException("seed: at least one frame needed");
        }
        if (keep <= 0 || keep > motionWindow) {
            throw new IllegalArgumentException("keep: expected 1 to " + motionWindow + " frames, got " + keep);
        }
        int musicFrames = music.length / musicDim;
        if (musicFrames == 0) {
            throw new IllegalArgumentException("music: no frames");
        }
        float[] out = new float[total * motionDim];
        int made = Math.min(seedFrames, total);
        System.arraycopy(seed, 0, out, 0, made * motionDim);
        int pad = Math.max(0, motionWindow - seedFrames);
        // Music frame under the window's first motion frame, relative to the seed's first frame.
        int first = seedFrames - Math.min(seedFrames, motionWindow) - pad;
        float[] window = new float[motionWindow * motionDim];
        for (int f = 0; f < motionWindow; f++) {
            int src = Math.max(0, first + f);
            System.arraycopy(seed, src * motionDim, window, f * motionDim, motionDim);
        }
        float[] musicWin = new float[musicWindow * musicDim];
        while (made < total) {
            if (onFrames.frames(made)) {
                throw new IOException("canceled");
            }
            for (int f = 0; f < musicWindow; f++) {
                int src = Math.min(musicFrames - 1, Math.max(0, first + f));
                System.arraycopy(music, src * musicDim, musicWin, f * musicDim, musicDim);
            }
            float[] next = step.predict(window, musicWin);
            if (next.length < keep * motionDim) {
                throw new IOException("the model returned " + next.length / motionDim + " frames, fewer than the " + keep + " kept per step");
            }
            int k = Math.min(keep, total - made);
            System.arraycopy(next, 0, out, made * motionDim, k * motionDim);
            made += k;
            System.arraycopy(window, k * motionDim, window, 0, (motionWindow - k) * motionDim);
            System.arraycopy(next, 0, window, (motionWindow - k) * motionDim, k * motionDim);
            first += k;
        }
        onFrames.frames(made);
        return out;
    }

    /** Progress in frames; returns true to stop. */
    @FunctionalInterface
    public interface Progress {
        boolean frames(int made);
    }

    /** A progress that never stops. */
    public static final Progress NO_PROGRESS = made -> false;
}
