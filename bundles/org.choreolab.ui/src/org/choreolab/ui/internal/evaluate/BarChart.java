package org.choreolab.ui.internal.evaluate;

import java.util.List;

import org.choreolab.ui.internal.Formats;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A bar chart of one metric per generator, drawn with SWT (the command line's reports draw the same
 * with JFreeChart; inside the workbench plain GC keeps AWT out of the SWT event loop). The value axis
 * turns logarithmic when the values span three orders of magnitude or more (a diverging model's FID
 * beside the others' would otherwise flatten them to nothing), and a value with a confidence interval
 * gets an error bar. Hover a bar for its full label and value.
 */
final class BarChart {

    /** One bar; {@code low}, {@code high}: its 95 % interval (NaN when it has none). */
    record Bar(String label, double value, double low, double high, boolean reference, boolean flagged) {
        boolean hasInterval() {
            return !Double.isNaN(low) && !Double.isNaN(high);
        }
    }

    private static final Color BAR = new Color(0x3b, 0x6e, 0xa5), REF = new Color(0x99, 0x99, 0x99), FLAG = new Color(0xB0, 0x4A, 0x00),
            AXIS = new Color(0x70, 0x70, 0x70), GRID = new Color(0xE4, 0xE4, 0xE4);
    private static final int TOP = 28, BOTTOM = 24, RIGHT = 10;
    /**
     * The tallest bar or error bar ends this far below TOP. Its value label sits 1 px above it, but no higher
     * than TOP + 12 px minus the label's height (under the title): with this room it fits there instead of
     * being pressed down across the error bar.
     */
    private static final int VALUE_ROOM = 13;

    private final Canvas canvas;
    private final Formats formats = Formats.DEFAULT;
    private String title = "";
    private List<Bar> bars = List.of();
    private boolean log;
    private int left = 56, slot = 1;

    BarChart(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.BORDER);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
        canvas.addListener(SWT.MouseMove, e -> {
            int i = slot <= 0 ? -1 : (e.x - left) / slot;
            String tip = i >= 0 && i < bars.size() && e.x >= left ? bars.get(i).label() + ": "
                    + formats.number(bars.get(i).value())
                    + (bars.get(i).hasInterval() ? " " + formats.interval(bars.get(i).low(), bars.get(i).high(), bars.get(i).value()) : "") + (bars.get(i).flagged() ? " (flagged: see the table)" : "") : null;
            if (!java.util.Objects.equals(tip, canvas.getToolTipText())) {
                canvas.setToolTipText(tip);
            }
        });
    }

    Canvas control() {
        return canvas;
    }

    void show(String title, List<Bar> bars) {
        this.title = title;
        this.bars = List.copyOf(bars);
        this.log = logarithmic(this.bars);
        if (!canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    List<Bar> bars() {
        return bars;
    }

    boolean logarithmic() {
        return log;
    }

    /** Log scale when every value is positive and the largest is at least 1000 times the smallest. */
    static boolean logarithmic(List<Bar> bars) {
        double lo = Double.MAX_VALUE, hi = 0;
        for (Bar b : bars) {
            if (!Double.isFinite(b.value())) {
                continue;
            }
            if (b.value() <= 0) {
                return false;
            }
            lo = Math.min(lo, b.value());
            hi = Math.max(hi, b.value());
        }
        return hi > 0 && hi / lo >= 1e3;
    }

    private void paint(GC gc, Rectangle area) {
        gc.setAntialias(SWT.ON);
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(title + (log ? "   (log scale)" : ""), 8, 4, true);
        List<Bar> b = bars;
        if (b.isEmpty()) {
            return;
        }
        double[] range = range(b);
        Axis axis = new Axis(log, range[0], range[1], TOP + VALUE_ROOM, area.height - BOTTOM);
        List<Double> ticks = axis.ticks(gc.getFontMetrics().getHeight() + 2);
        left = 8 + ticks.stream().mapToInt(t -> gc.textExtent(tick(t)).x).max().orElse(30) + 6;
        for (double t : ticks) {
            int y = axis.y(t);
            gc.setForeground(GRID);
            gc.drawLine(left, y, area.width - RIGHT, y);
            gc.setForeground(AXIS);
            String s = tick(t);
            gc.drawText(s, left - 6 - gc.textExtent(s).x, y - gc.getFontMetrics().getHeight() / 2, true);
        }
        gc.drawLine(left, TOP, left, area.height - BOTTOM);
        slot = Math.max(1, (area.width - left - RIGHT) / b.size());
        int base = axis.y(log ? range[0] : 0);
        for (int i = 0; i < b.size(); i++) {
            Bar x = b.get(i);
            int x0 = left + i * slot + slot / 8, w = Math.max(1, slot * 3 / 4);
            String v;
            if (Double.isFinite(x.value())) {
                int y = axis.y(x.value());
                gc.setBackground(x.reference() ? REF : x.flagged() ? FLAG : BAR);
                gc.fillRectangle(x0, Math.min(y, base), w, Math.abs(base - y));
                if (x.hasInterval()) {
                    errorBar(gc, axis, x, x0 + w / 2, range[0]);
                }
                v = formats.number(x.value());
                Point ext = gc.textExtent(v);
                gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
                int top = x.hasInterval() ? Math.min(y, axis.y(x.high())) : y; // above the error bar, not across it
                gc.drawText(v, x0 + (w - ext.x) / 2, Math.max(TOP - ext.y + 12, Math.min(top, base) - ext.y - 1), true);
            } else {
                gc.setForeground(FLAG);
                gc.drawText(formats.number(x.value()), x0, base - gc.getFontMetrics().getHeight() - 2, true);
            }
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
            gc.drawText(fit(gc, x.label(), slot - 4), x0, area.height - BOTTOM + 4, true);
        }
    }

    /** A tick's label: the number as the workbench writes it, without trailing zeros (a tick is a round number: 0.5, not 0.5000). */
    private String tick(double t) {
        String s = formats.number(t);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    private static void errorBar(GC gc, Axis axis, Bar x, int cx, double floor) {
        double lo = x.low(), hi = x.high();
        int y0 = axis.y(axis.log() ? Math.max(floor, lo) : lo), y1 = axis.y(hi);
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
        gc.setLineWidth(1);
        gc.drawLine(cx, y0, cx, y1);
        gc.drawLine(cx - 5, y0, cx + 5, y0);
        gc.drawLine(cx - 5, y1, cx + 5, y1);
    }

    /** [lo, hi] of the axis: from 0 (linear) or the decade below the smallest value (log), error bars included. */
    private double[] range(List<Bar> b) {
        double lo = log ? Double.MAX_VALUE : 0, hi = log ? 0 : 0;
        for (Bar x : b) {
            if (!Double.isFinite(x.value())) {
                continue;
            }
            hi = Math.max(hi, x.hasInterval() ? Math.max(x.value(), x.high()) : x.value());
            lo = Math.min(lo, log || !x.hasInterval() ? x.value() : Math.min(x.value(), x.low()));
        }
        if (log) {
            return new double[] {Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)))};
        }
        return new double[] {lo, hi <= lo ? lo + 1 : hi};
    }

    private static String fit(GC gc, String s, int width) {
        if (gc.textExtent(s).x <= width) {
            return s;
        }
        for (int n = s.length() - 1; n > 1; n--) {
            String t = s.substring(0, n) + "…";
            if (gc.textExtent(t).x <= width) {
                return t;
            }
        }
        return "…";
    }
}
