package org.choreolab.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.metric.Metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Combines the output folders of the shards of one experiment into the result an unsharded run
 * gives: per-sequence outcomes are gathered in the split's order and the set values recomputed from
 * them (FID from the merged features, never an average of shard values).
 */
public final class ShardMerge {

    private ShardMerge() {
    }

    public static ExperimentResult merge(List<Path> dirs, ComponentRegistry registry) throws IOException {
        if (dirs.isEmpty()) {
            throw new IOException("nothing to merge: give the shards' output folders");
        }
        ObjectMapper json = new ObjectMapper();
        Experiment ex = null;
        JsonNode first = null;
        Map<String, ResultFiles.Line> lines = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<JsonNode> shards = new ArrayList<>();
        for (Path d : dirs) {
            Experiment e = ResultFiles.readExperiment(d).orElseThrow(() -> new IOException(d + ": no "
                    + ResultFiles.EXPERIMENT_JSON + " (not an evaluate output folder)"));
            if (ex == null) {
                ex = e;
            } else if (!ex.sameOutcomesAs(e)) {
                throw new IOException(d + ": holds another experiment than " + dirs.get(0) + " (" + e + " vs " + ex + ")");
            }
            Path results = d.resolve(ResultFiles.RESULTS_JSON);
            if (!Files.isRegularFile(results)) {
                throw new IOException(d + ": no " + ResultFiles.RESULTS_JSON + " (the shard has not finished)");
            }
            JsonNode r = json.readTree(results.toFile());
            if (first == null) {
                first = r;
            }
            shards.add(r);
            for (ResultFiles.Line l : ResultFiles.readCompleted(d)) {
                lines.putIfAbsent(RunOptions.key(l.generator(), l.outcome().sequenceId()), l);
            }
            r.get("problems").forEach(p -> problems.add(p.asText()));
        }
        List<String> split = strings(first.get("splitSequenceIds"));
        List<String> metricIds = strings(first.get("metrics"));
        List<Metric> metrics = new ArrayList<>();
        for (String id : metricIds) {
            metrics.add(registry.find(Metric.class, id).orElseThrow(() -> new IOException("metric '" + id
                    + "' of the shards is not installed here")));
        }
        List<String> present = split.stream().filter(s -> lines.containsKey(RunOptions.key(ResultRow.GROUND_TRUTH, s))).toList();
        ExperimentResult result = new ExperimentResult(ex, first.get("dataset").asText(), present, metricIds);
        result.setSplitSequenceIds(split);
        result.setPoolSequenceIds(strings(first.get("poolSequenceIds")));
        problems.stream().distinct().forEach(result::addProblem);
        if (first.has("genres")) {
            first.get("genres").fields().forEachRemaining(e -> result.putGenre(e.getKey(), e.getValue().asText()));
        }
        if (present.size() < split.size()) {
            result.addProblem("merged " + present.size() + " of the split's " + split.size() + " sequences: a shard is missing");
        }
        // Rows in the first shard's order; a row only another shard has (a repeat one shard did not need) after them.
        Map<String, JsonNode> rowNodes = new LinkedHashMap<>();
        for (JsonNode shard : shards) {
            for (JsonNode row : shard.get("rows")) {
                rowNodes.putIfAbsent(row.get("id").asText(), row);
            }
        }
        for (JsonNode row : rowNodes.values()) {
            String id = row.get("id").asText();
            Map<String, String> params = new LinkedHashMap<>();
            row.get("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            ResultRow.Kind kind = row.has("kind") ? ResultRow.Kind.valueOf(row.get("kind").asText().toUpperCase(java.util.Locale.ROOT))
                    : ResultRow.GROUND_TRUTH.equals(id) ? ResultRow.Kind.GROUND_TRUTH : ResultRow.Kind.GENERATOR;
            ResultRow merged = new ResultRow(id, row.get("name").asText(), row.get("backend").asText(), params, kind,
                    row.has("repeatOf") ? row.get("repeatOf").asText() : null, row.path("repeat").asInt(0), row.path("seed").asLong(0));
            for (String s : present) {
                ResultFiles.Line l = lines.get(RunOptions.key(id, s));
                if (l != null) {
                    merged.putSequence(l.outcome());
                }
            }
            result.addRow(merged);
        }
        for (String s : result.poolSequenceIds()) {
            ResultFiles.Line l = lines.get(RunOptions.key(ResultRow.POOL, s));
            if (l != null) {
                result.addPool(l.outcome());
            }
        }
        // Output folders: each shard listed what its own sequences miss.
        for (String name : ex.outputs().keySet()) {
            List<String> missing = new ArrayList<>(), unmatched = new ArrayList<>(), outputProblems = new ArrayList<>();
            String dir = ex.outputs().get(name), read = "";
            for (JsonNode shard : shards) {
                JsonNode o = shard.path("outputs").path(name);
                if (o.isMissingNode()) {
                    continue;
                }
                read = o.path("read").asText(read);
                missing.addAll(strings(o.get("missing")));
                strings(o.get("unmatched")).stream().filter(u -> !unmatched.contains(u)).forEach(unmatched::add);
                strings(o.get("problems")).stream().filter(u -> !outputProblems.contains(u)).forEach(outputProblems::add);
            }
            missing.sort(java.util.Comparator.comparingInt(split::indexOf));
            result.putOutput(new OutputSource(name, dir, read, missing, unmatched, outputProblems));
        }
        Summaries.recordConventions(result, metrics);
        for (ResultRow row : result.rows()) {
            if (!row.sequences().isEmpty() && row.sequences().values().stream().allMatch(SequenceOutcome::failed)) {
                row.setError("failed on every sequence; first error: " + row.sequences().values().iterator().next().error());
            }
            Summaries.summarize(row, result, metrics);
        }
        Summaries.finish(result, metrics);
        return result;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
