package org.choreolab.ui.internal.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.choreolab.api.metric.Flag;
import org.choreolab.core.ResultRow;
import org.choreolab.ui.internal.Formats;

/**
 * What the views show for one row and one metric: the set value, the half-width of its confidence
 * interval (NaN when there is none), the flags that qualify it, or the error that replaced it.
 *
 * <p>The one place that reads them from a {@link ResultRow}. The core is adding per-value flags and
 * bootstrap confidence intervals to the result rows and {@code results.json} (issue #15); until those
 * are on main, {@link #of} finds neither and every view shows the plain value. When they land, only
 * {@link #of} changes: the table then shows {@code value ± half-width} with the flag marked and its reason
 * in the tooltip, and the chart draws error bars (both already do for cells that carry them).
 */
public record ResultCell(Double value, double halfWidth, List<Flag> flags, String error) {

    public ResultCell {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** The cell of {@code row} for {@code metric}. */
    public static ResultCell of(ResultRow row, String metric) {
        Double v = row.set().get(metric);
        return new ResultCell(v, Double.NaN, List.of(), v == null ? row.setErrors().get(metric) : null);
    }

    public boolean flagged() {
        return !flags.isEmpty();
    }

    public boolean degenerate() {
        return flags.stream().anyMatch(Flag::isDegenerate);
    }

    /** The cell's text: the value (with its interval), a mark when flagged, "error", or "…" while pending. */
    public String text(Formats f) {
        if (value == null) {
            return error != null ? "error" : "…";
        }
        return f.interval(value, halfWidth) + (degenerate() ? " ⚠" : flagged() ? " *" : "");
    }

    /** The full story, for the tooltip: exact value, interval, each flag's reason, or the error. */
    public String tooltip(Formats f) {
        List<String> lines = new ArrayList<>();
        if (value != null) {
            lines.add(String.format(Locale.ROOT, "%.10g", value));
            if (!Double.isNaN(halfWidth)) {
                lines.add("95 % bootstrap interval: " + f.number(value - halfWidth) + " to " + f.number(value + halfWidth));
            }
        } else if (error != null) {
            lines.add("Not computed: " + error);
        } else {
            lines.add("Not computed yet");
        }
        for (Flag fl : flags) {
            lines.add((fl.isDegenerate() ? "⚠ ill-posed (" : "note (") + fl.code() + "): " + fl.reason());
        }
        return String.join("\n", lines);
    }
}
