package org.choreolab.core;

/**
 * A 95 % bootstrap confidence interval of a set value over the row's sequences.
 *
 * <p>Method ({@link Summaries#bootstrap}): the row's sequences are resampled with replacement
 * {@code resamples} times (seeded, so a run and a merge of its shards give the same interval), the metric's
 * set value is recomputed on each resample against the fixed ground truth, and the interval is the 2.5th
 * and 97.5th percentiles of those values, each measured from their median and laid around the value:
 * {@code [value − (median − p2.5), value + (p97.5 − median)]}. The re-centring keeps the spread and the
 * asymmetry the resamples show, but not the shift resampling itself gives set metrics: a resample repeats
 * some sequences, which raises FID and lowers Div by itself ({@link #median} keeps that shift visible).
 *
 * @param low       lower end
 * @param high      upper end
 * @param median    median of the resampled values (its distance to the value is the resampling shift)
 * @param resamples resamples that gave a finite value
 * @param failed    resamples the metric could not score (e.g. too few distinct sequences) or that gave a non-finite value
 * @since 0.3
 */
public record Confidence(double low, double high, double median, int resamples, int failed) {

    /** The confidence level of every interval: 95 %. */
    public static final double LEVEL = 0.95;

    /** Whether {@code v} lies within the interval. */
    public boolean contains(double v) {
        return v >= low && v <= high;
    }

    /** Half the interval's width (for "value ± half-width" when it is nearly symmetric). */
    public double halfWidth() {
        return (high - low) / 2;
    }
}
