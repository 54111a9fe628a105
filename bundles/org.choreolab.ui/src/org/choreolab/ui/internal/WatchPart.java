package org.choreolab.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Datasets;
import org.choreolab.core.GenerationOptions;
import org.choreolab.core.GenerationService;
import org.choreolab.metrics.BeatAlign;
import org.choreolab.metrics.Joints;
import org.choreolab.visual.skeleton.Animations;
import org.choreolab.visual.skeleton.Camera;
import org.choreolab.visual.skeleton.SkeletonPainter;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The Watch view: the ground truth and up to three generators dancing to the same music, side by
 * side and in sync, with the music playing; a timeline of music beats (red) and the ground truth's
 * motion beats (blue) to scrub; orbit by dragging, zoom with the wheel. Keys: Space play/pause,
 * ←/→ one frame (Shift: ten), Home to the start, L loop. Clips are generated in a job.
 */
public final class WatchPart {

    private static final int MAX_GENERATORS = 3;

    private ServiceTracker<ComponentRegistry, ComponentRegistry> registry;
    private ServiceTracker<GenerationService, GenerationService> generation;
    private Combo sequenceCombo;
    private Table generatorTable;
    private Canvas stage;
    private Canvas timeline;
    private Button play;
    private Button loop;
    private Combo speed;
    private Combo length;
    private Label status;
    private final SkeletonPainter painter = new SkeletonPainter();
    private final List<SkeletonPainter.Panel> panels = new ArrayList<>();
    private int[] musicBeats = new int[0];
    private int[] motionBeats = new int[0];
    private double fps = 60;
    private double duration;
    private double time;
    private boolean playing;
    private long lastTick;
    private Clip audio;
    private Path music;
    private int dragX, dragY;
    private boolean dragging;
    private volatile Job job;

    @PostConstruct
    public void create(Composite parent) {
        registry = new ServiceTracker<>(FrameworkUtil.getBundle(WatchPart.class).getBundleContext(), ComponentRegistry.class, null);
        registry.open();
        generation = new ServiceTracker<>(FrameworkUtil.getBundle(WatchPart.class).getBundleContext(), GenerationService.class, null);
        generation.open();
        parent.setLayout(new GridLayout(2, false));

        Composite side = new Composite(parent, SWT.NONE);
        side.setLayout(new GridLayout(1, false));
        side.setLayoutData(new GridData(SWT.FILL, SWT.FILL, false, true));
        new Label(side, SWT.NONE).setText("Sequence (embedded sample, test split):");
        sequenceCombo = new Combo(side, SWT.READ_ONLY);
        sequenceCombo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(side, SWT.NONE).setText("Beside the ground truth (up to 3):");
        generatorTable = new Table(side, SWT.CHECK | SWT.BORDER);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.widthHint = 220;
        generatorTable.setLayoutData(gd);
        new Label(side, SWT.NONE).setText("Length:");
        length = new Combo(side, SWT.READ_ONLY);
        length.setItems("first 5 s", "first 10 s", "whole sequence");
        length.select(2);
        length.setToolTipText("Autoregressive models take a while on a CPU: a shorter clip is ready sooner");
        Button load = new Button(side, SWT.PUSH);
        load.setText("Generate and watch");
        load.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        load.addListener(SWT.Selection, e -> load());
        Button export = new Button(side, SWT.PUSH);
        export.setText("Export GIF / MP4...");
        export.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        export.addListener(SWT.Selection, e -> export());
        status = new Label(side, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        Composite main = new Composite(parent, SWT.NONE);
        main.setLayout(new GridLayout(6, false));
        main.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        stage = new Canvas(main, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        stage.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 6, 1));
        stage.addListener(SWT.Paint, e -> paintStage(e.gc));
        stage.addListener(SWT.MouseDown, e -> {
            dragging = true;
            dragX = e.x;
            dragY = e.y;
            stage.setFocus();
        });
        stage.addListener(SWT.MouseUp, e -> dragging = false);
        stage.addListener(SWT.MouseMove, e -> {
            if (dragging) {
                orbit(e.x - dragX, e.y - dragY);
                dragX = e.x;
                dragY = e.y;
            }
        });
        stage.addListener(SWT.MouseVerticalWheel, e -> zoom(e.count > 0 ? 0.9 : 1.1));
        stage.addListener(SWT.KeyDown, e -> key(e.keyCode, e.character, (e.stateMask & SWT.SHIFT) != 0));
        timeline = new Canvas(main, SWT.DOUBLE_BUFFERED);
        GridData tl = new GridData(SWT.FILL, SWT.CENTER, true, false, 6, 1);
        tl.heightHint = 36;
        timeline.setLayoutData(tl);
        timeline.addListener(SWT.Paint, e -> paintTimeline(e.gc));
        timeline.addListener(SWT.MouseDown, e -> scrub(e.x));
        timeline.addListener(SWT.MouseMove, e -> {
            if ((e.stateMask & SWT.BUTTON1) != 0) {
                scrub(e.x);
            }
        });
        play = button(main, "Play", this::togglePlay);
        button(main, "|◀", () -> seek(0));
        button(main, "◀ frame", () -> step(-1));
        button(main, "frame ▶", () -> step(1));
        loop = new Button(main, SWT.CHECK);
        loop.setText("Loop");
        loop.setSelection(true);
        speed = new Combo(main, SWT.READ_ONLY);
        speed.setItems("0.25×", "0.5×", "1×", "2×");
        speed.select(2);
        speed.addListener(SWT.Selection, e -> restartAudio());
        fillChoices();
    }

