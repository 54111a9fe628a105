package org.choreolab.core;

/**
 * Whether two rows differ on a metric beyond what the choice of sequences explains: a paired bootstrap
 * over the sequences both rows scored (the same resampled sequences for both, so what the sequences have in
 * common cancels).
 *
 * @param metric     the metric id
 * @param a          the first row's id
 * @param b          the second row's id
 * @param shared     sequences both rows scored (the difference is computed on these only)
 * @param difference set value of {@code a} minus that of {@code b}, on the shared sequences
 * @param low        lower end of the difference's 95 % interval (re-centred percentiles, as {@link Confidence})
 * @param high       upper end
 * @param p          two-sided bootstrap p-value of "no difference": twice the smaller share of re-centred
 *                   resampled differences on either side of 0 (at least {@code 1 / resamples})
 * @param resamples  resamples that gave a finite difference
 * @param chosen     how the pair was chosen: {@code "asked"} ({@code --compare}) or {@code "best two"}
 * @since 0.3
 */
public record Comparison(String metric, String a, String b, int shared, double difference, double low, double high, double p,
        int resamples, String chosen) {

    /** Whether the 95 % interval of the difference excludes 0. */
    public boolean significant() {
        return low > 0 || high < 0;
    }
}
