package org.choreolab.report;

import org.choreolab.core.Summaries;

/**
 * How each metric is labelled in every table and chart: one name, one unit and one direction per
 * metric, the same in the console, Markdown, CSV headers' notes, LaTeX, HTML and charts. PFC is shown
 * on EDGE's scale (× 10,000) everywhere it is a set value.
 */
public final class MetricLabels {

    private MetricLabels() {
    }

    /** The short name: {@code FID_k}, {@code BAS}, {@code PFC}; the id for metrics not of the field's suite. */
    public static String name(String metric) {
        return switch (metric) {
            case "fid_k" -> "FID_k";
            case "fid_g" -> "FID_g";
            case "div_k" -> "Div_k";
            case "div_g" -> "Div_g";
            case "bas" -> "BAS";
            case "pfc" -> "PFC";
            default -> metric;
        };
    }

    /** The unit a set value is shown in, empty when it is a plain number. */
    public static String unit(String metric) {
        return metric.equals("pfc") ? "×10⁴" : "";
    }

    /** The direction mark: ↓ lower is better, ↑ higher is better, ≈GT closer to the ground truth's value; empty when unknown. */
    public static String direction(String metric) {
        return switch (Summaries.better(metric)) {
            case LOWER -> "↓";
            case HIGHER -> "↑";
            case CLOSER_TO_TRUTH -> "≈GT";
            default -> "";
        };
    }

    /** The column header: name, unit and direction ({@code PFC ×10⁴ ↓}). */
    public static String header(String metric) {
        StringBuilder b = new StringBuilder(name(metric));
        if (!unit(metric).isEmpty()) {
            b.append(' ').append(unit(metric));
        }
        if (!direction(metric).isEmpty()) {
            b.append(' ').append(direction(metric));
        }
        return b.toString();
    }

    /** The header in LaTeX. */
    public static String latex(String metric) {
        String dir = switch (Summaries.better(metric)) {
            case LOWER -> "$\\downarrow$";
            case HIGHER -> "$\\uparrow$";
            case CLOSER_TO_TRUTH -> "$\\approx$GT";
            default -> "";
        };
        String name = switch (metric) {
            case "fid_k" -> "FID$_k$";
            case "fid_g" -> "FID$_g$";
            case "div_k" -> "Div$_k$";
            case "div_g" -> "Div$_g$";
            case "bas" -> "BAS";
            case "pfc" -> "PFC$\\times10^{4}$";
            default -> Latex.escape(metric);
        };
        return dir.isEmpty() ? name : name + " " + dir;
    }

    /** One line saying what the marks and units mean, for under a table. */
    public static String legend(java.util.Collection<String> metrics) {
        StringBuilder b = new StringBuilder("↓ lower is better, ↑ higher is better, ≈GT closer to the ground truth's value is better");
        if (metrics.contains("pfc")) {
            b.append("; PFC is EDGE's score × 10,000 (its scale in EDGE's paper)");
        }
        return b.toString();
    }
}
