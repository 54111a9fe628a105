package org.choreolab.ui.internal;

import java.util.Locale;

/**
 * How the workbench writes numbers: a fixed number of decimals where that is readable, scientific
 * notation for values whose size fixed decimals would hide (FID of a diverging model: 6.837e+09, not
 * 6836625872.9 cut by the column), never a silently truncated digit string.
 *
 * @param digits   decimals (fixed) or significant decimals of the mantissa (scientific), 1–10
 * @param notation {@code auto} (scientific at or above 1e5 and below 1e-3), {@code fixed} or {@code scientific}
 */
public record Formats(int digits, String notation) {

    public static final Formats DEFAULT = new Formats(4, "auto");

    public Formats {
        digits = Math.max(1, Math.min(10, digits));
        notation = notation == null || notation.isBlank() ? "auto" : notation;
    }

    /** From the preference values (unset: the defaults). */
    public static Formats of(Integer digits, String notation) {
        return new Formats(digits == null || digits <= 0 ? DEFAULT.digits : digits, notation);
    }

    public String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        boolean scientific = switch (notation) {
            case "scientific" -> true;
            case "fixed" -> false;
            default -> v != 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3);
        };
        return scientific ? String.format(Locale.ROOT, "%." + Math.max(1, digits - 1) + "e", v)
                : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** {@code value ± halfWidth}; the value alone when there is no interval (NaN half-width). */
    public String interval(double value, double halfWidth) {
        return Double.isNaN(halfWidth) ? number(value) : number(value) + " ± " + number(halfWidth);
    }
}
