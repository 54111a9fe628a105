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
 * @param frames     frames to generate per sequence; 0 for the ground truth's length; at most {@link #MAX_FRAMES}
 * @param seed       random seed handed to generators
 * @param device     device asked of generators ({@code auto}, {@code cpu}, {@code gpu}, {@code gpuN})
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

    /**
     * The most frames a run may ask of each generator per sequence: a million (4.6 hours at 60 fps).
     * A clip that long holds about 0.6 GB of floats; a larger number is a typo, not an experiment, and
     * would end the run with an OutOfMemoryError instead of a message.
     */
    public static final int MAX_FRAMES = 1_000_000;

    private static final java.util.regex.Pattern DEVICE = java.util.regex.Pattern.compile("auto|cpu|gpu|gpu\\d+");

    @JsonCreator
    public Experiment {
        dataset = dataset == null ? "" : dataset;
        split = split == null ? "test" : split;
        encoder = encoder == null ? "" : encoder;
        generators = ids("generators", "a generator id", generators);
        metrics = ids("metrics", "a metric id", metrics);
        protocol = protocol == null || protocol.isBlank() ? DEFAULT_PROTOCOL : protocol;
        if (frames < 0) {
            throw new IllegalArgumentException("frames: expected 0 (ground-truth length) or a positive count, got " + frames);
        }
        if (frames > MAX_FRAMES) {
            throw new IllegalArgumentException("frames: expected at most " + MAX_FRAMES + " (4.6 hours at 60 fps; AIST++'s longest"
                    + " dance is 3,000 frames), got " + frames);
        }
        device = device == null || device.isBlank() ? "auto" : device;
        if (!DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("device: expected cpu, gpu, gpuN (gpu0, gpu1, …) or auto, got '" + device + "'");
        }
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

    /** A list of ids, copied; a null or blank element is refused naming its place ("generators[0]"). */
    private static List<String> ids(String field, String what, List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(field + "[" + i + "]: expected " + what + ", got " + (id == null ? "null" : "'" + id + "'"));
            }
        }
        return List.copyOf(ids);
    }

    /** Reads experiment files strictly: a duplicate key or text after the object is an error, not a guess. */
    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Reads an experiment file ({@code evaluate --config}, an output folder's {@code experiment.json}).
     *
     * @throws java.io.IOException in one line naming the file, the line and column, the field and what
     *                             was expected: a wrong type, an unknown or duplicate field, a value out of
     *                             range, text after the JSON object
     */
    public static Experiment read(java.nio.file.Path file) throws java.io.IOException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new java.io.IOException(file + ": no such experiment file");
        }
        try {
            return STRICT.readValue(file.toFile(), Experiment.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            String field = "";
            if (e instanceof com.fasterxml.jackson.databind.JsonMappingException jm && !jm.getPath().isEmpty()) {
                String name = jm.getPath().get(jm.getPath().size() - 1).getFieldName();
                field = name == null ? "" : " field '" + name + "'";
            }
            String why = e.getOriginalMessage();
            if (e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException && e.getCause() instanceof IllegalArgumentException iae) {
                why = iae.getMessage(); // our own message, which names the field
            } else if (why != null && why.startsWith("Duplicate field '")) {
                why = "field " + why.substring("Duplicate field ".length()) + " appears twice";
            } else if (why != null && why.startsWith("Trailing token")) {
                why = "text after the experiment's JSON object (a file holds one object)";
            }
            throw new java.io.IOException(file + where + field + ": " + why, e);
        }
    }

    /** The default experiment: everything installed, on the embedded sample's test split. */
    public static Experiment defaults() {
        return new Experiment("", "test", "", List.of(), List.of(), DEFAULT_PROTOCOL, 0, 0, "auto", 0, Map.of());
    }
}
