package org.choreolab.ui.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.eclipse.jface.window.ToolTip;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * A table of rows of one type whose columns sort on a click on their header (again: the other way), with
 * tooltips, columns as wide as their widest cell, and the rows and texts shown for tests and exports. The
 * views that list results (Evaluate, Sequences) differ only in their columns, so the sorting and fitting
 * live here once. Missing sort values (null keys) go last whatever the direction: a metric that could not
 * be computed is never the "best".
 */
public final class SortableTable<T> {

    private final TableViewer viewer;
    private final Class<T> type;
    private final Comparator<? super T> ties;
    private final List<SortableColumn<T>> columns = new ArrayList<>();
    private Comparator<? super T> pinned = (x, y) -> 0;
    private Comparator<? super T> unsorted = (x, y) -> 0;
    private int sortColumn = -1;
    private boolean descending;

    /** {@code ties} orders rows whose sort values are equal, so a sorted table never shuffles between refreshes. */
    public SortableTable(Composite parent, Class<T> type, Comparator<? super T> ties) {
        this.type = type;
        this.ties = ties;
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.setComparator(new ViewerComparator() {
            @Override
            public int compare(Viewer v, Object a, Object b) {
                return order(type.cast(a), type.cast(b));
            }
        });
        ColumnViewerToolTipSupport.enableFor(viewer, ToolTip.NO_RECREATE);
    }

    /** Rows this order puts first stay on top whatever column is sorted (the reference row). */
    public SortableTable<T> pinned(Comparator<? super T> order) {
        pinned = order;
        return this;
    }

    /** The order before any header is clicked; by default the order rows were given in. */
    public SortableTable<T> unsorted(Comparator<? super T> order) {
        unsorted = order;
        return this;
    }

    public Control control() {
        return viewer.getControl();
    }

    /** Replaces every column by those {@code add} makes; no column is sorted after. */
    public void columns(Runnable add) {
        var table = viewer.getTable();
        table.setRedraw(false);
        try {
            for (TableColumn c : table.getColumns()) {
                c.dispose();
            }
            columns.clear();
            add.run();
            sortColumn = -1;
            table.setSortColumn(null);
        } finally {
            table.setRedraw(true);
        }
    }

    /** Adds a column showing {@code text}; a click on its header sorts by it once it has a sort key. */
    public SortableColumn<T> column(String title, int align, Function<? super T, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, align);
        c.getColumn().setText(title);
        int index = viewer.getTable().getColumnCount() - 1;
        c.getColumn().addListener(SWT.Selection, e -> sortBy(index, sortColumn == index ? !descending : false));
        SortableColumn<T> column = new SortableColumn<>(c, type, text);
        columns.add(column);
        return column;
    }

    public int columnCount() {
        return viewer.getTable().getColumnCount();
    }

    /** Shows {@code rows} in the current order, every column fitted to its cells. */
    public void show(List<? extends T> rows) {
        viewer.setInput(rows.toArray());
        fit();
    }

    /** Redraws the cells (their format changed) and fits the columns again. */
    public void refresh() {
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

    /** Sorts by a column (by index of creation), as a click on its header does. */
    public void sortBy(int column, boolean descending) {
        this.sortColumn = column;
        this.descending = descending;
        var t = viewer.getTable();
        if (column >= 0 && column < t.getColumnCount()) {
            t.setSortColumn(t.getColumn(column));
            t.setSortDirection(descending ? SWT.DOWN : SWT.UP);
        }
        viewer.refresh();
    }

    private int order(T x, T y) {
        int c = pinned.compare(x, y);
        if (c != 0) {
            return c;
        }
        SortableColumn<T> by = sortColumn >= 0 && sortColumn < columns.size() ? columns.get(sortColumn) : null;
        if (by == null || !by.sorts()) {
            return unsorted.compare(x, y);
        }
        c = by.compare(x, y, descending);
        return c != 0 ? c : ties.compare(x, y);
    }

    /** The rows shown, top to bottom. */
    public List<T> shown() {
        List<T> out = new ArrayList<>();
        for (TableItem i : viewer.getTable().getItems()) {
            out.add(type.cast(i.getData()));
        }
        return out;
    }

    /** The column headers, in order of creation. */
    public String[] headers() {
        return Arrays.stream(viewer.getTable().getColumns()).map(TableColumn::getText).toArray(String[]::new);
    }

    /** The rows shown, top to bottom, as the text of their cells. */
    public List<String[]> texts() {
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

    /** The selected row, or null. */
    public T selected() {
        return first(viewer.getSelection());
    }

    public void onSelect(Consumer<? super T> action) {
        viewer.addSelectionChangedListener(e -> accept(first(e.getSelection()), action));
    }

    /** {@code action} on a double click (or Enter) on a row. */
    public void onOpen(Consumer<? super T> action) {
        viewer.addDoubleClickListener(e -> accept(first(e.getSelection()), action));
    }

    private T first(ISelection s) {
        Object o = ((IStructuredSelection) s).getFirstElement();
        return type.isInstance(o) ? type.cast(o) : null;
    }

    private static <T> void accept(T row, Consumer<? super T> action) {
        if (row != null) {
            action.accept(row);
        }
    }
}
