package org.choreolab.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.metric.SetValue;

/**
 * Set values from kept per-sequence values: each metric's value with its flags, its 95 % bootstrap
 * interval, its value per genre, the paired comparisons and the spread over repeated runs. The runner
 * uses it row by row as rows complete, and merging shards uses it on the combined outcomes, so a merged
 * table (intervals included: the resamples are seeded and the sequences taken in the split's order)
 * equals an unsharded one.
 */
public final class Summaries {

    /** Which way a metric is better, for choosing the pair to compare and for table headers. */
    public enum Better {
        /** Lower is better (FID, PFC). */
        LOWER,
        /** Higher is better (Beat Align). */
        HIGHER,
        /** Closer to the ground truth's own value is better (Div). */
        CLOSER_TO_TRUTH,
        /** Not known for this metric: it takes part in no default comparison. */
        UNKNOWN
    }

    private Summaries() {
    }

    /** Which way the field's metrics are better; {@link Better#UNKNOWN} for others. */
    public static Better better(String metricId) {
        return switch (metricId) {
            case "fid_k", "fid_g", "pfc" -> Better.LOWER;
            case "bas" -> Better.HIGHER;
            case "div_k", "div_g" -> Better.CLOSER_TO_TRUTH;
            default -> Better.UNKNOWN;
        };
    }

    /** Records each metric's conventions under the result's protocol (for results.json and run.json). */
    public static void recordConventions(ExperimentResult result, List<Metric> metrics) {
        String protocol = result.experiment().protocol();
        for (Metric m : metrics) {
            try {
                result.putConventions(m.id(), m.conventions(protocol));
            } catch (RuntimeException e) {
                result.putConventions(m.id(), Map.of("error", message(e)));
            }
        }
    }

    /**
     * Recomputes the set values of {@code row} against the result's ground truth (and pool): value and
     * flags ({@link Metric#evaluate}), the bootstrap interval when the experiment asks for resamples, and
     * the value per genre of metrics kept as one number per sequence.
     */
    public static void summarize(ResultRow row, ExperimentResult result, List<Metric> metrics) {
        String protocol = result.experiment().protocol();
        int resamples = result.experiment().resamples();
        Map<String, Integer> order = order(result);
        for (Metric m : metrics) {
            List<SequenceValues> gen = collect(row, m.id(), order);
            if (gen.isEmpty()) {
                row.putSetError(m.id(), "no sequence was scored");
                continue;
            }
            List<SequenceValues> gt = groundTruth(m, result, order);
            SetValue v;
            try {
                v = evaluate(m, gen, gt, protocol);
            } catch (RuntimeException e) {
                row.putSetError(m.id(), message(e));
                continue;
            }
            row.putSet(m.id(), v);
            if (resamples > 0 && Double.isFinite(v.value()) && gen.size() >= 2) {
                Confidence c = bootstrap(m, gen, gt, protocol, v.value(), resamples, seed(result, row.id(), m.id()));
                if (c != null) {
                    row.putConfidence(m.id(), c);
                }
            }
            if (perSequenceScalar(m.id(), gen)) {
                Map<String, List<SequenceValues>> byGenre = new TreeMap<>();
                Map<String, String> genres = result.genres();
                for (SequenceValues s : gen) {
                    String g = genres.get(s.sequenceId());
                    if (g != null) {
                        byGenre.computeIfAbsent(g, k -> new ArrayList<>()).add(s);
                    }
                }
                byGenre.forEach((g, subset) -> {
                    try {
                        row.putGenre(g, m.id(), evaluate(m, subset, gt, protocol));
                    } catch (RuntimeException e) {
                        // A genre the metric cannot score alone (too few sequences) has no value.
                    }
                });
            }
        }
    }

    /**
     * After every row is summarised: the paired comparisons (the experiment's pair, or per metric the best
     * generator against the runner-up) and the spread of repeated runs.
     */
    public static void finish(ExperimentResult result, List<Metric> metrics) {
        result.setRepeats(repeats(result, metrics));
        result.setComparisons(compare(result, metrics));
    }

