package org.choreolab.ui.internal;

import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A bar chart of one metric's set value per generator, drawn with SWT (the CLI's reports draw the
 * same with JFreeChart; inside the workbench plain GC keeps AWT out of the SWT event loop).
 */
final class BarChart {

    record Bar(String label, double value, boolean reference) {
    }

    private final Canvas canvas;
    private volatile String title = "";
    private volatile List<Bar> bars = List.of();

    BarChart(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.BORDER);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
    }

    Canvas control() {
        return canvas;
    }

    void show(String title, List<Bar> bars) {
        this.title = title;
        this.bars = List.copyOf(bars);
        if (!canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    List<Bar> bars() {
        return bars;
    }

    private void paint(GC gc, Rectangle area) {
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(title, 8, 4, true);
        List<Bar> b = bars;
        if (b.isEmpty()) {
            return;
        }
        double max = b.stream().mapToDouble(Bar::value).filter(Double::isFinite).map(Math::abs).max().orElse(1);
        max = max == 0 ? 1 : max;
        int top = 28, bottom = area.height - 24, left = 8;
        int slot = Math.max(1, (area.width - 2 * left) / b.size());
        Color bar = new Color(canvas.getDisplay(), 0x3b, 0x6e, 0xa5);
        Color ref = new Color(canvas.getDisplay(), 0x99, 0x99, 0x99);
        try {
            for (int i = 0; i < b.size(); i++) {
                Bar x = b.get(i);
                int h = Double.isFinite(x.value()) ? (int) ((bottom - top) * Math.abs(x.value()) / max) : 0;
                int xPos = left + i * slot + slot / 8;
                gc.setBackground(x.reference() ? ref : bar);
                gc.fillRectangle(xPos, bottom - h, slot * 3 / 4, h);
                String v = String.format(Locale.ROOT, "%.3f", x.value());
                Point ext = gc.textExtent(v);
                gc.drawText(v, xPos + (slot * 3 / 4 - ext.x) / 2, Math.max(top, bottom - h - ext.y), true);
                String label = x.label().length() > 18 ? x.label().substring(0, 17) + "…" : x.label();
                gc.drawText(label, xPos, bottom + 4, true);
            }
        } finally {
            bar.dispose();
            ref.dispose();
        }
    }
}
