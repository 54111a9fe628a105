package org.choreolab.core;

import java.util.Map;

/**
 * How to run a generator, the same for every sequence of a run: how long a clip, the random seed, the
 * device, this run's parameter overrides and the time-out. The experiment runner, {@code generate},
 * {@code render} and the Watch view all pass one of these to the {@link GenerationService}, so their
 * seeds and time-outs agree unless a caller sets them.
 *
 * @param frames         frames wanted at the dataset's rate; 0 for the ground truth's length
 * @param seed           random seed handed to the generator
 * @param device         device asked of the generator ({@code auto}, {@code cpu}, {@code gpu}, …)
 * @param parameters     overrides of the generator's parameters (e.g. {@code feedback=raw})
 * @param timeoutSeconds how long the generator may take for one sequence; 0 for
 *                       {@link #DEFAULT_TIMEOUT_SECONDS}
 */
public record GenerationOptions(int frames, long seed, String device, Map<String, String> parameters, int timeoutSeconds) {

    /** The time-out when none is set: 10 minutes per sequence. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;

    /** The ground truth's length, seed 0, device auto, no overrides, the default time-out. */
    public static final GenerationOptions DEFAULT = new GenerationOptions(0, 0, "auto", Map.of(), 0);

    public GenerationOptions {
        if (frames < 0) {
            throw new IllegalArgumentException("frames: expected 0 (ground-truth length) or a positive count, got " + frames);
        }
        device = device == null || device.isBlank() ? "auto" : device;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds: expected 0 (default) or a positive number of seconds, got " + timeoutSeconds);
        }
        timeoutSeconds = timeoutSeconds == 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    public GenerationOptions withFrames(int n) {
        return new GenerationOptions(n, seed, device, parameters, timeoutSeconds);
    }

    public GenerationOptions withSeed(long s) {
        return new GenerationOptions(frames, s, device, parameters, timeoutSeconds);
    }

    public GenerationOptions withDevice(String d) {
        return new GenerationOptions(frames, seed, d, parameters, timeoutSeconds);
    }

    public GenerationOptions withParameters(Map<String, String> p) {
        return new GenerationOptions(frames, seed, device, p, timeoutSeconds);
    }

    public GenerationOptions withTimeoutSeconds(int t) {
        return new GenerationOptions(frames, seed, device, parameters, t);
    }
}
