package org.choreolab.api.model;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.motion.MotionClip;

/**
 * What a generator is asked for: motion for {@code target}'s music, {@code frames} long at
 * {@code fps}. The platform builds it from the generator's {@link GeneratorNeeds}: {@code fps} is the
 * generator's declared rate, {@code music} and {@code seedMotion} are at that rate.
 *
 * @param dataset     the dataset the target comes from (baselines draw from its training split)
 * @param target      the sequence whose music is danced to
 * @param music       the whole track's features from the declared encoder at {@code fps} (it may be
 *                    longer or shorter than {@code frames}), or null when none were declared
 * @param seedMotion  the first {@link GeneratorNeeds#seedFrames()} frames of the real dance at
 *                    {@code fps} (fewer when the dance is shorter), or null when none were declared
 * @param frames      the number of frames wanted
 * @param fps         the frame rate wanted
 * @param seed        the random seed; the same request with the same seed gives the same motion
 * @param device      the device asked for ({@code cpu}, {@code gpu}, or {@code auto})
 * @param parameters  this run's overrides of the generator's parameters (e.g. {@code feedback=raw});
 *                    the generator decides what unknown keys mean (they are recorded with the results
 *                    either way)
 * @param musicSource the declared features of other sequences of the dataset, or null
 */
public record GenerationRequest(Dataset dataset, Sequence target, AudioFeatures music, MotionClip seedMotion,
        int frames, double fps, long seed, String device, Map<String, String> parameters, MusicSource musicSource) {

    /** How much of the real dance a generator described with the 0.2 constructor is given: FACT's 120 frames (2 s at 60 fps). */
    public static final int SEED_FRAMES = 120;

    public GenerationRequest {
        Objects.requireNonNull(target, "target");
        if (frames <= 0) {
            throw new IllegalArgumentException("frames: expected a positive count, got " + frames);
        }
        device = device == null ? "auto" : device;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** The 0.2 form: no parameter overrides, no music of other sequences. */
    public GenerationRequest(Dataset dataset, Sequence target, AudioFeatures music, MotionClip seedMotion,
            int frames, double fps, long seed, String device) {
        this(dataset, target, music, seedMotion, frames, fps, seed, device, Map.of(), null);
    }

    /** A parameter: this run's override, else {@code fallback}. */
    public String parameter(String key, String fallback) {
        return parameters.getOrDefault(key, fallback);
    }

    /**
     * The declared music features of {@code sequence}: {@link #music()} for the target, else from the
     * {@link #musicSource()}.
     *
     * @throws IOException when the request carries none, or the sequence has no music
     */
    public AudioFeatures musicOf(Sequence sequence) throws IOException {
        if (sequence.equals(target) && music != null) {
            return music;
        }
        if (musicSource == null) {
            throw new IOException("no music features for " + sequence.id()
                    + ": the request carries none (declare a music encoder in the generator's needs)");
        }
        return musicSource.features(sequence);
    }

    /**
     * The seed motion for {@code generator} from the ground truth, at the truth's frame rate: the
     * frames covering the generator's {@link GeneratorNeeds#seedFrames()} at its rate
     * ({@link GeneratorNeeds#seedFramesAt}), or null when none is asked for. The platform resamples
     * it to the generator's rate; use the platform's generation service rather than this.
     *
     * @deprecated since 0.3: the platform derives the seed from {@link GeneratorDescriptor#needs()}
     */
    @Deprecated
    public static MotionClip seedFor(GeneratorDescriptor generator, MotionClip truth) {
        int n = generator.needs().seedFramesAt(truth.fps());
        return n == 0 ? null : truth.slice(0, Math.min(truth.frameCount(), n));
    }
}
