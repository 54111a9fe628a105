package org.choreolab.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.SequenceValues;

/**
 * Set values from kept per-sequence values. The runner uses it row by row as rows complete, and
 * merging shards uses it on the combined outcomes, so a merged table equals an unsharded one.
 */
public final class Summaries {

    private Summaries() {
    }

    /** Recomputes the set values of {@code row} against the result's ground truth (and pool). */
    public static void summarize(ResultRow row, ExperimentResult result, List<Metric> metrics) {
        String protocol = result.experiment().protocol();
        ResultRow truth = result.rows().stream().filter(ResultRow::isReference).findFirst().orElse(null);
        for (Metric m : metrics) {
            List<SequenceValues> gen = collect(row, m.id());
            if (gen.isEmpty()) {
                row.putSetError(m.id(), "no sequence was scored");
                continue;
            }
            List<SequenceValues> gt = List.of();
            if (m.needsGroundTruth()) {
                gt = truth == null ? new ArrayList<>() : collect(truth, m.id());
                if (m.groundTruthIsWholeDataset(protocol)) {
                    for (SequenceOutcome o : result.pool()) {
                        SequenceValues v = o.values().get(m.id());
                        if (v != null) {
                            gt.add(v);
                        }
                    }
                }
            }
            try {
                double v = m.summarize(gen, gt, protocol);
                if (Double.isNaN(v)) {
                    row.putSetError(m.id(), "metric returned NaN");
                } else {
                    row.putSet(m.id(), v);
                }
            } catch (RuntimeException e) {
                row.putSetError(m.id(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
    }

    /** The kept values of one metric over a row's sequences, in the row's order. */
    static List<SequenceValues> collect(ResultRow row, String metricId) {
        List<SequenceValues> out = new ArrayList<>();
        for (Map.Entry<String, SequenceOutcome> e : row.sequences().entrySet()) {
            SequenceValues v = e.getValue().values().get(metricId);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }
}