    private static Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private void fillChoices() {
        ComponentRegistry r = registry.getService();
        if (r == null) {
            status.setText("The platform's services are not up yet.");
            return;
        }
        try (Dataset d = Datasets.open(r, "", false)) {
            for (Sequence s : d.split("test")) {
                sequenceCombo.add(s.id());
            }
        } catch (IOException | RuntimeException e) {
            status.setText("Cannot open the embedded sample: " + e.getMessage());
        }
        if (sequenceCombo.getItemCount() > 0) {
            sequenceCombo.select(0);
        }
        for (MotionGenerator g : r.services(MotionGenerator.class)) {
            TableItem it = new TableItem(generatorTable, SWT.NONE);
            it.setText(g.name());
            it.setData(g.id());
            it.setChecked(java.util.Arrays.asList(Preferences.watchGenerators().split("\\s*,\\s*")).contains(g.id()));
        }
    }

    /** The generators ticked, at most three. */
    List<String> chosenGenerators() {
        List<String> ids = new ArrayList<>();
        for (TableItem it : generatorTable.getItems()) {
            if (it.getChecked() && ids.size() < MAX_GENERATORS) {
                ids.add((String) it.getData());
            }
        }
        return ids;
    }

    /** Picks a sequence, generators and a length in seconds (0: whole), for tests and the self-test. */
    public void choose(String sequenceId, List<String> generatorIds, double seconds) {
        choose(sequenceId, generatorIds);
        length.select(seconds <= 0 ? 2 : seconds <= 5 ? 0 : 1);
    }

    /** Picks a sequence and generators (for tests and the self-test). */
    public void choose(String sequenceId, List<String> generatorIds) {
        int i = sequenceId == null ? 0 : sequenceCombo.indexOf(sequenceId);
        if (i >= 0) {
            sequenceCombo.select(i);
        }
        for (TableItem it : generatorTable.getItems()) {
            it.setChecked(generatorIds.contains(it.getData()));
        }
    }

    /** Generates the chosen clips in a job and shows them; returns the job (null when busy). */
    public Job load() {
        ComponentRegistry r = registry.getService();
        String seq = sequenceCombo.getText();
        if (r == null || seq.isEmpty() || job != null) {
            return null;
        }
        List<String> ids = chosenGenerators();
        String device = Preferences.device();
        double seconds = switch (length.getSelectionIndex()) {
            case 0 -> 5;
            case 1 -> 10;
            default -> Double.POSITIVE_INFINITY;
        };
        pause();
        Display display = stage.getDisplay();
        status.setText("Generating " + ids.size() + " clip(s) for " + seq + "...");
        Job j = new Job("Watch: " + seq) {
            @Override
            protected IStatus run(IProgressMonitor m) {
                m.beginTask("Preparing " + seq, 1 + ids.size());
                List<SkeletonPainter.Panel> made = new ArrayList<>();
                List<String> errors = new ArrayList<>();
                try (Dataset d = Datasets.open(r, "", false)) {
                    Sequence s = d.sequence(seq).orElseThrow(() -> new IOException(seq + " is not in the sample"));
                    MotionClip whole = d.motion(s);
                    MotionClip truth = seconds >= whole.durationSeconds() ? whole
                            : whole.slice(0, (int) Math.round(seconds * whole.fps()));
                    made.add(new SkeletonPainter.Panel(truth, "Ground truth", SkeletonPainter.color(0), SkeletonPainter.cameraFor(truth)));
                    int[] beats = d.musicBeats(s, truth.fps()).orElse(new int[0]);
                    int[] mBeats = motionBeats(truth, beats);
                    Path wav = d.music(s).orElse(null);
                    m.worked(1);
                    for (String id : ids) {
                        if (m.isCanceled()) {
                            return Status.CANCEL_STATUS;
                        }
                        m.subTask(id);
                        try {
                            MotionGenerator g = r.find(MotionGenerator.class, id).orElseThrow(() -> new IOException(id + " is gone"));
                            GenerationService gs = generation.getService();
                            if (gs == null) {
                                throw new IOException("the core runtime's generation service is not running");
                            }
                            MotionClip c = gs.generate(g, d, s, GenerationOptions.DEFAULT.withFrames(truth.frameCount()).withDevice(device),
                                    new ProgressMonitor() {
                                        @Override public void begin(String task, int totalWork) { }
                                        @Override public void worked(int units) { }
                                        @Override public void subTask(String text) { m.subTask(text); }
                                        @Override public boolean isCanceled() { return m.isCanceled(); }
                                    });
                            made.add(new SkeletonPainter.Panel(c, g.name(), SkeletonPainter.color(made.size()), SkeletonPainter.cameraFor(truth)));
                        } catch (Exception | LinkageError e) {
                            // One failing generator is reported; the others are still shown.
                            errors.add(id + ": " + (e instanceof org.choreolab.core.GenerationException ge ? ge.reason() : e.getMessage()));
                        }
                        m.worked(1);
                    }
                    display.asyncExec(() -> show(made, beats, mBeats, truth.fps(), wav, errors));
                    return Status.OK_STATUS;
                } catch (IOException | RuntimeException e) {
                    display.asyncExec(() -> {
                        if (!status.isDisposed()) {
                            status.setText("Cannot load " + seq + ": " + e.getMessage());
                        }
                    });
                    return Status.OK_STATUS;
                } finally {
                    job = null;
                }
            }
        };
        job = j;
        j.setUser(true);
        j.schedule();
        return j;
    }

