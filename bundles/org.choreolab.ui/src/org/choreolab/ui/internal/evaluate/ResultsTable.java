package org.choreolab.ui.internal.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.choreolab.core.ResultRow;
import org.choreolab.report.MetricLabels;
import org.choreolab.report.Table;
import org.choreolab.ui.internal.Formats;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.window.ToolTip;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The comparison table: one row per generator (the ground truth, the reference, always first), one
 * column per metric; click a header to sort by it. Cells come from the report bundle's table model
 * ({@link Table}: value, 95 % interval, flag marks, tooltip), so they read as in every exported table;
 * columns are as wide as their widest value, and a flagged value is coloured, its reason in the tooltip.
 */
final class ResultsTable {

    private static final Color FLAGGED = new Color(0xB0, 0x4A, 0x00);

    private final TableViewer viewer;
    private final Order order = new Order();
    private List<String> metrics = List.of();
    private Formats formats = Formats.DEFAULT;
    private Table model;

    ResultsTable(Composite parent) {
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setComparator(order);
        ColumnViewerToolTipSupport.enableFor(viewer, ToolTip.NO_RECREATE);
        columns(List.of());
    }

    Control control() {
        return viewer.getControl();
    }

    /** One column per metric after the generator and its count of sequences scored. */
    void columns(List<String> metricIds) {
        metrics = List.copyOf(metricIds);
        viewer.getTable().setRedraw(false);
        try {
            for (TableColumn c : viewer.getTable().getColumns()) {
                c.dispose();
            }
            column("Generator", SWT.LEFT, r -> r.isReference() ? r.name() + " (reference)" : r.name(),
                    r -> r.error() != null ? r.name() + ": " + r.error() : r.id() + (r.parameters().isEmpty() ? "" : " " + r.parameters()), r -> false);
            column("Sequences ok", SWT.RIGHT, r -> model == null ? Long.toString(r.okCount()) : model.sequencesOk(r),
                    r -> r.sequences().values().stream().filter(o -> o.failed()).map(o -> o.sequenceId() + ": " + o.error()).reduce((a, b) -> a + "\n" + b)
                            .orElse(null), r -> false);
            for (String m : metrics) {
                column(MetricLabels.header(m), SWT.RIGHT, r -> ResultCell.of(model, r, m).text(formats),
                        r -> ResultCell.of(model, r, m).tooltip(), r -> ResultCell.of(model, r, m).flagged());
            }
            order.column = -1;
            viewer.getTable().setSortColumn(null);
        } finally {
            viewer.getTable().setRedraw(true);
        }
    }

    private interface Cell<T> {
        T of(ResultRow r);
    }

    private void column(String title, int align, Cell<String> text, Cell<String> tip, Cell<Boolean> flagged) {
        TableViewerColumn c = new TableViewerColumn(viewer, align);
        c.getColumn().setText(title);
        c.getColumn().setMoveable(true);
        int index = viewer.getTable().getColumnCount() - 1;
        c.getColumn().addListener(SWT.Selection, e -> sortBy(index, order.column == index ? !order.descending : false));
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.of((ResultRow) e);
            }

            @Override
            public String getToolTipText(Object e) {
                return tip.of((ResultRow) e);
            }

            @Override
            public Point getToolTipShift(Object object) {
                return new Point(10, 20); // under the pointer, not over the value read
            }

            @Override
            public Color getForeground(Object e) {
                return flagged.of((ResultRow) e) ? FLAGGED : null;
            }
        });
    }

    /** Shows {@code rows} with their cells from {@code table} (the report's model of the same rows). */
    void show(List<ResultRow> rows, Table table) {
        if (viewer.getTable().isDisposed()) {
            return;
        }
        model = table;
        viewer.setInput(rows.toArray());
        fit();
    }

    void formats(Formats f) {
        formats = f;
        viewer.refresh();
        fit();
    }

    /** Every column as wide as its widest cell or header: nothing is cut without saying so. */
    private void fit() {
        for (TableColumn c : viewer.getTable().getColumns()) {
            c.pack();
            c.setWidth(c.getWidth() + 8);
        }
    }

    /** Sorts by a column (0 generator, 1 sequences, 2… metrics), as a click on its header does. */
    void sortBy(int column, boolean descending) {
        order.column = column;
        order.descending = descending;
        var t = viewer.getTable();
        if (column >= 0 && column < t.getColumnCount()) {
            t.setSortColumn(t.getColumn(column));
            t.setSortDirection(descending ? SWT.DOWN : SWT.UP);
        }
        viewer.refresh();
    }

    /** The rows shown, top to bottom. */
    List<ResultRow> shown() {
        List<ResultRow> out = new ArrayList<>();
        for (TableItem i : viewer.getTable().getItems()) {
            out.add((ResultRow) i.getData());
        }
        return out;
    }

    /** The rows shown, as text. */
    List<String[]> texts() {
        List<String[]> out = new ArrayList<>();
        int n = viewer.getTable().getColumnCount();
        for (TableItem i : viewer.getTable().getItems()) {
            String[] cells = new String[n];
            for (int c = 0; c < n; c++) {
                cells[c] = i.getText(c);
            }
            out.add(cells);
        }
        return out;
    }

    void onSelect(Consumer<ResultRow> action) {
        viewer.addSelectionChangedListener(e -> {
            Object o = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (o instanceof ResultRow r) {
                action.accept(r);
            }
        });
    }

    void onOpen(Consumer<ResultRow> action) {
        viewer.addDoubleClickListener(e -> {
            Object o = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (o instanceof ResultRow r) {
                action.accept(r);
            }
        });
    }

    /** The reference row first; then the clicked column's order (missing values last), else by id. */
    private final class Order extends ViewerComparator {
        int column = -1;
        boolean descending;

        @Override
        public int category(Object element) {
            return ((ResultRow) element).isReference() ? 0 : 1;
        }

        @Override
        public int compare(Viewer v, Object a, Object b) {
            ResultRow x = (ResultRow) a, y = (ResultRow) b;
            int cat = Integer.compare(category(x), category(y));
            if (cat != 0) {
                return cat;
            }
            int c = 0;
            if (column == 0) {
                c = x.name().compareToIgnoreCase(y.name());
            } else if (column == 1) {
                c = Long.compare(ok(x), ok(y));
            } else if (column >= 2 && column - 2 < metrics.size()) {
                Double vx = x.set().get(metrics.get(column - 2)), vy = y.set().get(metrics.get(column - 2));
                if (vx == null || vy == null) {
                    return vx == null ? (vy == null ? x.id().compareTo(y.id()) : 1) : -1;
                }
                c = Double.compare(vx, vy);
            }
            c = descending ? -c : c;
            return c != 0 ? c : x.id().compareTo(y.id());
        }

        private static long ok(ResultRow r) {
            return r.sequences().values().stream().filter(o -> !o.failed()).count();
        }
    }
}
