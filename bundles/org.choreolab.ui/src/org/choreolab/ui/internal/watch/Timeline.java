package org.choreolab.ui.internal.watch;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The timeline under the stage: music beats (red, upper band) and the ground truth's motion beats
 * (blue, lower band, as FACT's Beat Align finds them), a legend saying which is which, seconds along the
 * bottom, and the playhead. Click or drag to scrub.
 */
final class Timeline {

    static final int MUSIC = 0xE06C75, MOTION = 0x61AFEF;
    private static final int BAND = 14, LABELS = 18;

    private final Canvas canvas;
    private final Player player;

    Timeline(Composite parent, Player player) {
        this.player = player;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addListener(SWT.Paint, e -> paint(new SwtPen(e.gc), canvas.getClientArea()));
        canvas.addListener(SWT.MouseDown, e -> scrub(e.x));
        canvas.addListener(SWT.MouseMove, e -> {
            if ((e.stateMask & SWT.BUTTON1) != 0) {
                scrub(e.x);
            }
        });
    }

    Canvas control() {
        return canvas;
    }

    /** The height it needs: two bands and a row of labels. */
    static int height() {
        return 2 * BAND + LABELS + 6;
    }

    void redraw() {
        if (!canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    private void scrub(int x) {
        Rectangle a = canvas.getClientArea();
        double d = player.scene().duration();
        player.seek(Math.max(0, Math.min(d, d * x / Math.max(1, a.width))));
    }

    private void paint(SwtPen pen, Rectangle a) {
        pen.color(0x282C34);
        pen.fillRect(0, 0, a.width, a.height);
        Scene s = player.scene();
        double d = s.duration();
        int top = 2, mid = top + BAND, bottom = mid + BAND;
        pen.width(1);
        pen.color(0x3A3F4B);
        pen.line(0, mid, a.width, mid);
        pen.line(0, bottom, a.width, bottom);
        if (d > 0) {
            pen.color(MUSIC);
            for (int b : s.musicBeats()) {
                double x = a.width * b / s.fps() / d;
                pen.line(x, top + 1, x, mid - 1);
            }
            pen.color(MOTION);
            for (int b : s.motionBeats()) {
                double x = a.width * b / s.fps() / d;
                pen.line(x, mid + 1, x, bottom - 1);
            }
            pen.color(0x9DA5B4);
            double step = d > 40 ? 10 : d > 12 ? 2 : d > 4 ? 1 : 0.5;
            for (double t = 0; t <= d + 1e-9; t += step) {
                double x = a.width * t / d;
                pen.line(x, bottom, x, bottom + 3);
                pen.text((step < 1 ? String.format(java.util.Locale.ROOT, "%.1f", t) : Integer.toString((int) Math.round(t))) + " s",
                        Math.min(a.width - 30, x + 2), bottom + LABELS - 3);
            }
        }
        legend(pen, a, bottom);
        if (d > 0) {
            pen.color(0xFFFFFF);
            pen.width(2);
            double x = a.width * player.time() / d;
            pen.line(x, 0, x, bottom);
        }
    }

    /** "■ music beats  ■ motion beats (ground truth)" at the right end of the label row. */
    private static void legend(SwtPen pen, Rectangle a, int bottom) {
        String m = "music beats", g = "motion beats (ground truth)";
        double x = a.width - pen.textWidth(m) - pen.textWidth(g) - 48, y = bottom + LABELS - 3;
        pen.color(0x282C34);
        pen.fillRect(x - 6, bottom + 1, a.width - x + 6, LABELS + 4);
        pen.color(MUSIC);
        pen.fillRect(x, y - 9, 9, 9);
        pen.color(0xDCDFE4);
        pen.text(m, x + 13, y);
        x += 13 + pen.textWidth(m) + 14;
        pen.color(MOTION);
        pen.fillRect(x, y - 9, 9, 9);
        pen.color(0xDCDFE4);
        pen.text(g, x + 13, y);
    }
}