    /** The ground truth's motion beats as FACT's protocol finds them; none for clips it cannot read (not SMPL). */
    private static int[] motionBeats(MotionClip truth, int[] beats) {
        try {
            return BeatAlign.fact(Joints.of(truth), beats).motionBeats();
        } catch (RuntimeException e) {
            return new int[0];
        }
    }

    private void show(List<SkeletonPainter.Panel> made, int[] beats, int[] mBeats, double fps, Path wav, List<String> errors) {
        if (stage.isDisposed()) {
            return;
        }
        panels.clear();
        panels.addAll(made);
        // every panel orbits together: share the first camera's angles
        musicBeats = beats;
        motionBeats = mBeats;
        this.fps = fps;
        painter.beats(beats, fps);
        duration = SkeletonPainter.seconds(panels);
        time = 0;
        music = wav;
        closeAudio();
        status.setText(panels.size() + " clip(s), " + String.format(Locale.ROOT, "%.1f s", duration)
                + (errors.isEmpty() ? "" : "; failed: " + String.join("; ", errors)));
        stage.redraw();
        timeline.redraw();
        stage.setFocus();
    }

    /** The clips shown (ground truth first). */
    public List<String> titles() {
        return panels.stream().map(SkeletonPainter.Panel::title).toList();
    }

    /** The status line (what was loaded, or why not). */
    public String status() {
        return status.getText();
    }

    /** True while clips are being generated. */
    public boolean loading() {
        return job != null;
    }

    public void setLoop(boolean on) {
        loop.setSelection(on);
    }

    public double time() {
        return time;
    }

    public boolean isPlaying() {
        return playing;
    }

    private void paintStage(GC gc) {
        Rectangle a = stage.getClientArea();
        SwtPen pen = new SwtPen(gc);
        painter.paint(pen, panels, time, 0, 0, a.width, a.height);
        if (panels.isEmpty()) {
            pen.color(0xDCDFE4);
            pen.text("Choose a sequence and generators, then Generate and watch.", 20, 30);
        }
    }

    private void paintTimeline(GC gc) {
        Rectangle a = timeline.getClientArea();
        SwtPen pen = new SwtPen(gc);
        pen.color(0x282C34);
        pen.fillRect(0, 0, a.width, a.height);
        if (duration <= 0) {
            return;
        }
        pen.width(1);
        pen.color(0xE06C75);
        for (int b : musicBeats) {
            double x = a.width * b / fps / duration;
            pen.line(x, 2, x, a.height / 2.0);
        }
        pen.color(0x61AFEF);
        for (int b : motionBeats) {
            double x = a.width * b / fps / duration;
            pen.line(x, a.height / 2.0, x, a.height - 2);
        }
        pen.color(0xFFFFFF);
        pen.width(2);
        double x = a.width * time / duration;
        pen.line(x, 0, x, a.height);
    }

    private void scrub(int x) {
        Rectangle a = timeline.getClientArea();
        seek(Math.max(0, Math.min(duration, duration * x / Math.max(1, a.width))));
    }

    /** Moves the playhead; the music follows. */
    public void seek(double seconds) {
        time = Math.max(0, Math.min(duration, seconds));
        if (playing) {
            restartAudio();
        }
        stage.redraw();
        timeline.redraw();
    }

    /** Steps whole frames of the ground truth. */
    public void step(int frames) {
        pause();
        seek(Math.round(time * fps + frames) / fps);
    }

