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
 * @param outputs    folders of motion generated elsewhere (Bailando's, EDGE's, FACT's output folders, our
 *                   {@code generate} output, {@code .npy} joints), by the row name they are scored under; their
 *                   files are matched to the split's sequences by name (since 0.3)
 * @param repeats    how many times each generator runs, with seeds {@code seed}, {@code seed + 1}, …; a
 *                   generator whose second run gives exactly the first's values is deterministic and is not
 *                   run again (0 or 1: once; since 0.3)
 * @param resamples  bootstrap resamples for the 95 % confidence intervals and the comparisons (0: none;
 *                   absent: {@link #DEFAULT_RESAMPLES}; since 0.3)
 * @param compare    two row ids whose difference is tested on every metric (paired bootstrap); empty:
 *                   per metric, the best generator against the runner-up (since 0.3)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = false)
public record Experiment(String dataset, String split, String encoder, List<String> generators,
        List<String> metrics, String protocol, int frames, long seed, String device, int timeoutSeconds,
        Map<String, Map<String, String>> parameters, Map<String, String> outputs, int repeats, Integer resamples,
        List<String> compare) {

    /** Bootstrap resamples when an experiment does not say: 1,000. */
    public static final int DEFAULT_RESAMPLES = 1000;

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
        Map<String, String> o = new LinkedHashMap<>();
        if (outputs != null) {
            outputs.forEach((name, dir) -> {
                if (name == null || name.isBlank() || dir == null || dir.isBlank()) {
                    throw new IllegalArgumentException("outputs: expected NAME: DIR pairs with a name and a folder, got " + name + ": " + dir);
                }
                o.put(name, dir);
            });
        }
        outputs = java.util.Collections.unmodifiableMap(o);
        if (repeats < 0) {
            throw new IllegalArgumentException("repeats: expected 0 or 1 (once) or a larger count, got " + repeats);
        }
        repeats = Math.max(1, repeats);
        resamples = resamples == null ? DEFAULT_RESAMPLES : resamples;
        if (resamples < 0) {
            throw new IllegalArgumentException("resamples: expected 0 (no confidence intervals) or a positive count, got " + resamples);
        }
        compare = compare == null ? List.of() : List.copyOf(compare);
        if (!compare.isEmpty() && (compare.size() != 2 || compare.get(0).equals(compare.get(1)))) {
            throw new IllegalArgumentException("compare: expected two different row ids, got " + compare);
        }
    }

    /** The 0.2 form: no output folders, one run per generator, the default bootstrap. */
    public Experiment(String dataset, String split, String encoder, List<String> generators, List<String> metrics,
            String protocol, int frames, long seed, String device, int timeoutSeconds, Map<String, Map<String, String>> parameters) {
        this(dataset, split, encoder, generators, metrics, protocol, frames, seed, device, timeoutSeconds, parameters, Map.of(), 1,
                DEFAULT_RESAMPLES, List.of());
    }

    /** The 0.1 form: no parameter overrides. */
    public Experiment(String dataset, String split, String encoder, List<String> generators, List<String> metrics,
            String protocol, int frames, long seed, String device, int timeoutSeconds) {
        this(dataset, split, encoder, generators, metrics, protocol, frames, seed, device, timeoutSeconds, Map.of(), Map.of(), 1,
                DEFAULT_RESAMPLES, List.of());
    }

    /** The parameter overrides for one generator (empty when none). */
    public Map<String, String> parametersFor(String generatorId) {
        return parameters.getOrDefault(generatorId, Map.of());
    }

    /** This experiment with other generators (overrides kept). */
    public Experiment withGenerators(List<String> ids) {
        return new Experiment(dataset, split, encoder, ids, metrics, protocol, frames, seed, device, timeoutSeconds, parameters,
                outputs, repeats, resamples, compare);
    }

    /** This experiment with other output folders (name to folder). */
    public Experiment withOutputs(Map<String, String> o) {
        return new Experiment(dataset, split, encoder, generators, metrics, protocol, frames, seed, device, timeoutSeconds, parameters,
                o, repeats, resamples, compare);
    }

    /** This experiment with another analysis: repeats, bootstrap resamples, the compared pair. */
    public Experiment withAnalysis(int repeatCount, int resampleCount, List<String> comparePair) {
        return new Experiment(dataset, split, encoder, generators, metrics, protocol, frames, seed, device, timeoutSeconds, parameters,
                outputs, repeatCount, resampleCount, comparePair);
    }

    /**
     * Whether per-sequence outcomes of {@code other} are outcomes of this experiment, so a run can resume
     * from them: everything but the analysis (repeats add rows, resamples and the compared pair only change
     * what is computed from the kept values) must be equal.
     */
    public boolean sameOutcomesAs(Experiment other) {
        return other != null && withAnalysis(1, 0, List.of()).equals(other.withAnalysis(1, 0, List.of()));
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
        return new Experiment("", "test", "", List.of(), List.of(), DEFAULT_PROTOCOL, 0, 0, "auto", 0, Map.of(), Map.of(), 1,
                DEFAULT_RESAMPLES, List.of());
    }
}
