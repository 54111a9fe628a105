package org.choreolab.ui.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

import org.choreolab.report.Numbers;

/**
 * How the workbench writes numbers. By default exactly as every other output does, through the report
 * bundle's one formatter ({@link Numbers}: four significant digits, scientific from a million up and
 * below a thousandth), so a value in the workbench reads as in results.md and on the console. The
 * Numbers preference page may change the digits or the notation of the workbench's views only.
 *
 * @param digits   significant digits (automatic, scientific) or decimals (fixed), 1–10
 * @param notation {@code auto} (scientific at or above 1e6 and below 1e-3, as the reports), {@code fixed} or
 *                 {@code scientific}
 */
public record Formats(int digits, String notation) {

    public static final Formats DEFAULT = new Formats(Numbers.DIGITS, "auto");

    public Formats {
        digits = Math.max(1, Math.min(10, digits));
        notation = notation == null || notation.isBlank() ? "auto" : notation;
    }

    /** From the preference values as stored (text; unset or blank: the defaults). */
    public static Formats of(String digits, String notation) {
        int d = digits == null || digits.isBlank() ? 0 : Integer.parseInt(digits.trim());
        return new Formats(d <= 0 ? DEFAULT.digits : d, notation);
    }

    /** Whether this is the reports' format (then every number goes through {@link Numbers}). */
    public boolean reports() {
        return equals(DEFAULT);
    }

    public String number(double v) {
        if (reports() || !Double.isFinite(v)) {
            return Numbers.format(v);
        }
        boolean scientific = switch (notation) {
            case "scientific" -> true;
            case "fixed" -> false;
            default -> v != 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3);
        };
        if (scientific) {
            String s = String.format(Locale.ROOT, "%." + Math.max(0, digits - 1) + "e", v);
            int e = s.indexOf('e');
            return s.substring(0, e) + "e" + Integer.parseInt(s.substring(e + 1)); // 6.8e+09 → 6.8e9, as the reports
        }
        if ("fixed".equals(notation)) {
            return String.format(Locale.ROOT, "%." + digits + "f", v);
        }
        return v == 0 ? "0" : new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_UP)).toPlainString();
    }

    /** An interval as the reports write it: {@code [low, high]}, its ends as precise as {@code value}. */
    public String interval(double low, double high, double value) {
        return reports() ? Numbers.interval(low, high, value) : "[" + number(low) + ", " + number(high) + "]";
    }
}
