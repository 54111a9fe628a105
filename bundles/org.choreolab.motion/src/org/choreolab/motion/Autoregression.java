package org.choreolab.motion;

import java.io.IOException;

/**
 * Windowed autoregressive generation, as mint's infer_auto_regressive runs FACT: from a motion window
 * (the seed) and the music window starting with it, predict; keep the first {@code keep} predicted
 * frames; shift both windows by that many frames; repeat. Frames are FACT's 225-d vectors (or any
 * fixed width), music frames any fixed width, both at the same frame rate. What goes back into the
 * motion window is exactly what the step returns (mint feeds the raw output back; a step that wants
 * otherwise, e.g. projected rotations, returns that).
 */
public final class Autoregression {

    /** One prediction: a motion window and a music window in, at least {@code keep} frames out. */
    @FunctionalInterface
    public interface Step {
        float[] predict(float[] motionWindow, float[] musicWindow) throws IOException;
    }

    /** What happens when the music runs out before the frames asked for are made. */
    public enum MusicEnd {
        /**
         * Stop after the last step whose music window lies wholly within the music: the result is
         * then shorter than asked (mint: {@code if tf.shape(audio_input)[1] < audio_seq_length: break}).
         */
        STOP,
        /** Go on, filling the music window past the end with the music's last frame (not mint). */
        REPEAT_LAST
    }

    /** What happens with a seed shorter than the motion window. */
    public enum ShortSeed {
        /** Refused (mint's motion input is always a whole window). */
        ERROR,
        /** Padded in front with its first frame, the music aligned with the padded window (not mint). */
        PAD_FIRST
    }

    /**
     * How the loop meets the ends of its inputs.
     *
     * @param musicEnd  when the music runs out
     * @param shortSeed when the seed is shorter than the motion window
     */
    public record Policy(MusicEnd musicEnd, ShortSeed shortSeed) {

        /** mint's: stop with the music, refuse a short seed. */
        public static final Policy MINT = new Policy(MusicEnd.STOP, ShortSeed.ERROR);
        /** Always {@code total} frames: repeat the music's last frame, pad a short seed (the 0.2 behaviour). */
        public static final Policy FILL = new Policy(MusicEnd.REPEAT_LAST, ShortSeed.PAD_FIRST);

        public Policy {
            if (musicEnd == null || shortSeed == null) {
                throw new IllegalArgumentException("policy: musicEnd and shortSeed are required");
            }
        }
    }

    private Autoregression() {
    }

    /**
     * Generates {@code total} frames with {@link Policy#FILL}: a seed shorter than the window is padded
     * in front with its first frame, and music past the end of the track repeats its last frame.
     *
     * @see #run(Step, float[], int, int, int, float[], int, int, int, int, Policy, Progress)
     */
    public static float[] run(Step step, float[] seed, int seedFrames, int motionDim, int motionWindow, float[] music,
            int musicDim, int musicWindow, int keep, int total, Progress onFrames) throws IOException {
        return run(step, seed, seedFrames, motionDim, motionWindow, music, musicDim, musicWindow, keep, total, Policy.FILL,
                onFrames);
    }

    /**
     * Generates up to {@code total} frames: the seed's frames (at most {@code total}), then predicted
     * ones. With {@link MusicEnd#STOP} the result ends where the music window first runs past the
     * music, and may be shorter than {@code total} (its length is a multiple of {@code motionDim}).
     *
     * @param seed     seed frames, {@code seedFrames × motionDim}
     * @param music    music frames from the seed's first frame on, {@code musicFrames × musicDim}
     * @param onFrames told the number of frames made so far, and asked whether to stop (cancel)
     * @throws IllegalArgumentException for a seed shorter than the window under {@link ShortSeed#ERROR},
     *                                  and for sizes that do not fit
     * @since 0.3
     */
    public static float[] run(Step step, float[] seed, int seedFrames, int motionDim, int motionWindow, float[] music,
            int musicDim, int musicWindow, int keep, int total, Policy policy, Progress onFrames) throws IOException {
        if (seedFrames <= 0) {
            throw new IllegalArgumentException("seed: at least one frame needed");
        }
        if (seedFrames < motionWindow && policy.shortSeed() == ShortSeed.ERROR) {
            throw new IllegalArgumentException("seed: " + seedFrames + " frames, the motion window needs " + motionWindow);
        }
        if (keep <= 0 || keep > motionWindow) {
            throw new IllegalArgumentException("keep: expected 1 to " + motionWindow + " frames, got " + keep);
        }
        int musicFrames = music.length / musicDim;
        if (musicFrames == 0) {
            throw new IllegalArgumentException("music: no frames");
        }
        if (policy.musicEnd() == MusicEnd.STOP) {
            // never more than the music allows, so that asking for "all of it" allocates no more than that
            total = framesWithinMusic(seedFrames, motionWindow, musicFrames, musicWindow, keep, total);
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
            if (policy.musicEnd() == MusicEnd.STOP && first + musicWindow > musicFrames) {
                break;
            }
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
        return made == total ? out : java.util.Arrays.copyOf(out, made * motionDim);
    }

    /**
     * How many frames {@link #run} makes under {@link MusicEnd#STOP} from a whole seed window: the seed
     * plus one step per music window that fits ({@code musicFrames − musicWindow + 1} steps of
     * {@code keep}), at most {@code total}.
     *
     * @since 0.3
     */
    public static int framesWithinMusic(int seedFrames, int motionWindow, int musicFrames, int musicWindow, int keep, int total) {
        int first = seedFrames - Math.min(seedFrames, motionWindow) - Math.max(0, motionWindow - seedFrames);
        int steps = Math.max(0, musicFrames - musicWindow - first + keep) / keep;
        return (int) Math.min(total, (long) Math.min(seedFrames, total) + (long) steps * keep);
    }

    /** Progress in frames; returns true to stop. */
    @FunctionalInterface
    public interface Progress {
        boolean frames(int made);
    }

    /** A progress that never stops. */
    public static final Progress NO_PROGRESS = made -> false;
}
