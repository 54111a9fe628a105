package org.choreolab.ui.internal.evaluate;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import org.choreolab.core.ResultRow;
import org.choreolab.report.MetricLabels;
import org.choreolab.report.Table;
import org.choreolab.ui.internal.Formats;
import org.choreolab.ui.internal.SortableTable;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * The comparison table: one row per generator (the ground truth, the reference, always first), one
 * column per metric; click a header to sort by it (missing values last, ties by id). Cells come from the
 * report bundle's table model ({@link Table}: value, 95 % interval, flag marks, tooltip), so they read as
 * in every exported table; columns are as wide as their widest value, and a flagged value is coloured,
 * its reason in the tooltip.
 */
final class ResultsTable {

    private static final Color FLAGGED = new Color(0xB0, 0x4A, 0x00);

    private final SortableTable<ResultRow> table;
    private Formats formats = Formats.DEFAULT;
    private Table model;

    ResultsTable(Composite parent) {
        Comparator<ResultRow> byId = Comparator.comparing(ResultRow::id);
        table = new SortableTable<>(parent, ResultRow.class, byId).pinned(Comparator.comparing((ResultRow r) -> !r.isReference())).unsorted(byId);
        columns(List.of());
    }

    Control control() {
        return table.control();
    }

    /** One column per metric after the generator and its count of sequences scored. */
    void columns(List<String> metricIds) {
        List<String> metrics = List.copyOf(metricIds);
        table.columns(() -> {
            table.column("Generator", SWT.LEFT, r -> r.isReference() ? r.name() + " (reference)" : r.name())
                    .tip(r -> r.error() != null ? r.name() + ": " + r.error() : r.id() + (r.parameters().isEmpty() ? "" : " " + r.parameters()))
                    .sortedBy(ResultRow::name, String.CASE_INSENSITIVE_ORDER).movable();
            table.column("Sequences ok", SWT.RIGHT, r -> model == null ? Long.toString(r.okCount()) : model.sequencesOk(r))
                    .tip(r -> r.sequences().values().stream().filter(o -> o.failed()).map(o -> o.sequenceId() + ": " + o.error())
                            .reduce((a, b) -> a + "\n" + b).orElse(null))
                    .sortedBy(ResultRow::okCount).movable();
            for (String m : metrics) {
                table.column(MetricLabels.header(m), SWT.RIGHT, r -> ResultCell.of(model, r, m).text(formats))
                        .tip(r -> ResultCell.of(model, r, m).tooltip())
                        .foreground(r -> ResultCell.of(model, r, m).flagged() ? FLAGGED : null)
                        .sortedBy(r -> r.set().get(m)).movable();
            }
        });
    }

    /** Shows {@code rows} with their cells from {@code table} (the report's model of the same rows). */
    void show(List<ResultRow> rows, Table table) {
        if (this.table.control().isDisposed()) {
            return;
        }
        model = table;
        this.table.show(rows);
    }

    void formats(Formats f) {
        formats = f;
        table.refresh();
    }

    /** Sorts by a column (0 generator, 1 sequences, 2… metrics), as a click on its header does. */
    void sortBy(int column, boolean descending) {
        table.sortBy(column, descending);
    }

    /** The rows shown, top to bottom. */
    List<ResultRow> shown() {
        return table.shown();
    }

    /** The rows shown, as text. */
    List<String[]> texts() {
        return table.texts();
    }

    void onSelect(Consumer<ResultRow> action) {
        table.onSelect(action);
    }

    void onOpen(Consumer<ResultRow> action) {
        table.onOpen(action);
    }
}
