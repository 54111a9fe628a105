package org.choreolab.ui.internal.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Display;

/**
 * The Watch view's playback: the scene shown, the playhead, play and pause, loop and speed, with the
 * music following the playhead. It lives in the Watch part's context (the view's model); the stage and
 * the timeline redraw when it changes.
 */
public final class Player {

    private final Display display;
    private final AudioTrack audio = new AudioTrack();
    private final List<Runnable> listeners = new ArrayList<>();
    private Consumer<String> problems = p -> { };
    private Scene scene = Scene.EMPTY;
    private double time;
    private boolean playing;
    private boolean loop = true;
    private double speed = 1;
    private long lastTick;
    private volatile boolean loading;

    Player(Display display) {
        this.display = display;
    }

    void onChange(Runnable r) {
        listeners.add(r);
    }

    void onProblem(Consumer<String> p) {
        problems = p;
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    public Scene scene() {
        return scene;
    }

    void show(Scene s) {
        pause();
        scene = s;
        time = 0;
        audio.load(s.music());
        changed();
    }

    /** True while the view prepares a scene (reading, generating). */
    public boolean loading() {
        return loading;
    }

    void loading(boolean on) {
        loading = on;
    }

    public double time() {
        return time;
    }

    public boolean playing() {
        return playing;
    }

    boolean loop() {
        return loop;
    }

    void loop(boolean on) {
        loop = on;
        changed();
    }

    double speed() {
        return speed;
    }

    void speed(double s) {
        speed = s;
        if (playing) {
            restartAudio();
        }
    }

    public void toggle() {
        if (playing) {
            pause();
        } else if (!scene.panels().isEmpty()) {
            if (time >= scene.duration()) {
                time = 0;
            }
            playing = true;
            lastTick = System.nanoTime();
            restartAudio();
            changed();
            tick();
        }
    }

    void pause() {
        playing = false;
        audio.stop();
        changed();
    }

    /** Moves the playhead; the music follows. */
    void seek(double seconds) {
        time = Math.max(0, Math.min(scene.duration(), seconds));
        if (playing) {
            restartAudio();
        }
        changed();
    }

    /** Steps whole frames of the ground truth (pausing). */
    void step(int frames) {
        pause();
        seek(Math.round(time * scene.fps() + frames) / scene.fps());
    }

    private void tick() {
        if (!playing || display.isDisposed()) {
            return;
        }
        long now = System.nanoTime();
        time += (now - lastTick) / 1e9 * speed;
        lastTick = now;
        if (time >= scene.duration()) {
            if (loop) {
                time = 0;
                restartAudio();
            } else {
                time = scene.duration();
                pause();
                return;
            }
        }
        changed();
        display.timerExec(33, this::tick);
    }

    private void restartAudio() {
        audio.stop();
        if (playing && speed == 1) {
            String p = audio.play(time);
            if (p != null) {
                problems.accept(p);
            }
        }
    }

    void dispose() {
        playing = false;
        audio.close();
    }
}
