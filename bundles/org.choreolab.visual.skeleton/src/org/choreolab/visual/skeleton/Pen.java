package org.choreolab.visual.skeleton;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The few drawing operations a skeleton picture needs, so that one painter draws into AWT images
 * (files, headless) and onto SWT canvases (the workbench) alike. Colours are 0xRRGGBB.
 */
@ConsumerType
public interface Pen {

    void color(int rgb);

    /** Line width in pixels. */
    void width(float pixels);

    void line(double x0, double y0, double x1, double y1);

    void fillCircle(double x, double y, double radius);

    void fillRect(double x, double y, double w, double h);

    void text(String s, double x, double y);

    /** Restricts drawing to a rectangle (one panel); {@code null} lifts it. */
    void clip(double[] xywh);
}
