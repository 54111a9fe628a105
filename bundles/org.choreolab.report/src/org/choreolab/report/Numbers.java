package org.choreolab.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The one number formatter of every table Choreolab prints or writes (console, Markdown, LaTeX, HTML,
 * the workbench): four significant digits, scientific notation for magnitudes from a million up or
 * below a thousandth (so a degenerate FID reads {@code 1.231e20}, never {@code 123135568400025160000}),
 * and interval ends with the same decimals as their value. CSV keeps full precision ({@link #full}).
 */
public final class Numbers {

    /** Significant digits shown. */
    public static final int DIGITS = 4;

    private static final double SCIENTIFIC_ABOVE = 1e6, SCIENTIFIC_BELOW = 1e-3;

    private Numbers() {
    }

    /** {@code v} to {@link #DIGITS} significant digits: {@code 153.2}, {@code 0.2345}, {@code 1.231e20}, {@code NaN}. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        if (scientific(v)) {
            return scientificText(v);
        }
        return fixed(v, decimals(v));
    }

    /**
     * {@code v} with the decimals {@link #format} gives {@code like} (the ends of an interval read as
     * precisely as its value); scientific when {@code like} is.
     */
    public static String formatLike(double v, double like) {
        if (!Double.isFinite(v) || !Double.isFinite(like) || like == 0) {
            return format(v);
        }
        if (scientific(like)) {
            return scientificText(v);
        }
        return fixed(v, decimals(like));
    }

    /** An interval as {@code [low, high]}, its ends as precise as {@code value}. */
    public static String interval(double low, double high, double value) {
        return "[" + formatLike(low, value) + ", " + formatLike(high, value) + "]";
    }

    /** Full precision for files read by programs (CSV): the shortest decimal that reads back as the same double. */
    public static String full(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        BigDecimal d = BigDecimal.valueOf(v).stripTrailingZeros();
        double a = Math.abs(v);
        if (a == 0 || a >= 1e-6 && a < 1e15) {
            return d.toPlainString();
        }
        return d.toString().replace("E+", "e").replace("E", "e");
    }

    /** A p-value: {@code 0.034}, {@code < 0.001} below a thousandth. */
    public static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return "–";
        }
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    /** A count with thousands separators: {@code 1,000}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static boolean scientific(double v) {
        double a = Math.abs(v);
        return a >= SCIENTIFIC_ABOVE || a < SCIENTIFIC_BELOW;
    }

    /** Decimals that leave {@link #DIGITS} significant digits of {@code v} (after rounding, so 9.9996 gives "10.00"). */
    private static int decimals(double v) {
        BigDecimal r = new BigDecimal(v).round(new MathContext(DIGITS, RoundingMode.HALF_UP));
        int exponent = r.precision() - r.scale() - 1;
        return Math.max(0, DIGITS - 1 - exponent);
    }

    private static String fixed(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    private static String scientificText(double v) {
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", v);
        // 1.231e+20 → 1.231e20, 4.500e-05 → 4.500e-5
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e);
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }
}
