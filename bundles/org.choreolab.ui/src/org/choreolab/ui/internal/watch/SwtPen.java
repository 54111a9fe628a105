package org.choreolab.ui.internal.watch;

import org.choreolab.visual.skeleton.Pen;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

/** The skeleton painter's {@link Pen} on an SWT graphics context: the Watch view draws what `render` writes. */
final class SwtPen implements Pen {

    private final GC gc;

    SwtPen(GC gc) {
        this.gc = gc;
        gc.setAntialias(SWT.ON);
        gc.setTextAntialias(SWT.ON);
        gc.setLineCap(SWT.CAP_ROUND);
    }

    @Override
    public void color(int rgb) {
        // Colours without a device need no disposing (SWT 3.120+).
        Color c = new Color((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255);
        gc.setForeground(c);
        gc.setBackground(c);
    }

    @Override
    public void width(float pixels) {
        gc.setLineWidth(Math.max(1, Math.round(pixels)));
    }

    @Override
    public void line(double x0, double y0, double x1, double y1) {
        gc.drawLine((int) Math.round(x0), (int) Math.round(y0), (int) Math.round(x1), (int) Math.round(y1));
    }

    @Override
    public void fillCircle(double x, double y, double r) {
        int d = (int) Math.max(1, Math.round(2 * r));
        gc.fillOval((int) Math.round(x - r), (int) Math.round(y - r), d, d);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        gc.fillRectangle((int) Math.round(x), (int) Math.round(y), (int) Math.ceil(w), (int) Math.ceil(h));
    }

    @Override
    public void text(String s, double x, double y) {
        // Pen text is anchored at the baseline; SWT draws from the top.
        gc.drawText(s, (int) Math.round(x), (int) Math.round(y - gc.getFontMetrics().getAscent()), true);
    }

    /** The width of {@code s} in pixels, in the current font. */
    int textWidth(String s) {
        return gc.textExtent(s).x;
    }

    @Override
    public void clip(double[] r) {
        if (r == null) {
            gc.setClipping((Rectangle) null);
        } else {
            gc.setClipping((int) r[0], (int) r[1], (int) Math.ceil(r[2]), (int) Math.ceil(r[3]));
        }
    }
}
