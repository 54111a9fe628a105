package org.choreolab.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.SequenceValues;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The data files an evaluation writes into its output folder: {@code sequences.jsonl} (one line per
 * completed sequence, appended as the run goes), {@code results.json} (everything: set values with
 * their flags and intervals, comparisons, repeats, conventions, per-sequence values and clip checks),
 * {@code experiment.json} and {@code run.json}. The tables for reading ({@code results.md}, CSV, LaTeX,
 * HTML, charts) are the report bundle's. Final files are written to a temporary name and moved, so a
 * crash never leaves half a file.
 */
public final class ResultFiles {

    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_MD = "results.md";
    public static final String SEQUENCES_JSONL = "sequences.jsonl";
    public static final String EXPERIMENT_JSON = "experiment.json";
    public static final String RUN_JSON = "run.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    private ResultFiles() {
    }

    /**
     * A listener that appends each completed sequence to {@code dir/sequences.jsonl}, one JSON object
     * per line, written and flushed as a whole line, so a killed run leaves at most one partial last
     * line, which {@link #readCompleted} drops.
     */
    public static ExperimentListener appender(Path dir) {
        Path file = dir.resolve(SEQUENCES_JSONL);
        return new ExperimentListener() {
            @Override
            public void sequenceDone(ResultRow row, SequenceOutcome outcome) {
                append(row.id(), row.name(), row.backend(), outcome);
            }

            @Override
            public void poolSequenceDone(SequenceOutcome outcome) {
                append(ResultRow.POOL, "Ground-truth pool", "none", outcome);
            }

            private synchronized void append(String generator, String name, String backend, SequenceOutcome outcome) {
                ObjectNode n = lineNode(generator, name, backend, outcome);
                try (java.io.OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    out.write((JSON_LINE.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot append to " + file + ": " + reason(e), e);
                }
            }
        };
    }

    /** Rewrites {@code dir/sequences.jsonl} from a result (after a merge): rows in order, then the pool. */
    public static void writeSequences(ExperimentResult result, Path dir) throws IOException {
        StringBuilder b = new StringBuilder();
        for (ResultRow r : result.rows()) {
            for (SequenceOutcome o : r.sequences().values()) {
                b.append(JSON_LINE.writeValueAsString(lineNode(r.id(), r.name(), r.backend(), o))).append('\n');
            }
        }
        for (SequenceOutcome o : result.pool()) {
            b.append(JSON_LINE.writeValueAsString(lineNode(ResultRow.POOL, "Ground-truth pool", "none", o))).append('\n');
        }
        atomicWrite(dir.resolve(SEQUENCES_JSONL), b.toString());
    }

    private static ObjectNode lineNode(String generator, String name, String backend, SequenceOutcome o) {
        ObjectNode n = outcomeNode(o);
        n.put("generator", generator);
        n.put("name", name);
        n.put("backend", backend);
        return n;
    }

    /** One line of {@code sequences.jsonl}, read back. */
    public record Line(String generator, String name, String backend, SequenceOutcome outcome) {
    }

    /**
     * The outcomes already in {@code dir/sequences.jsonl}, first occurrence of each (generator,
     * sequence) kept; a torn or malformed line (a run killed while writing) is dropped and the file
     * rewritten without it, so appending can go on.
     */
    public static List<Line> readCompleted(Path dir) throws IOException {
        Path file = dir.resolve(SEQUENCES_JSONL);
        List<Line> out = new java.util.ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> kept = new java.util.ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean dropped = false;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                com.fasterxml.jackson.databind.JsonNode n = JSON_LINE.readTree(line);
                Line l = parseLine(n);
                if (seen.add(RunOptions.key(l.generator(), l.outcome().sequenceId()))) {
                    out.add(l);
                    kept.add(line);
                } else {
                    dropped = true;
                }
            } catch (IOException | RuntimeException e) {
                dropped = true;
            }
        }
        if (dropped || (!lines.isEmpty() && !Files.readString(file).endsWith("\n"))) {
            atomicWrite(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
        return out;
    }

    private static Line parseLine(com.fasterxml.jackson.databind.JsonNode n) {
        String generator = n.get("generator").asText();
        String sequence = n.get("sequence").asText();
        Map<String, SequenceValues> values = new java.util.LinkedHashMap<>();
        n.get("values").fields().forEachRemaining(e -> {
            Map<String, double[]> vectors = new java.util.LinkedHashMap<>();
            Map<String, Double> scalars = new java.util.LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(f -> {
                if (f.getValue().isArray()) {
                    double[] v = new double[f.getValue().size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = f.getValue().get(i).asDouble();
                    }
                    vectors.put(f.getKey(), v);
                } else {
                    scalars.put(f.getKey(), f.getValue().asDouble());
                }
            });
            values.put(e.getKey(), new SequenceValues(sequence, vectors, scalars));
        });
        Map<String, String> metricErrors = new java.util.LinkedHashMap<>();
        if (n.has("metricErrors")) {
            n.get("metricErrors").fields().forEachRemaining(e -> metricErrors.put(e.getKey(), e.getValue().asText()));
        }
        String error = n.has("error") ? n.get("error").asText() : null;
        String name = n.has("name") ? n.get("name").asText() : generator;
        String backend = n.has("backend") ? n.get("backend").asText() : "none";
        List<ClipCheck> checks = new java.util.ArrayList<>();
        if (n.has("checks")) {
            n.get("checks").forEach(c -> checks.add(new ClipCheck(c.get("code").asText(), c.get("firstFrame").asInt(),
                    c.get("frames").asInt(), c.get("message").asText())));
        }
        return new Line(generator, name, backend, new SequenceOutcome(generator, sequence, values, error, metricErrors, checks));
    }

    /** The experiment recorded in {@code dir}, if any. */
    public static java.util.Optional<Experiment> readExperiment(Path dir) throws IOException {
        Path f = dir.resolve(EXPERIMENT_JSON);
        if (!Files.isRegularFile(f)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Experiment.read(f));
    }

    /** Records the experiment in {@code dir}. */
    public static void writeExperiment(Experiment ex, Path dir) throws IOException {
        Files.createDirectories(dir);
        atomicWrite(dir.resolve(EXPERIMENT_JSON), JSON.writeValueAsString(ex));
    }

    /** Records how the run was made: components and versions, machine, Java, time. */
    public static void writeRunManifest(Path dir, ComponentRegistry registry, Map<String, String> extra) throws IOException {
        writeRunManifest(dir, registry, extra, Map.of());
    }

    /**
     * Records how the run was made: components and versions, machine, Java, time, and each metric's
     * conventions under the protocol ({@code Metric.conventions}).
     *
     * @since 0.3
     */
    public static void writeRunManifest(Path dir, ComponentRegistry registry, Map<String, String> extra,
            Map<String, Map<String, String>> conventions) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("written", java.time.Instant.now().toString());
        ObjectNode machine = root.putObject("machine");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put("maxMemoryMiB", Runtime.getRuntime().maxMemory() >> 20);
        machine.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        try {
            machine.put("host", java.net.InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            machine.put("host", "?");
        }
        ArrayNode comps = root.putArray("components");
        for (ComponentInfo c : registry.components()) {
            ObjectNode n = comps.addObject();
            n.put("kind", c.kind().key());
            n.put("id", c.id());
            n.put("bundle", c.bundle());
            n.put("version", c.bundleVersion());
        }
        extra.forEach(root::put);
        root.set("conventions", JSON.valueToTree(conventions));
        atomicWrite(dir.resolve(RUN_JSON), JSON.writeValueAsString(root));
    }

    /**
     * Writes {@code results.json} into {@code dir}. (Up to 0.2 this also wrote {@code results.md}; the
     * report bundle's {@code Reports.write} writes it now, beside the CSV, LaTeX and HTML tables.)
     */
    public static void write(ExperimentResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        atomicWrite(dir.resolve(RESULTS_JSON), JSON.writeValueAsString(toJson(result)));
    }

    /** Writes {@code text} to {@code file} through a temporary file in the same folder and an atomic move. @since 0.3 */
    public static void writeAtomically(Path file, String text) throws IOException {
        atomicWrite(file, text);
    }

    public static ObjectNode toJson(ExperimentResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.set("experiment", JSON.valueToTree(result.experiment()));
        root.put("protocol", result.experiment().protocol());
        root.put("dataset", result.datasetName());
        root.put("started", result.started().toString());
        root.put("canceled", result.canceled());
        root.put("shard", result.shard());
        ArrayNode split = root.putArray("splitSequenceIds");
        result.splitSequenceIds().forEach(split::add);
        root.set("genres", JSON.valueToTree(new java.util.TreeMap<>(result.genres())));
        ArrayNode poolIds = root.putArray("poolSequenceIds");
        result.poolSequenceIds().forEach(poolIds::add);
        ArrayNode seqs = root.putArray("sequenceIds");
        result.sequenceIds().forEach(seqs::add);
        ArrayNode metrics = root.putArray("metrics");
        result.metricIds().forEach(metrics::add);
        ArrayNode problems = root.putArray("problems");
        result.problems().forEach(problems::add);
        root.set("conventions", JSON.valueToTree(result.conventions()));
        // Machine-readable qualifications of the set values: row id → metric → [flag…] / [low, high].
        ObjectNode flags = root.putObject("flags");
        ObjectNode confidence = root.putObject("confidence");
        for (ResultRow r : result.rows()) {
            ObjectNode f = JSON.createObjectNode();
            r.setValues().forEach((m, v) -> {
                if (!v.flags().isEmpty()) {
                    ArrayNode a = f.putArray(m);
                    for (Flag x : v.flags()) {
                        ObjectNode fn = a.addObject();
                        fn.put("code", x.code());
                        fn.put("severity", x.severity().name().toLowerCase(Locale.ROOT));
                        fn.put("reason", x.reason());
                    }
                }
            });
            if (!f.isEmpty()) {
                flags.set(r.id(), f);
            }
            ObjectNode c = JSON.createObjectNode();
            r.confidence().forEach((m, ci) -> c.putArray(m).add(ci.low()).add(ci.high()));
            if (!c.isEmpty()) {
                confidence.set(r.id(), c);
            }
        }
        ObjectNode method = root.putObject("confidenceMethod");
        method.put("level", Confidence.LEVEL);
        method.put("resamples", result.experiment().resamples());
        method.put("seed", result.experiment().seed());
        method.put("method", "percentile bootstrap over the row's sequences (resampled with replacement, the set value recomputed "
                + "against the fixed ground truth), the 2.5th and 97.5th percentiles measured from the resamples' median and laid "
                + "around the value; comparisons: the same on paired resamples of the sequences both rows scored");
        ArrayNode comparisons = root.putArray("comparisons");
        for (Comparison c : result.comparisons()) {
            ObjectNode n = comparisons.addObject();
            n.put("metric", c.metric());
            n.put("a", c.a());
            n.put("b", c.b());
            n.put("chosen", c.chosen());
            n.put("sharedSequences", c.shared());
            putNumber(n, "difference", c.difference());
            n.putArray("interval").add(c.low()).add(c.high());
            n.put("p", c.p());
            n.put("significant", c.significant());
            n.put("resamples", c.resamples());
        }
        ObjectNode repeats = root.putObject("repeats");
        for (RepeatSpread rs : result.repeats()) {
            ObjectNode n = repeats.putObject(rs.generator());
            ArrayNode seeds = n.putArray("seeds");
            rs.seeds().forEach(seeds::add);
            n.put("deterministic", rs.deterministic());
            ObjectNode set = n.putObject("set");
            rs.values().forEach((m, vs) -> {
                ObjectNode mn = set.putObject(m);
                putNumber(mn, "mean", rs.mean(m));
                putNumber(mn, "sd", rs.sd(m));
                ArrayNode a = mn.putArray("values");
                vs.forEach(v -> {
                    if (Double.isFinite(v)) {
                        a.add(v);
                    } else {
                        a.addNull();
                    }
                });
            });
        }
        ObjectNode outputs = root.putObject("outputs");
        result.outputs().forEach((name, o) -> {
            ObjectNode n = outputs.putObject(name);
            n.put("dir", o.dir());
            n.put("read", o.description());
            n.set("missing", JSON.valueToTree(o.missing()));
            n.set("unmatched", JSON.valueToTree(o.unmatched()));
            n.set("problems", JSON.valueToTree(o.problems()));
        });
        ArrayNode rows = root.putArray("rows");
        for (ResultRow r : result.rows()) {
            ObjectNode n = rows.addObject();
            n.put("id", r.id());
            n.put("name", r.name());
            n.put("backend", r.backend());
            n.put("reference", r.isReference());
            n.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
            if (r.isRepeat()) {
                n.put("repeatOf", r.repeatOf());
                n.put("repeat", r.repeat());
            }
            if (r.kind() == ResultRow.Kind.GENERATOR) {
                n.put("seed", r.seed());
            }
            n.set("parameters", JSON.valueToTree(r.parameters()));
            if (r.error() != null) {
                n.put("error", r.error());
            }
            ObjectNode set = n.putObject("set");
            // A non-finite value is written as null; its flag (in "flags") says why.
            r.set().forEach((m, v) -> putNumber(set, m, v));
            n.set("setErrors", JSON.valueToTree(r.setErrors()));
            ObjectNode genres = n.putObject("genres");
            r.byGenre().forEach((g, byMetric) -> {
                ObjectNode gn = genres.putObject(g);
                byMetric.forEach((m, v) -> putNumber(gn, m, v.value()));
            });
            ObjectNode s = n.putObject("sequences");
            r.sequences().forEach((id, o) -> s.set(id, outcomeNode(o)));
        }
        return root;
    }

    private static void putNumber(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    private static ObjectNode outcomeNode(SequenceOutcome o) {
        ObjectNode n = JSON.createObjectNode();
        n.put("sequence", o.sequenceId());
        if (o.error() != null) {
            n.put("error", o.error());
        }
        ObjectNode values = n.putObject("values");
        for (Map.Entry<String, SequenceValues> e : o.values().entrySet()) {
            ObjectNode m = values.putObject(e.getKey());
            e.getValue().scalars().forEach(m::put);
            e.getValue().vectors().forEach((k, v) -> {
                ArrayNode a = m.putArray(k);
                for (double x : v) {
                    a.add(x);
                }
            });
        }
        if (!o.metricErrors().isEmpty()) {
            n.set("metricErrors", JSON.valueToTree(o.metricErrors()));
        }
        if (!o.checks().isEmpty()) {
            ArrayNode a = n.putArray("checks");
            for (ClipCheck c : o.checks()) {
                ObjectNode cn = a.addObject();
                cn.put("code", c.code());
                cn.put("firstFrame", c.firstFrame());
                cn.put("frames", c.frames());
                cn.put("message", c.message());
            }
        }
        return n;
    }

    /**
     * Writes {@code file} whole or not at all: into {@code file.tmp}, then renamed over it. When the
     * write fails (a full disk), the temporary file goes and the message names the file and the cause.
     */
    private static void atomicWrite(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        }
    }

    /** What went wrong, without the path the caller names anyway ("No space left on device"). */
    private static String reason(IOException e) {
        String r = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return r == null || r.isBlank() ? e.getClass().getSimpleName() : r;
    }
}
