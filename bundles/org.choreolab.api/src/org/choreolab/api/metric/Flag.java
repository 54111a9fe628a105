package org.choreolab.api.metric;

import java.util.Objects;

/**
 * Something about a set value that a reader must know to trust it: a machine-readable code, how
 * serious it is, and a one-line reason. Flags never change the value; the value is computed exactly as
 * the protocol says and the flag says why it may be ill-posed.
 *
 * @param code     a stable identifier (see the constants), for programs
 * @param severity {@link Severity#DEGENERATE} when the value is numerically ill-posed,
 *                 {@link Severity#NOTE} when it is informational (shown, but the value stands)
 * @param reason   one line for people: what was found and what it does to the value
 */
public record Flag(String code, Severity severity, String reason) {

    /** How serious a flag is. */
    public enum Severity {
        /** Worth showing beside the value; the value stands (e.g. a generated set smaller than the feature dimensions). */
        NOTE,
        /** The value is numerically ill-posed: shown, but it should not be compared with others. */
        DEGENERATE
    }

    /** The reference (ground-truth) set has no more feature vectors than dimensions: its covariance is singular. */
    public static final String GROUND_TRUTH_RANK_DEFICIENT = "ground_truth_rank_deficient";

    /** The generated set has no more feature vectors than dimensions (the field's usual 20-odd sequences): informational. */
    public static final String GENERATED_RANK_DEFICIENT = "generated_rank_deficient";

    /** A feature is (near-)constant over the reference set, so the normalisation divides it by about 1e-10. */
    public static final String NEAR_CONSTANT_FEATURE = "near_constant_feature";

    /** NaN or infinite feature values. */
    public static final String NON_FINITE = "non_finite";

    /** Some sequences gave a documented fallback value instead of the original code's failure (see the reason). */
    public static final String FALLBACK_VALUE = "fallback_value";

    public Flag {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(reason, "reason");
    }

    /** A flag of severity {@link Severity#DEGENERATE}. */
    public static Flag degenerate(String code, String reason) {
        return new Flag(code, Severity.DEGENERATE, reason);
    }

    /** A flag of severity {@link Severity#NOTE}. */
    public static Flag note(String code, String reason) {
        return new Flag(code, Severity.NOTE, reason);
    }

    public boolean isDegenerate() {
        return severity == Severity.DEGENERATE;
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " " + code + ": " + reason;
    }
}
