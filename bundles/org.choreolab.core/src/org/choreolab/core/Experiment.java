package org.choreolab.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What to run: a dataset and split, the generators and metrics to compare, and the conventions.
 * The same value is read from and written to experiment files by the CLI and the workbench.
 *
 * @param dataset    a dataset folder, or empty for the embedded sample
 * @param split      the split to evaluate ({@code test} by default; empty for every sequence)
 * @param encoder    no longer used (read and written so that older experiment files keep working):
 *                   since 0.2 each generator declares the music features it needs
 *                   ({@code GeneratorNeeds.musicEncoder}) and receives exactly those
 * @param generators generator ids; empty for every installed generator
 * @param metrics    metric ids; empty for every installed metric
 * @param protocol   the metric protocol ({@code bailando} by default)
 * @param frames     frames to generate per sequence; 0 for the ground truth's length
 * @param seed       random seed handed to generators
 * @param device     device asked of generators ({@code auto}, {@code cpu}, {@code gpu})
 * @param timeoutSeconds how long one generator may take for one sequence before it is marked failed
 *                   for that sequence (0: the default, 600 s)
 * @param parameters per generator id, overrides of its parameters (e.g. {@code "fact-pytorch":
 *                   {"feedback": "raw"}}), handed to it with every request and recorded in its result row
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = false)
public record Experiment(String dataset, String split, String encoder, List<String> generators,
        List<String> metrics, String protocol, int frames, long seed, String device, int timeoutSeconds,
        Map<String, Map<String, String>> parameters) {

    public static final int DEFAULT_TIMEOUT_SECONDS = GenerationOptions.DEFAULT_TIMEOUT_SECONDS;

    public static final String DEFAULT_PROTOCOL = "bailando";

    @JsonCreator
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
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((g, m) -> {
                Map<String, String> q = new LinkedHashMap<>();
                if (m != null) {
                    m.forEach((k, v) -> {
                        if (k == null || v == null) {
                            throw new IllegalArgumentException("parameters." + g + "." + k + ": expected a string value");
                        }
                        q.put(k, v);
                    });
                }
                p.put(g, java.util.Collections.unmodifiableMap(q));
            });
        }
        parameters = java.util.Collections.unmodifiableMap(p);
    }

    /** The 0.1 form: no parameter overrides. */
    public Experiment(String dataset, String split, String encoder, List<String> generators, List<String> metrics,
            String protocol, int frames, long seed, String device, int timeoutSeconds) {
        this(dataset, split, encoder, generators, metrics, protocol, frames, seed, device, timeoutSeconds, Map.of());
    }

    /** The parameter overrides for one generator (empty when none). */
    public Map<String, String> parametersFor(String generatorId) {
        return parameters.getOrDefault(generatorId, Map.of());
    }

    /** This experiment with other generators (overrides kept). */
    public Experiment withGenerators(List<String> ids) {
        return new Experiment(dataset, split, encoder, ids, metrics, protocol, frames, seed, device, timeoutSeconds, parameters);
    }

    /** The options the runner generates with for {@code generatorId}. */
    public GenerationOptions generationOptions(String generatorId) {
        return new GenerationOptions(frames, seed, device, parametersFor(generatorId), timeoutSeconds);
    }

    /** The default experiment: everything installed, on the embedded sample's test split. */
    public static Experiment defaults() {
        return new Experiment("", "test", "", List.of(), List.of(), DEFAULT_PROTOCOL, 0, 0, "auto", 0, Map.of());
    }
}
