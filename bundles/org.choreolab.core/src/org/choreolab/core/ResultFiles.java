package org.choreolab.core;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

import org.choreolab.api.metric.SequenceValues;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The files an evaluation writes into its output folder: {@code sequences.jsonl} (one line per
 * completed sequence, appended as the run goes), {@code results.json} (everything) and
 * {@code results.md} (the comparison table). Final files are written to a temporary name and moved,
 * so a crash never leaves half a file.
 */
public final class ResultFiles {

    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_MD = "results.md";
    public static final String SEQUENCES_JSONL = "sequences.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

    private ResultFiles() {
    }

    /** A listener that appends each completed sequence to {@code dir/sequences.jsonl}. */
    public static ExperimentListener appender(Path dir) {
        Path file = dir.resolve(SEQUENCES_JSONL);
        return new ExperimentListener() {
            @Override
            public void sequenceDone(ResultRow row, SequenceOutcome outcome) {
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND)) {
                    ObjectNode n = outcomeNode(outcome);
                    n.put("generator", row.id());
                    w.write(JSON_LINE.writeValueAsString(n));
                    w.write('\n');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException("cannot append to " + file, e);
                }
            }
        };
    }

    /** Writes {@code results.json} and {@code results.md} into {@code dir}. */
    public static void write(ExperimentResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        atomicWrite(dir.resolve(RESULTS_JSON), JSON.writeValueAsString(toJson(result)));
        atomicWrite(dir.resolve(RESULTS_MD), markdown(result));
    }

    public static ObjectNode toJson(ExperimentResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.set("experiment", JSON.valueToTree(result.experiment()));
        root.put("protocol", result.experiment().protocol());
        root.put("dataset", result.datasetName());
        root.put("started", result.started().toString());
        root.put("canceled", result.canceled());
        ArrayNode seqs = root.putArray("sequenceIds");
        result.sequenceIds().forEach(seqs::add);
        ArrayNode metrics = root.putArray("metrics");
        result.metricIds().forEach(metrics::add);
        ArrayNode problems = root.putArray("problems");
        result.problems().forEach(problems::add);
        ArrayNode rows = root.putArray("rows");
        for (ResultRow r : result.rows()) {
            ObjectNode n = rows.addObject();
            n.put("id", r.id());
            n.put("name", r.name());
            n.put("backend", r.backend());
            n.put("reference", r.isReference());
            n.set("parameters", JSON.valueToTree(r.parameters()));
            if (r.error() != null) {
                n.put("error", r.error());
            }
            ObjectNode set = n.putObject("set");
            r.set().forEach(set::put);
            n.set("setErrors", JSON.valueToTree(r.setErrors()));
            ObjectNode s = n.putObject("sequences");
            r.sequences().forEach((id, o) -> s.set(id, outcomeNode(o)));
        }
        return root;
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
        return n;
    }

    /** The comparison table: one row per generator, one column per metric. */
    public static String markdown(ExperimentResult result) {
        StringBuilder b = new StringBuilder();
        b.append("# Choreolab evaluation\n\n");
        b.append("Dataset: ").append(result.datasetName()).append(", split `").append(result.experiment().split())
                .append("`, ").append(result.sequenceIds().size()).append(" sequences, protocol `")
                .append(result.experiment().protocol()).append("`.\n\n");
        if (result.metricIds().isEmpty()) {
            b.append("No metric is installed: nothing was scored.\n\n");
        }
        b.append("| generator | backend | sequences ok |");
        result.metricIds().forEach(m -> b.append(' ').append(m).append(" |"));
        b.append("\n|---|---|---|");
        result.metricIds().forEach(m -> b.append("---:|"));
        b.append('\n');
        for (ResultRow r : result.rows()) {
            long ok = r.sequences().values().stream().filter(o -> !o.failed()).count();
            b.append("| ").append(r.isReference() ? "*" + r.name() + "*" : r.name()).append(" | ").append(r.backend())
                    .append(" | ").append(ok).append('/').append(result.sequenceIds().size()).append(" |");
            Map<String, Double> set = r.set();
            for (String m : result.metricIds()) {
                Double v = set.get(m);
                b.append(' ').append(v == null ? "–" : String.format(Locale.ROOT, "%.4f", v)).append(" |");
            }
            b.append('\n');
        }
        StringBuilder notes = new StringBuilder();
        for (ResultRow r : result.rows()) {
            if (r.error() != null) {
                notes.append("- ").append(r.name()).append(": ").append(r.error()).append('\n');
            }
            r.setErrors().forEach((m, e) -> notes.append("- ").append(r.name()).append(", ").append(m).append(": ")
                    .append(e).append('\n'));
        }
        result.problems().forEach(p -> notes.append("- ").append(p).append('\n'));
        if (!notes.isEmpty()) {
            b.append("\nNotes:\n\n").append(notes);
        }
        if (result.canceled()) {
            b.append("\nThe run was cancelled: the table covers what was done before.\n");
        }
        return b.toString();
    }

    private static void atomicWrite(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
