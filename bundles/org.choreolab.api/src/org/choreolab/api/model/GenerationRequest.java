package org.choreolab.api.model;

import java.util.Objects;

import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.motion.MotionClip;

/**
 * What a generator is asked for: motion for {@code target}'s music, {@code frames} long at
 * {@code fps}.
 *
 * @param dataset    the dataset the target comes from (baselines draw from its training split)
 * @param target     the sequence whose music is danced to
 * @param music      the music features, or null when none were computed
 * @param seedMotion the seed motion for generators that need one, else null
 * @param frames     the number of frames wanted
 * @param fps        the frame rate wanted
 * @param seed       the random seed; the same request with the same seed gives the same motion
 * @param device     the device asked for ({@code cpu}, {@code gpu}, or {@code auto})
 */
public record GenerationRequest(Dataset dataset, Sequence target, AudioFeatures music, MotionClip seedMotion,
        int frames, double fps, long seed, String device) {

    /** How much of the real dance a generator that asks for a seed is given: FACT's 120 frames (2 s at 60 fps). */
    public static final int SEED_FRAMES = 120;

    /** The seed motion for {@code generator} from the ground truth: its first {@link #SEED_FRAMES} frames, or null when none is asked for. */
    public static MotionClip seedFor(GeneratorDescriptor generator, MotionClip truth) {
        return generator.needsSeedMotion() ? truth.slice(0, Math.min(truth.frameCount(), SEED_FRAMES)) : null;
    }

    public GenerationRequest {
        Objects.requireNonNull(target, "target");
        if (frames <= 0) {
            throw new IllegalArgumentException("frames: expected a positive count, got " + frames);
        }
        device = device == null ? "auto" : device;
    }
}
