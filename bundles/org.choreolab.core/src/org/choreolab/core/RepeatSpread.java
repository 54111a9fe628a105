package org.choreolab.core;

import java.util.List;
import java.util.Map;

/**
 * How much a generator's set values move when it runs again with another seed ({@code --repeats N}):
 * per metric, the value of each run, their mean and sample standard deviation.
 *
 * @param generator     the generator's row id (its first run)
 * @param seeds         the seeds of the runs done, in order
 * @param deterministic whether the second run gave exactly the first run's kept values on every sequence
 *                      (then it was not run again: its spread is 0)
 * @param values        per metric, the set value of each run (NaN where a run has none)
 * @since 0.3
 */
public record RepeatSpread(String generator, List<Long> seeds, boolean deterministic, Map<String, List<Double>> values) {

    public RepeatSpread {
        seeds = List.copyOf(seeds);
        values = Map.copyOf(values);
    }

    /** The mean of a metric's finite values over the runs, NaN when none. */
    public double mean(String metric) {
        return values.getOrDefault(metric, List.of()).stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
    }

    /** The sample standard deviation (n − 1) of a metric's finite values, NaN with fewer than two. */
    public double sd(String metric) {
        double[] v = values.getOrDefault(metric, List.of()).stream().filter(Double::isFinite).mapToDouble(Double::doubleValue).toArray();
        if (v.length < 2) {
            return deterministic && v.length == 1 ? 0 : Double.NaN;
        }
        double m = java.util.Arrays.stream(v).average().orElseThrow(), s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** How many runs gave a finite value of the metric. */
    public int runs(String metric) {
        return (int) values.getOrDefault(metric, List.of()).stream().filter(Double::isFinite).count();
    }
}