    public void togglePlay() {
        if (playing) {
            pause();
        } else if (!panels.isEmpty()) {
            if (time >= duration) {
                time = 0;
            }
            playing = true;
            play.setText("Pause");
            lastTick = System.nanoTime();
            restartAudio();
            tick();
        }
    }

    private void pause() {
        playing = false;
        if (play != null && !play.isDisposed()) {
            play.setText("Play");
        }
        if (audio != null) {
            audio.stop();
        }
    }

    private double speed() {
        return switch (speed.getSelectionIndex()) {
            case 0 -> 0.25;
            case 1 -> 0.5;
            case 3 -> 2;
            default -> 1;
        };
    }

    private void tick() {
        if (!playing || stage.isDisposed()) {
            return;
        }
        long now = System.nanoTime();
        time += (now - lastTick) / 1e9 * speed();
        lastTick = now;
        if (time >= duration) {
            if (loop.getSelection()) {
                time = 0;
                restartAudio();
            } else {
                time = duration;
                pause();
            }
        }
        stage.redraw();
        timeline.redraw();
        stage.getDisplay().timerExec(33, this::tick);
    }

    /** Plays the music from the playhead at normal speed; other speeds play silently. */
    private void restartAudio() {
        if (audio != null) {
            audio.stop();
        }
        if (!playing || music == null || speed() != 1) {
            return;
        }
        try {
            if (audio == null) {
                try (AudioInputStream in = AudioSystem.getAudioInputStream(music.toFile())) {
                    Clip c = AudioSystem.getClip();
                    c.open(in);
                    audio = c;
                }
            }
            audio.setMicrosecondPosition((long) (time * 1e6));
            audio.start();
        } catch (Exception | LinkageError e) {
            // No sound device (a server, Xvfb): the dance plays on without music.
            music = null;
            status.setText(status.getText() + " (no sound: " + e.getMessage() + ")");
        }
    }

    private void closeAudio() {
        if (audio != null) {
            audio.close();
            audio = null;
        }
    }

    private void orbit(int dx, int dy) {
        for (SkeletonPainter.Panel p : panels) {
            Camera c = p.camera();
            c.orbit(c.yawDegrees() - dx * 0.4, c.pitchDegrees() + dy * 0.3);
        }
        stage.redraw();
    }

    private void zoom(double factor) {
        for (SkeletonPainter.Panel p : panels) {
            p.camera().distance(p.camera().distance() * factor);
        }
        stage.redraw();
    }

    private void key(int code, char ch, boolean shift) {
        if (ch == ' ') {
            togglePlay();
        } else if (code == SWT.ARROW_RIGHT) {
            step(shift ? 10 : 1);
        } else if (code == SWT.ARROW_LEFT) {
            step(shift ? -10 : -1);
        } else if (code == SWT.HOME) {
            seek(0);
        } else if (ch == 'l' || ch == 'L') {
            loop.setSelection(!loop.getSelection());
        }
    }

    private void export() {
        if (panels.isEmpty()) {
            status.setText("Nothing to export yet: generate and watch first.");
            return;
        }
        FileDialog fd = new FileDialog(stage.getShell(), SWT.SAVE);
        fd.setFilterExtensions(new String[] {"*.gif", "*.mp4", "*.png"});
        fd.setFileName(sequenceCombo.getText() + ".gif");
        String file = fd.open();
        if (file != null) {
            exportTo(Path.of(file));
        }
    }

    /** Writes what the view shows (GIF, MP4 with ffmpeg, or a PNG of the current instant) in a job. */
    public Job exportTo(Path file) {
        List<SkeletonPainter.Panel> now = List.copyOf(panels);
        double at = time, length = duration;
        Display display = stage.getDisplay();
        Job j = new Job("Exporting " + file.getFileName()) {
            @Override
            protected IStatus run(IProgressMonitor m) {
                String msg;
                try {
                    int w = 360 * now.size(), h = 400;
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (name.endsWith(".png")) {
                        Animations.png(painter, now, at, w, h, file);
                    } else if (name.endsWith(".mp4")) {
                        Animations.mp4(painter, now, 0, length, 30, w, h, file);
                    } else {
                        Animations.gif(painter, now, 0, length, 20, w, h, file);
                    }
                    msg = "Exported " + file;
                } catch (IOException | RuntimeException e) {
                    msg = "Export failed: " + e.getMessage();
                }
                String text = msg;
                display.asyncExec(() -> {
                    if (!status.isDisposed()) {
                        status.setText(text);
                    }
                });
                return Status.OK_STATUS;
            }
        };
        j.setUser(true);
        j.schedule();
        return j;
    }

    @PreDestroy
    public void dispose() {
        playing = false;
        closeAudio();
        if (job != null) {
            job.cancel();
        }
        registry.close();
        generation.close();
    }
}
