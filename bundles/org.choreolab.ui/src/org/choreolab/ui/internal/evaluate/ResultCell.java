package org.choreolab.ui.internal.evaluate;

import java.util.List;

import org.choreolab.core.Confidence;
import org.choreolab.core.ResultRow;
import org.choreolab.report.Numbers;
import org.choreolab.report.Table;
import org.choreolab.ui.internal.Formats;

/**
 * What the views show for one row and one metric, read through the report bundle's table model
 * ({@link Table}), as every other output: the set value, its 95 % bootstrap interval (NaN ends when
 * there is none), the flags' marks ({@code ⚠n} degenerate, {@code [n]} a note; their numbers are the
 * footnotes under the table) and the tooltip with each flag's reason, or the error that replaced it.
 */
public record ResultCell(Double value, double low, double high, Table.Cell cell, boolean pending) {

    /** The cell of {@code row} for {@code metric} in {@code table} (null: the plain value, before any table exists). */
    public static ResultCell of(Table table, ResultRow row, String metric) {
        Double v = row.set().get(metric);
        Confidence c = row.confidence().get(metric);
        boolean pending = v == null && row.setErrors().get(metric) == null && row.error() == null;
        Table.Cell cell = table != null ? table.cell(row, metric)
                : new Table.Cell(v == null ? "–" : Numbers.format(v), "", List.of(), false, v == null ? "" : Numbers.format(v));
        return new ResultCell(v, c == null ? Double.NaN : c.low(), c == null ? Double.NaN : c.high(), cell, pending);
    }

    public boolean flagged() {
        return !cell.marks().isEmpty();
    }

    public boolean degenerate() {
        return cell.degenerate();
    }

    public boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** Value, interval and marks on one line ({@code 23.46 [19.12, 28.90] ⚠1}); "…" while it is computed. */
    public String text(Formats f) {
        if (pending) {
            return "…";
        }
        if (value == null || f.reports()) {
            return cell.text();
        }
        StringBuilder b = new StringBuilder(f.number(value));
        if (hasInterval()) {
            b.append(' ').append(f.interval(low, high, value));
        }
        cell.marks().forEach(m -> b.append(' ').append(m));
        return b.toString();
    }

    /** The full story: the value, its interval and how it was computed, each flag's reason, or the error. */
    public String tooltip() {
        return pending ? "Not computed yet" : cell.tooltip();
    }
}
