package org.choreolab.generators.exported.internal;

import java.io.IOException;

import org.choreolab.api.motion.MotionClip;

/**
 * Whole-sequence generation, as Bailando generates: all the music in (and a seed, for a model that
 * takes one), all the motion out, in one forward pass. The music may run at a lower rate than the
 * motion (Bailando's GPT reads 7.5-fps music features and its VQ-VAE decodes 8 motion frames per
 * music frame): the model returns {@code ratio} motion frames per music frame.
 */
final class Whole {

    private Whole() {
    }

    /**
     * @param seed        the seed ({@code seedFrames} frames at the motion's rate), or null
     * @param music       the track's features at the music rate, {@code frames × musicDims}
     * @param musicFrames how many music frames go in (the track is cut or its last frame repeated)
     * @param ratio       motion frames per music frame
     */
    static MotionClip run(ModelStep step, MotionFormat format, MotionClip seed, int seedFrames, float[] music, int musicDims,
            int musicFrames, int ratio, double fps) throws IOException {
        int d = format.dims();
        int have = music.length / musicDims;
        if (have == 0) {
            throw new IOException("music: no frames");
        }
        float[] in = new float[musicFrames * musicDims];
        for (int f = 0; f < musicFrames; f++) {
            System.arraycopy(music, Math.min(have - 1, f) * musicDims, in, f * musicDims, musicDims);
        }
        float[] motion = null;
        if (seedFrames > 0) {
            if (seed.frameCount() < seedFrames) {
                throw new IOException("the seed has " + seed.frameCount() + " frames; the model takes " + seedFrames);
            }
            motion = format.encode(seed, 0, seedFrames, new float[seedFrames * d], 0);
        }
        int frames = musicFrames * ratio;
        float[] out = step.predict(motion, in);
        if (out.length < frames * d) {
            throw new IOException("the model returned " + out.length / d + " frames for " + musicFrames + " music frames; "
                    + frames + " expected");
        }
        return format.decode(out, 0, frames, fps);
    }
}
