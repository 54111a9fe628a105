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

    public GenerationRequest {
        Objects.requireNonNull(target, "target");
        if (frames <= 0) {
            throw new IllegalArgumentException("frames: expected a positive count, got " + frames);
        }
        device = device == null ? "auto" : device;
    }
}
