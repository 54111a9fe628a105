package org.choreolab.ui.internal.watch;

import org.choreolab.visual.skeleton.SkeletonPainter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The stage: the scene's panels at the playhead, painted by the same {@link SkeletonPainter} as the
 * {@code render} command. Drag to orbit, the wheel to zoom; keys (with the stage focused): Space
 * play/pause, ←/→ one frame (Shift: ten), Home the start, L loop.
 */
final class Stage {

    private final Canvas canvas;
    private final Player player;
    private final SkeletonPainter painter = new SkeletonPainter();
    private final Cameras cameras = new Cameras();
    private int dragX, dragY;
    private boolean dragging;
    private Runnable loopToggled = () -> { };

    Stage(Composite parent, Player player) {
        this.player = player;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.addListener(SWT.Paint, e -> paint(e.gc));
        canvas.addListener(SWT.MouseDown, e -> {
            dragging = true;
            dragX = e.x;
            dragY = e.y;
            canvas.setFocus();
        });
        canvas.addListener(SWT.MouseUp, e -> dragging = false);
        canvas.addListener(SWT.MouseMove, e -> {
            if (dragging) {
                cameras.orbit((e.x - dragX) * 0.4, (e.y - dragY) * 0.3);
                dragX = e.x;
                dragY = e.y;
                canvas.redraw();
            }
        });
        canvas.addListener(SWT.MouseVerticalWheel, e -> {
            cameras.zoom(e.count > 0 ? 0.9 : 1.1);
            canvas.redraw();
        });
        canvas.addListener(SWT.KeyDown, e -> key(e.keyCode, e.character, (e.stateMask & SWT.SHIFT) != 0));
        // Traverse keys must reach the stage: arrows step frames here, they do not move the focus.
        canvas.addListener(SWT.Traverse, e -> e.doit = e.detail == SWT.TRAVERSE_TAB_NEXT || e.detail == SWT.TRAVERSE_TAB_PREVIOUS);
    }

    Canvas control() {
        return canvas;
    }

    Cameras cameras() {
        return cameras;
    }

    SkeletonPainter painter() {
        return painter;
    }

    void onLoopKey(Runnable r) {
        loopToggled = r;
    }

    void redraw() {
        if (!canvas.isDisposed()) {
            canvas.redraw();
        }
    }

    /** A new scene: its beats flash on the panels. */
    void scene(Scene s) {
        painter.beats(s.musicBeats(), s.fps());
        redraw();
    }

    private void paint(org.eclipse.swt.graphics.GC gc) {
        Rectangle a = canvas.getClientArea();
        SwtPen pen = new SwtPen(gc);
        Scene s = player.scene();
        if (!s.panels().isEmpty()) {
            cameras.place(s.panels(), player.time(), a.width / (double) s.panels().size(), a.height);
        }
        painter.paint(pen, s.panels(), player.time(), 0, 0, a.width, a.height);
        if (s.panels().isEmpty()) {
            pen.color(0xDCDFE4);
            pen.text(player.loading() ? "Generating…" : "Choose a sequence and generators, then Generate and watch.", 20, 30);
        }
    }

    private void key(int code, char ch, boolean shift) {
        if (ch == ' ') {
            player.toggle();
        } else if (code == SWT.ARROW_RIGHT) {
            player.step(shift ? 10 : 1);
        } else if (code == SWT.ARROW_LEFT) {
            player.step(shift ? -10 : -1);
        } else if (code == SWT.HOME) {
            player.seek(0);
        } else if (ch == 'l' || ch == 'L') {
            player.loop(!player.loop());
            loopToggled.run();
        }
    }
}