    /** The metric's value and flags; NaN without a flag (a metric that does not flag) gets one. */
    static SetValue evaluate(Metric m, List<SequenceValues> gen, List<SequenceValues> gt, String protocol) {
        SetValue v = m.evaluate(gen, gt, protocol);
        if (v == null) {
            throw new IllegalStateException("metric " + m.id() + " returned no value");
        }
        if (!Double.isFinite(v.value()) && v.flags().stream().noneMatch(f -> f.code().equals(Flag.NON_FINITE))) {
            List<Flag> flags = new ArrayList<>(v.flags());
            flags.add(Flag.degenerate(Flag.NON_FINITE, "the metric gave " + v.value() + " for this set"));
            v = new SetValue(v.value(), flags);
        }
        return v;
    }

    // ---- bootstrap ------------------------------------------------------------------------------------------

    /**
     * The re-centred 95 % percentile interval of {@code value} over {@code resamples} resamples of
     * {@code gen} with replacement (see {@link Confidence}); null when fewer than half the resamples could be
     * scored. Each resample draws its indices from its own generator seeded by {@code seed} and its index, so
     * the interval does not depend on threads or on the order resamples finish in.
     */
    public static Confidence bootstrap(Metric m, List<SequenceValues> gen, List<SequenceValues> gt, String protocol, double value,
            int resamples, long seed) {
        int n = gen.size();
        double[] values = IntStream.range(0, resamples).parallel().mapToDouble(i -> {
            SplittableRandom r = new SplittableRandom(mix(seed + 0x9E3779B97F4A7C15L * (i + 1)));
            List<SequenceValues> sample = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                sample.add(gen.get(r.nextInt(n)));
            }
            return resampledValue(m, sample, gt, protocol);
        }).toArray();
        double[] ok = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        int failed = resamples - ok.length;
        if (ok.length < Math.max(2, resamples / 2)) {
            return null;
        }
        double median = percentile(ok, 0.5);
        double lo = percentile(ok, (1 - Confidence.LEVEL) / 2), hi = percentile(ok, 1 - (1 - Confidence.LEVEL) / 2);
        return new Confidence(value - (median - lo), value + (hi - median), median, ok.length, failed);
    }

    private static double resampledValue(Metric m, List<SequenceValues> sample, List<SequenceValues> gt, String protocol) {
        try {
            // summarize: the same number as evaluate, without the flags' extra work on every resample.
            return m.summarize(sample, gt, protocol);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** numpy's default (linear) percentile of sorted values. */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]);
    }

    /** A seed per experiment seed, row and metric: reproducible, and the same in a merge as in the run. */
    static long seed(ExperimentResult result, String rowId, String metricId) {
        long h = mix(result.experiment().seed() ^ 0x5DEECE66DL);
        h = mix(h ^ rowId.hashCode());
        return mix(h ^ ((long) metricId.hashCode() << 32));
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- comparisons ----------------------------------------------------------------------------------------

    /** The comparisons the experiment asks for (its pair), or per metric the best two generators. */
    static List<Comparison> compare(ExperimentResult result, List<Metric> metrics) {
        Experiment ex = result.experiment();
        List<Comparison> out = new ArrayList<>();
        if (ex.resamples() <= 0) {
            return out;
        }
        List<ResultRow> candidates = result.tableRows().stream().filter(r -> !r.isReference()).toList();
        Map<String, Integer> order = order(result);
        for (Metric m : metrics) {
            ResultRow a, b;
            String chosen;
            if (!ex.compare().isEmpty()) {
                a = result.row(ex.compare().get(0)).orElse(null);
                b = result.row(ex.compare().get(1)).orElse(null);
                chosen = "asked";
            } else {
                List<ResultRow> ranked = rank(m.id(), candidates, result);
                if (ranked.size() < 2) {
                    continue;
                }
                a = ranked.get(0);
                b = ranked.get(1);
                chosen = "best two";
            }
            if (a == null || b == null) {
                continue;
            }
            Comparison c = pairedBootstrap(m, a, b, groundTruth(m, result, order), ex.protocol(), ex.resamples(),
                    seed(result, a.id() + " vs " + b.id(), m.id()), order, chosen);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** Rows with a finite value of {@code metric}, best first; empty when the metric's direction is unknown. */
    static List<ResultRow> rank(String metric, List<ResultRow> rows, ExperimentResult result) {
        Better better = better(metric);
        if (better == Better.UNKNOWN) {
            return List.of();
        }
        double truth = result.tableRows().stream().filter(ResultRow::isReference).findFirst()
                .map(r -> r.set().getOrDefault(metric, Double.NaN)).orElse(Double.NaN);
        if (better == Better.CLOSER_TO_TRUTH && !Double.isFinite(truth)) {
            return List.of();
        }
        Comparator<ResultRow> by = Comparator.comparingDouble(r -> {
            double v = r.set().get(metric);
            return switch (better) {
                case LOWER -> v;
                case HIGHER -> -v;
                default -> Math.abs(v - truth);
            };
        });
        return rows.stream().filter(r -> r.set().containsKey(metric) && Double.isFinite(r.set().get(metric))
                && !r.setValues().get(metric).degenerate()).sorted(by).toList();
    }

    /**
     * The paired bootstrap of the difference {@code a − b} on the sequences both scored: each resample
     * draws the same sequences for both rows. Null when fewer than two sequences are shared or fewer than
     * half the resamples could be scored.
     */
    static Comparison pairedBootstrap(Metric m, ResultRow a, ResultRow b, List<SequenceValues> gt, String protocol,
            int resamples, long seed, Map<String, Integer> order, String chosen) {
        Map<String, SequenceValues> va = byId(a, m.id(), order), vb = byId(b, m.id(), order);
        List<String> shared = va.keySet().stream().filter(vb::containsKey).toList();
        int n = shared.size();
        if (n < 2) {
            return null;
        }
        List<SequenceValues> sa = shared.stream().map(va::get).toList(), sb = shared.stream().map(vb::get).toList();
        double d;
        try {
            d = m.summarize(sa, gt, protocol) - m.summarize(sb, gt, protocol);
        } catch (RuntimeException e) {
            return null;
        }
        if (!Double.isFinite(d)) {
            return null;
        }
        double[] diffs = IntStream.range(0, resamples).parallel().mapToDouble(i -> {
            SplittableRandom r = new SplittableRandom(mix(seed + 0x9E3779B97F4A7C15L * (i + 1)));
            List<SequenceValues> ra = new ArrayList<>(n), rb = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                int j = r.nextInt(n);
                ra.add(sa.get(j));
                rb.add(sb.get(j));
            }
            return resampledValue(m, ra, gt, protocol) - resampledValue(m, rb, gt, protocol);
        }).toArray();
        double[] ok = Arrays.stream(diffs).filter(Double::isFinite).sorted().toArray();
        if (ok.length < Math.max(2, resamples / 2)) {
            return null;
        }
        double median = percentile(ok, 0.5);
        double lo = percentile(ok, (1 - Confidence.LEVEL) / 2), hi = percentile(ok, 1 - (1 - Confidence.LEVEL) / 2);
        int below = 0, above = 0;
        for (double x : ok) {
            double centred = d + (x - median);
            below += centred <= 0 ? 1 : 0;
            above += centred >= 0 ? 1 : 0;
        }
        double p = Math.min(1, Math.max(1.0 / ok.length, 2.0 * Math.min(below, above) / ok.length));
        return new Comparison(m.id(), a.id(), b.id(), n, d, d - (median - lo), d + (hi - median), p, ok.length, chosen);
    }

    // ---- repeats --------------------------------------------------------------------------------------------

    /** Per generator with repeated runs, its seeds and set values per run. */
    static List<RepeatSpread> repeats(ExperimentResult result, List<Metric> metrics) {
        Map<String, List<ResultRow>> runs = new LinkedHashMap<>();
        for (ResultRow r : result.rows()) {
            if (r.isRepeat()) {
                runs.computeIfAbsent(r.repeatOf(), k -> new ArrayList<>()).add(r);
            }
        }
        List<RepeatSpread> out = new ArrayList<>();
        runs.forEach((base, reps) -> {
            ResultRow first = result.row(base).orElse(null);
            if (first == null) {
                return;
            }
            List<ResultRow> all = new ArrayList<>();
            all.add(first);
            reps.stream().sorted(Comparator.comparingInt(ResultRow::repeat)).forEach(all::add);
            boolean deterministic = all.size() >= 2 && sameValues(all.get(0), all.get(1));
            Map<String, List<Double>> values = new LinkedHashMap<>();
            for (Metric m : metrics) {
                values.put(m.id(), all.stream().map(r -> r.set().getOrDefault(m.id(), Double.NaN)).toList());
            }
            out.add(new RepeatSpread(base, all.stream().map(ResultRow::seed).toList(), deterministic, values));
        });
        return out;
    }

    /**
     * Whether two runs kept exactly the same values on the same sequences (at least one, and no sequence
     * failing in one run only): the generator ignored the seed.
     */
    public static boolean sameValues(ResultRow a, ResultRow b) {
        Map<String, SequenceOutcome> sa = a.sequences(), sb = b.sequences();
        if (sa.isEmpty() || !sa.keySet().equals(sb.keySet())) {
            return false;
        }
        boolean any = false;
        for (Map.Entry<String, SequenceOutcome> e : sa.entrySet()) {
            SequenceOutcome x = e.getValue(), y = sb.get(e.getKey());
            if (x.failed() != y.failed() || !x.values().keySet().equals(y.values().keySet())) {
                return false;
            }
            for (Map.Entry<String, SequenceValues> v : x.values().entrySet()) {
                if (!sameValues(v.getValue(), y.values().get(v.getKey()))) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static boolean sameValues(SequenceValues a, SequenceValues b) {
        if (!a.scalars().equals(b.scalars()) || !a.vectors().keySet().equals(b.vectors().keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : a.vectors().entrySet()) {
            if (!Arrays.equals(e.getValue(), b.vectors().get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Whether the metric keeps one number per sequence under its own id (Beat Align, PFC): it has per-genre values. */
    static boolean perSequenceScalar(String metricId, List<SequenceValues> values) {
        return !values.isEmpty() && values.stream().allMatch(v -> v.scalars().containsKey(metricId));
    }

    /** The ground-truth values a metric compares against: the reference row's, and the pool's when the protocol says. */
    static List<SequenceValues> groundTruth(Metric m, ExperimentResult result, Map<String, Integer> order) {
        if (!m.needsGroundTruth()) {
            return List.of();
        }
        ResultRow truth = result.rows().stream().filter(ResultRow::isReference).findFirst().orElse(null);
        List<SequenceValues> gt = truth == null ? new ArrayList<>() : new ArrayList<>(collect(truth, m.id(), order));
        if (m.groundTruthIsWholeDataset(result.experiment().protocol())) {
            for (SequenceOutcome o : result.pool()) {
                SequenceValues v = o.values().get(m.id());
                if (v != null) {
                    gt.add(v);
                }
            }
        }
        return gt;
    }

    /** Each sequence's index in the split (the order values are taken in, whatever order they completed in). */
    static Map<String, Integer> order(ExperimentResult result) {
        Map<String, Integer> order = new HashMap<>();
        List<String> split = result.splitSequenceIds().isEmpty() ? result.sequenceIds() : result.splitSequenceIds();
        for (int i = 0; i < split.size(); i++) {
            order.put(split.get(i), i);
        }
        return order;
    }

    /** The kept values of one metric over a row's sequences, in the split's order. */
    static List<SequenceValues> collect(ResultRow row, String metricId, Map<String, Integer> order) {
        return new ArrayList<>(byId(row, metricId, order).values());
    }

    /** The kept values of one metric by sequence id, in the split's order. */
    private static Map<String, SequenceValues> byId(ResultRow row, String metricId, Map<String, Integer> order) {
        List<Map.Entry<String, SequenceOutcome>> entries = new ArrayList<>(row.sequences().entrySet());
        entries.sort(Comparator.comparingInt(e -> order.getOrDefault(e.getKey(), Integer.MAX_VALUE)));
        Map<String, SequenceValues> out = new LinkedHashMap<>();
        for (Map.Entry<String, SequenceOutcome> e : entries) {
            SequenceValues v = e.getValue().values().get(metricId);
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }

    /** The kept values of one metric over a row's sequences, in the row's order. */
    static List<SequenceValues> collect(ResultRow row, String metricId) {
        return collect(row, metricId, Map.of());
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
