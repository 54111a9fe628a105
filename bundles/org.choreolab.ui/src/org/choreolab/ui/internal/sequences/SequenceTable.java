package org.choreolab.ui.internal.sequences;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.choreolab.report.MetricLabels;
import org.choreolab.ui.internal.Formats;
import org.choreolab.ui.internal.SortableTable;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * The drill-down's table: sequence, genre, status, then a column per scalar; sortable by any column
 * (missing values last, ties by sequence); unsorted, the rows keep the order sequences completed in.
 */
final class SequenceTable {

    private final SortableTable<SequenceRows.Row> table;
    private List<String> scalars = List.of();
    private Formats formats = Formats.DEFAULT;

    SequenceTable(Composite parent) {
        table = new SortableTable<>(parent, SequenceRows.Row.class, Comparator.comparing(SequenceRows.Row::sequence));
    }

    Control control() {
        return table.control();
    }

    void show(List<String> scalarColumns, List<SequenceRows.Row> rows) {
        if (!scalarColumns.equals(scalars) || table.columnCount() == 0) {
            scalars = List.copyOf(scalarColumns);
            table.columns(() -> {
                table.column("Sequence", SWT.LEFT, SequenceRows.Row::sequence).sortedBy(SequenceRows.Row::sequence);
                table.column("Genre", SWT.LEFT, SequenceRows.Row::genre).sortedBy(SequenceRows.Row::genre);
                table.column("Status", SWT.LEFT, SequenceRows.Row::status).sortedBy(SequenceRows.Row::status)
                        .tip(r -> r.error() != null ? r.error()
                                : r.metricErrors().isEmpty() ? null
                                        : String.join("\n", r.metricErrors().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
                for (String s : scalars) {
                    table.column(MetricLabels.unit(s).isEmpty() ? s : s + " " + MetricLabels.unit(s), SWT.RIGHT, r -> r.values().containsKey(s) ? formats.number(r.values().get(s)) : "–")
                            .tip(r -> r.values().containsKey(s) ? String.format(Locale.ROOT, "%s = %.10g", s, r.values().get(s)) : null)
                            .sortedBy(r -> r.values().get(s));
                }
            });
        }
        table.show(rows);
    }

    void formats(Formats f) {
        formats = f;
        table.refresh();
    }

    void sortBy(int column, boolean descending) {
        table.sortBy(column, descending);
    }

    /** The header, then the rows shown, as text. */
    List<String[]> texts() {
        List<String[]> out = new ArrayList<>();
        out.add(table.headers());
        out.addAll(table.texts());
        return out;
    }

    void onOpen(Consumer<SequenceRows.Row> action) {
        table.onOpen(action);
    }

    SequenceRows.Row selected() {
        return table.selected();
    }
}
