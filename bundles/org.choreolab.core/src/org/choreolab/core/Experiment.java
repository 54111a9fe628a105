package org.choreolab.core;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What to run: a dataset and split, the generators and metrics to compare, and the conventions.
 * The same value is read from and written to experiment files by the CLI and the workbench.
 *
 * @param dataset    a dataset folder, or empty for the embedded sample
 * @param split      the split to evaluate ({@code test} by default; empty for every sequence)
 * @param encoder    the audio encoder giving generators their music features, or empty for none
 * @param generators generator ids; empty for every installed generator
 * @param metrics    metric ids; empty for every installed metric
 * @param protocol   the metric protocol ({@code bailando} by default)
 * @param frames     frames to generate per sequence; 0 for the ground truth's length
 * @param seed       random seed handed to generators
 * @param device     device asked of generators ({@code auto}, {@code cpu}, {@code gpu})
 * @param timeoutSeconds how long one generator may take for one sequence before it is marked failed
 *                   for that sequence (0: the default, 600 s)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = false)
public record Experiment(String dataset, String split, String encoder, List<String> generators,
        List<String> metrics, String protocol, int frames, long seed, String device, int timeoutSeconds) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 600;

    public static final String DEFAULT_PROTOCOL = "bailando";

    public Experiment {
        dataset = dataset == null ? "" : dataset;
        split = split == null ? "test" : split;
        encoder = encoder == null ? "" : encoder;
        generators = generators == null ? List.of() : List.copyOf(generators);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        protocol = protocol == null || protocol.isBlank() ? DEFAULT_PROTOCOL : protocol;
        if (frames < 0) {
            throw new IllegalArgumentException("frames: expected 0 (ground-truth length) or a positive count, got " + frames);
        }
        device = device == null || device.isBlank() ? "auto" : device;
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds: expected 0 (default) or a positive number of seconds, got " + timeoutSeconds);
        }
        timeoutSeconds = timeoutSeconds == 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    /** The default experiment: everything installed, on the embedded sample's test split. */
    public static Experiment defaults() {
        return new Experiment("", "test", "", List.of(), List.of(), DEFAULT_PROTOCOL, 0, 0, "auto", 0);
    }
}
