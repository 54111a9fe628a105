package org.choreolab.ui.internal;

import java.util.Comparator;
import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;

/** One column of a {@link SortableTable}: its text, and optionally its tooltip, colour and sort key. */
public final class SortableColumn<T> {

    /** The order of two rows by this column, nulls last whatever the direction. */
    private interface Sort<R> {
        int compare(R x, R y, boolean descending);
    }

    private final TableViewerColumn column;
    private Function<? super T, String> tip = row -> null;
    private Function<? super T, Color> foreground = row -> null;
    private Sort<T> sort;

    SortableColumn(TableViewerColumn column, Class<T> type, Function<? super T, String> text) {
        this.column = column;
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply(type.cast(e));
            }

            @Override
            public String getToolTipText(Object e) {
                return tip.apply(type.cast(e));
            }

            @Override
            public Point getToolTipShift(Object object) {
                return new Point(10, 20); // under the pointer, not over the value read
            }

            @Override
            public Color getForeground(Object e) {
                return foreground.apply(type.cast(e));
            }
        });
    }

    public SortableColumn<T> tip(Function<? super T, String> f) {
        tip = f;
        return this;
    }

    public SortableColumn<T> foreground(Function<? super T, Color> f) {
        foreground = f;
        return this;
    }

    /** The user may drag this column elsewhere. */
    public SortableColumn<T> movable() {
        column.getColumn().setMoveable(true);
        return this;
    }

    public <K extends Comparable<? super K>> SortableColumn<T> sortedBy(Function<? super T, ? extends K> key) {
        return sortedBy(key, Comparator.naturalOrder());
    }

    public <K> SortableColumn<T> sortedBy(Function<? super T, ? extends K> key, Comparator<? super K> order) {
        sort = (x, y, descending) -> {
            K kx = key.apply(x), ky = key.apply(y);
            if (kx == null || ky == null) {
                return kx == null ? (ky == null ? 0 : 1) : -1;
            }
            int c = order.compare(kx, ky);
            return descending ? -c : c;
        };
        return this;
    }

    boolean sorts() {
        return sort != null;
    }

    int compare(T x, T y, boolean descending) {
        return sort.compare(x, y, descending);
    }
}
