package org.choreolab.api.model;

import java.util.Objects;

/**
 * What a generator needs to be given and what it gives back, declared in its
 * {@link GeneratorDescriptor}. The platform prepares every request from it, in one place for the
 * experiment runner, the command line and the workbench: it encodes the music once per track with
 * the named encoder at the generator's frame rate, cuts the seed from the ground truth at that rate,
 * and resamples the generator's clip back to the dataset's rate.
 *
 * @param musicEncoder the id of the {@link org.choreolab.api.audio.AudioEncoder} whose features the
 *                     request's {@link GenerationRequest#music()} carries (e.g. {@code fact35}); empty
 *                     when the generator needs no music features
 * @param seedFrames   how many frames of the real dance, at the generator's frame rate, it is given as
 *                     {@link GenerationRequest#seedMotion()} (FACT: 120); 0 for none
 * @param fps          the frame rate the generator works at (its music features, its seed, the
 *                     frames it is asked for); 0 for the dataset's own rate
 * @param output       what its clips hold
 */
public record GeneratorNeeds(String musicEncoder, int seedFrames, double fps, GeneratorOutput output) {

    public GeneratorNeeds {
        musicEncoder = musicEncoder == null ? "" : musicEncoder.trim();
        if (seedFrames < 0) {
            throw new IllegalArgumentException("seedFrames: expected 0 (no seed) or a positive count, got " + seedFrames);
        }
        if (!(fps >= 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps: expected 0 (the dataset's rate) or a positive frame rate, got " + fps);
        }
        Objects.requireNonNull(output, "output");
    }

    /** No music features, no seed, the dataset's frame rate, and clips holding {@code output}. */
    public static GeneratorNeeds nothing(GeneratorOutput output) {
        return new GeneratorNeeds("", 0, 0, output);
    }

    /**
     * What a generator described with the 0.2 constructor of {@link GeneratorDescriptor} is taken to
     * need: no music features, FACT's 120-frame seed when it asked for one, the dataset's frame rate,
     * joint positions (which that contract required).
     */
    public static GeneratorNeeds legacy(boolean needsSeedMotion) {
        return new GeneratorNeeds("", needsSeedMotion ? GenerationRequest.SEED_FRAMES : 0, 0, GeneratorOutput.JOINT_POSITIONS);
    }

    public GeneratorNeeds withMusic(String encoderId) {
        return new GeneratorNeeds(encoderId, seedFrames, fps, output);
    }

    public GeneratorNeeds withSeed(int frames) {
        return new GeneratorNeeds(musicEncoder, frames, fps, output);
    }

    public GeneratorNeeds withFps(double rate) {
        return new GeneratorNeeds(musicEncoder, seedFrames, rate, output);
    }

    public boolean needsMusic() {
        return !musicEncoder.isEmpty();
    }

    public boolean needsSeed() {
        return seedFrames > 0;
    }

    /** The rate the generator works at for a dataset at {@code datasetFps}. */
    public double fpsFor(double datasetFps) {
        return fps > 0 ? fps : datasetFps;
    }

    /**
     * How many frames of a clip at {@code clipFps} cover the seed, i.e. the first {@code seedFrames}
     * frames at the generator's rate: {@code seedFrames} at the same rate, else enough frames to
     * resample from ({@code ceil((seedFrames - 1) · clipFps / fps) + 1}); 0 when no seed is needed.
     */
    public int seedFramesAt(double clipFps) {
        if (seedFrames == 0) {
            return 0;
        }
        double g = fpsFor(clipFps);
        if (Math.abs(g - clipFps) < 1e-9) {
            return seedFrames;
        }
        return (int) Math.ceil((seedFrames - 1) * clipFps / g - 1e-9) + 1;
    }
}
