package org.choreolab.ui.internal.sequences;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

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
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/** The drill-down's table: sequence, genre, status, then a column per scalar; sortable by any column (missing values last). */
final class SequenceTable {

    private final TableViewer viewer;
    private final Order order = new Order();
    private List<String> scalars = List.of();
    private Formats formats = Formats.DEFAULT;

    SequenceTable(Composite parent) {
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setComparator(order);
        ColumnViewerToolTipSupport.enableFor(viewer, ToolTip.NO_RECREATE);
    }

    Control control() {
        return viewer.getControl();
    }

    void show(List<String> scalarColumns, List<SequenceRows.Row> rows) {
        if (!scalarColumns.equals(scalars) || viewer.getTable().getColumnCount() == 0) {
            scalars = List.copyOf(scalarColumns);
            for (TableColumn c : viewer.getTable().getColumns()) {
                c.dispose();
            }
            column("Sequence", SWT.LEFT, SequenceRows.Row::sequence, null);
            column("Genre", SWT.LEFT, SequenceRows.Row::genre, null);
            column("Status", SWT.LEFT, SequenceRows.Row::status, r -> r.error() != null ? r.error()
                    : r.metricErrors().isEmpty() ? null : String.join("\n", r.metricErrors().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
            for (String s : scalars) {
                column(s, SWT.RIGHT, r -> r.values().containsKey(s) ? formats.number(r.values().get(s)) : "–",
                        r -> r.values().containsKey(s) ? String.format(java.util.Locale.ROOT, "%s = %.10g", s, r.values().get(s)) : null);
            }
            order.column = -1;
            viewer.getTable().setSortColumn(null);
        }
        viewer.setInput(rows.toArray());
        for (TableColumn c : viewer.getTable().getColumns()) {
            c.pack();
            c.setWidth(c.getWidth() + 8);
        }
    }

    private void column(String title, int align, Function<SequenceRows.Row, String> text, Function<SequenceRows.Row, String> tip) {
        TableViewerColumn c = new TableViewerColumn(viewer, align);
        c.getColumn().setText(title);
        int index = viewer.getTable().getColumnCount() - 1;
        c.getColumn().addListener(SWT.Selection, e -> sortBy(index, order.column == index ? !order.descending : false));
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((SequenceRows.Row) e);
            }

            @Override
            public String getToolTipText(Object e) {
                return tip == null ? null : tip.apply((SequenceRows.Row) e);
            }

            @Override
            public Point getToolTipShift(Object object) {
                return new Point(10, 20);
            }
        });
    }

    void formats(Formats f) {
        formats = f;
        viewer.refresh();
    }

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

    List<String[]> texts() {
        List<String[]> out = new ArrayList<>();
        int n = viewer.getTable().getColumnCount();
        out.add(java.util.Arrays.stream(viewer.getTable().getColumns()).map(TableColumn::getText).toArray(String[]::new));
        for (TableItem i : viewer.getTable().getItems()) {
            String[] cells = new String[n];
            for (int c = 0; c < n; c++) {
                cells[c] = i.getText(c);
            }
            out.add(cells);
        }
        return out;
    }

    void onOpen(Consumer<SequenceRows.Row> action) {
        viewer.addDoubleClickListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof SequenceRows.Row r) {
                action.accept(r);
            }
        });
    }

    SequenceRows.Row selected() {
        return ((IStructuredSelection) viewer.getSelection()).getFirstElement() instanceof SequenceRows.Row r ? r : null;
    }

    /** Sequence, genre and status as text; scalar columns by value, missing values last whatever the direction. */
    private final class Order extends ViewerComparator {
        int column = -1;
        boolean descending;

        @Override
        public int compare(Viewer v, Object a, Object b) {
            SequenceRows.Row x = (SequenceRows.Row) a, y = (SequenceRows.Row) b;
            int c;
            if (column >= 3 && column - 3 < scalars.size()) {
                Double vx = x.values().get(scalars.get(column - 3)), vy = y.values().get(scalars.get(column - 3));
                if (vx == null || vy == null) {
                    return vx == null ? (vy == null ? x.sequence().compareTo(y.sequence()) : 1) : -1;
                }
                c = Double.compare(vx, vy);
            } else if (column == 1) {
                c = x.genre().compareTo(y.genre());
            } else if (column == 2) {
                c = x.status().compareTo(y.status());
            } else if (column == 0) {
                c = x.sequence().compareTo(y.sequence());
            } else {
                return 0; // the order sequences completed in
            }
            c = descending ? -c : c;
            return c != 0 ? c : x.sequence().compareTo(y.sequence());
        }
    }
}
