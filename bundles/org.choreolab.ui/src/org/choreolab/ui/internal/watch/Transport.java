package org.choreolab.ui.internal.watch;

import org.choreolab.ui.internal.Hints;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;

/** Lays out the stage, the timeline and the transport row (play, step, loop, speed, camera) under them. */
final class Transport {

    private static final double[] SPEEDS = {0.25, 0.5, 1, 2};

    private final Player player;
    private final Button play;
    private final Button loop;
    private final Combo speed;
    private final Combo camera;
    private final Stage stageRef;

    Transport(Composite main, Player player, Stage stage, Timeline timeline) {
        this.player = player;
        this.stageRef = stage;
        main.setLayout(new GridLayout(1, false));
        stage.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        GridData tl = new GridData(SWT.FILL, SWT.CENTER, true, false);
        tl.heightHint = Timeline.height();
        timeline.control().setLayoutData(tl);
        // A row that wraps: at any width every control stays in the view.
        Composite row = new Composite(main, SWT.NONE);
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        RowLayout rl = new RowLayout(SWT.HORIZONTAL);
        rl.wrap = true;
        rl.center = true;
        rl.marginLeft = 0;
        rl.marginTop = 0;
        rl.marginBottom = 0;
        row.setLayout(rl);
        play = Hints.button(row, "Play", player::toggle, "Play or pause (Space on the stage)");
        Hints.button(row, "|◀", () -> player.seek(0), "To the start (Home)");
        Hints.button(row, "◀ frame", () -> player.step(-1), "One frame back (←; Shift+← ten)");
        Hints.button(row, "frame ▶", () -> player.step(1), "One frame on (→; Shift+→ ten)");
        loop = new Button(row, SWT.CHECK);
        loop.setText("Loop");
        loop.addListener(SWT.Selection, e -> player.loop(loop.getSelection()));
        speed = new Combo(row, SWT.READ_ONLY);
        speed.setItems("0.25×", "0.5×", "1×", "2×");
        speed.select(2);
        speed.addListener(SWT.Selection, e -> player.speed(SPEEDS[speed.getSelectionIndex()]));
        Hints.below(speed, "Playback speed; the music plays at 1× only");
        camera = new Combo(row, SWT.READ_ONLY);
        camera.setItems("follow each dancer", "frame the whole dance");
        camera.select(0);
        camera.addListener(SWT.Selection, e -> {
            stage.cameras().mode(camera.getSelectionIndex() == 1 ? Cameras.Mode.FRAME : Cameras.Mode.FOLLOW);
            stage.redraw();
        });
        Hints.below(camera, "Follow: each panel keeps its dancer in the middle (the floor grid shows the travel). Frame: the whole dance in view from one place");
        stage.onLoopKey(this::update);
    }

    /** The preferences' defaults: loop, speed, camera. */
    void defaults(String loopOn, String speedValue, String cameraMode) {
        player.loop(!"false".equalsIgnoreCase(loopOn));
        double s;
        try {
            s = Double.parseDouble(speedValue);
        } catch (NumberFormatException e) {
            s = 1;
        }
        for (int i = 0; i < SPEEDS.length; i++) {
            if (SPEEDS[i] == s) {
                speed.select(i);
                player.speed(s);
            }
        }
        Cameras.Mode m = Cameras.Mode.of(cameraMode);
        camera.select(m == Cameras.Mode.FRAME ? 1 : 0);
        stageRef.cameras().mode(m);
        update();
    }

    /** Play/Pause and Loop as the player is. */
    void update() {
        if (!play.isDisposed()) {
            String t = player.playing() ? "Pause" : "Play";
            if (!t.equals(play.getText())) {
                play.setText(t);
                play.getParent().layout(true);
            }
            loop.setSelection(player.loop());
        }
    }
}
