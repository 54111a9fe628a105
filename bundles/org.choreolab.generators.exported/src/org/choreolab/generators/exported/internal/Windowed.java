package org.choreolab.generators.exported.internal;

import java.io.IOException;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.Autoregression;
import org.choreolab.motion.ForwardKinematics;

/**
 * Windowed generation, as EDGE makes long dances: windows of {@code window} frames start every
 * {@code stride} frames (EDGE: 5 s windows every 2.5 s, 150 and 75 frames at 30 fps); window k reads
 * the music of frames {@code [k·stride, k·stride + window)} and returns motion for them; overlapping
 * parts are merged as EDGE's long-form code merges them ({@link Stitch}). A model that also takes
 * motion ({@code context = window − stride} frames) is given the frames the window overlaps: the
 * previous window's last frames as it returned them (its raw output), and for the first window the
 * seed, which the first window's overlap then fades out of. EDGE enforces that overlap inside its
 * diffusion sampler instead, on every denoising step (all windows denoised together, the first half
 * of each replaced by the second half of the one before); without a sampler, giving the overlap as
 * an input is the nearest a single forward pass can come.
 */
final class Windowed {

    private Windowed() {
    }

    /** How many windows cover {@code total} frames. */
    static int windows(int total, int window, int stride) {
        return total <= window ? 1 : (total - window + stride - 1) / stride + 1;
    }

    /**
     * Generates {@code total} frames.
     *
     * @param seed     the {@code window − stride} frames before the first window's overlap is made, or null
     *                 when the model takes no motion
     * @param music    the whole track's features at the motion's rate, {@code frames × musicDims};
     *                 frames past its end repeat its last frame
     * @param progress told the frames finished, asked whether to stop
     */
    static MotionClip run(ModelStep step, MotionFormat format, int window, int stride, MotionClip seed, float[] music,
            int musicDims, int total, double fps, Autoregression.Progress progress) throws IOException {
        int d = format.dims();
        int context = seed == null ? 0 : window - stride;
        int musicFrames = music.length / musicDims;
        if (musicFrames == 0) {
            throw new IOException("music: no frames");
        }
        int n = windows(total, window, stride);
        Stitch stitch = new Stitch(format.needsRotations(), fps, (n - 1) * stride + window);
        float[] motion = null;
        if (context > 0) {
            if (seed.frameCount() < context) {
                throw new IOException("the seed has " + seed.frameCount() + " frames; the first window needs " + context);
            }
            motion = format.encode(seed, 0, context, new float[context * d], 0);
            MotionClip start = seed.slice(0, context);
            if (!format.needsRotations() && !start.hasPositions()) {
                start = new ForwardKinematics(start.skeleton()).withPositions(start);
            }
            stitch.add(start, 0);
        }
        float[] musicWindow = new float[window * musicDims];
        for (int k = 0; k < n; k++) {
            if (progress.frames(Math.min(total, k * stride))) {
                throw new IOException("canceled");
            }
            int first = k * stride;
            for (int f = 0; f < window; f++) {
                int src = Math.min(musicFrames - 1, first + f);
                System.arraycopy(music, src * musicDims, musicWindow, f * musicDims, musicDims);
            }
            float[] out = step.predict(motion, musicWindow);
            if (out.length < window * d) {
                throw new IOException("the model returned " + out.length / d + " frames for a window of " + window);
            }
            stitch.add(format.decode(out, 0, window, fps), first);
            if (context > 0) {
                // The next window overlaps this one's last frames: given as this window returned them.
                motion = java.util.Arrays.copyOfRange(out, stride * d, window * d);
            }
        }
        progress.frames(total);
        return stitch.clip(total);
    }
}
