package org.choreolab.ui.internal.sequences;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.choreolab.core.ResultRow;
import org.choreolab.core.SequenceOutcome;
import org.choreolab.report.Numbers;

/** The per-sequence values of one result row: a row per sequence, a column per scalar the metrics kept. */
final class SequenceRows {

    /** One sequence: its genre, its error (null when it was generated), its scalars by column, the metrics that failed on it. */
    record Row(String sequence, String genre, String error, Map<String, Double> values, Map<String, String> metricErrors) {
        String status() {
            if (error != null) {
                return "failed: " + error;
            }
            return metricErrors.isEmpty() ? "ok" : "metric errors: " + String.join(", ", metricErrors.keySet());
        }
    }

    private SequenceRows() {
    }

    /** The scalar columns of a row: the scalar's name, or metric.name when two metrics keep the same name. */
    static List<String> columns(ResultRow row) {
        Set<String> keys = new LinkedHashSet<>();
        Map<String, Integer> uses = new LinkedHashMap<>();
        for (SequenceOutcome o : row.sequences().values()) {
            o.values().forEach((metric, v) -> v.scalars().keySet().forEach(k -> {
                if (keys.add(metric + "\u0000" + k)) {
                    uses.merge(k, 1, Integer::sum);
                }
            }));
        }
        List<String> out = new ArrayList<>();
        for (String mk : keys) {
            String[] p = mk.split("\u0000");
            out.add(uses.get(p[1]) > 1 ? p[0] + "." + p[1] : p[1]);
        }
        return out;
    }

    static List<Row> of(ResultRow row, Map<String, String> genres) {
        List<String> columns = columns(row);
        List<Row> out = new ArrayList<>();
        for (SequenceOutcome o : row.sequences().values()) {
            Map<String, Double> values = new LinkedHashMap<>();
            o.values().forEach((metric, v) -> v.scalars().forEach((k, x) -> values.put(columns.contains(k) ? k : metric + "." + k, x)));
            out.add(new Row(o.sequenceId(), genres.getOrDefault(o.sequenceId(), ""), o.error(), values, o.metricErrors()));
        }
        return out;
    }

    /** One line per sequence: its scalar values in full precision (as results.csv), or its error (what Copy puts on the clipboard). */
    static String text(ResultRow r) {
        StringBuilder b = new StringBuilder();
        for (SequenceOutcome o : r.sequences().values()) {
            b.append(o.sequenceId()).append(": ");
            if (o.failed()) {
                b.append("failed: ").append(o.error());
            } else {
                List<String> parts = new ArrayList<>();
                o.values().forEach((metric, v) -> v.scalars().forEach((k, x) -> parts.add(k + " " + Numbers.full(x))));
                o.metricErrors().forEach((metric, e) -> parts.add(metric + " error: " + e));
                b.append(parts.isEmpty() ? "ok (vector features only)" : String.join(", ", parts));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
