package org.choreolab.visual.skeleton;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/** A {@link Pen} on a Java 2D graphics context (images, headless). */
public final class AwtPen implements Pen {

    private final Graphics2D g;
    private final Line2D.Double line = new Line2D.Double();
    private final Ellipse2D.Double circle = new Ellipse2D.Double();
    private final Rectangle2D.Double rect = new Rectangle2D.Double();

    public AwtPen(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    }

    @Override
    public void color(int rgb) {
        g.setColor(new Color(rgb));
    }

    @Override
    public void width(float pixels) {
        g.setStroke(new BasicStroke(pixels, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    @Override
    public void line(double x0, double y0, double x1, double y1) {
        line.setLine(x0, y0, x1, y1);
        g.draw(line);
    }

    @Override
    public void fillCircle(double x, double y, double r) {
        circle.setFrame(x - r, y - r, 2 * r, 2 * r);
        g.fill(circle);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
        rect.setRect(x, y, w, h);
        g.fill(rect);
    }

    @Override
    public void text(String s, double x, double y) {
        g.drawString(s, (float) x, (float) y);
    }

    @Override
    public void clip(double[] r) {
        g.setClip(r == null ? null : new Rectangle2D.Double(r[0], r[1], r[2], r[3]));
    }
}
