package org.choreolab.ui.internal.watch;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.ui.internal.FollowedRegistry;
import org.choreolab.core.Experiment;
import org.choreolab.core.GenerationService;
import org.choreolab.ui.internal.Hints;
import org.choreolab.ui.internal.UiPrefs;
import org.choreolab.ui.internal.evaluate.EvaluationSession;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.PersistState;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Watch view: the ground truth and up to three generators (or output folders) dancing to the same music, side by
 * side and in sync, with the music playing; a timeline of music and motion beats to scrub; the camera
 * follows each dancer or frames the whole dance. Its playback ({@link Player}) is in the part's context.
 * The choices are kept in the part's persisted state.
 */
public final class WatchPart {

    public static final String ID = "org.choreolab.ui.part.watch";

    @Inject
    @Optional
    @Service
    private GenerationService generation;
    @Inject
    private UISynchronize ui;
    @Inject
    private IEclipseContext context;
    @Inject
    @Preference(nodePath = UiPrefs.NODE, value = UiPrefs.DEVICE)
    private String device;
    private final FollowedRegistry registry = new FollowedRegistry(() -> ui.asyncExec(this::refreshGenerators));
    // Package-private for the tests in this package (which drive the player and read the form).
    Player player;
    WatchForm form;
    private Stage stage;
    Timeline timeline;
    Transport transport;
    private volatile Job job;
    private boolean pending;

    @PostConstruct
    public void create(Composite parent, @Optional MPart part) {
        parent.setLayout(new FillLayout());
        player = new Player(parent.getDisplay());
        context.set(Player.class, player);
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        form = new WatchForm(sash, registry::get, ui);
        Composite main = new Composite(sash, SWT.NONE);
        sash.setWeights(26, 74);
        // The form as wide as it needs (at most 45 %): a fixed share squeezed its buttons at 1024 pixels.
        sash.addListener(SWT.Resize, e -> {
            int w = sash.getClientArea().width, f = Math.min(form.control().computeSize(SWT.DEFAULT, SWT.DEFAULT).x, w * 9 / 20);
            if (w > 0) {
                sash.setWeights(f, Math.max(1, w - f - sash.getSashWidth()));
            }
        });
        stage = new Stage(main, player);
        timeline = new Timeline(main, player);
        transport = new Transport(main, player, stage, timeline);
        form.generate.addListener(SWT.Selection, e -> load());
        form.cancel.addListener(SWT.Selection, e -> cancel());
        form.export.addListener(SWT.Selection, e -> export());
        player.onChange(() -> {
            stage.redraw();
            timeline.redraw();
            transport.update();
        });
        player.onProblem(p -> form.status(form.status() + " (" + p + ")"));
        transport.defaults(UiPrefs.get(UiPrefs.WATCH_LOOP), UiPrefs.get(UiPrefs.WATCH_SPEED), UiPrefs.get(UiPrefs.WATCH_CAMERA));
        refreshGenerators();
        EvaluationSession session = context.get(EvaluationSession.class);
        started(session == null ? null : session.experiment());
        form.dataset.onRead(info -> {
            if (pending) {
                pending = false;
                load();
            }
        });
        WatchState.restore(form, part);
        Hints.below(stage.control(), "Drag to orbit, wheel to zoom; Space play/pause, ←/→ a frame (Shift: ten), Home the start, L loop");
    }

    @PersistState
    public void persist(MPart part) {
        WatchState.persist(form, part);
    }

    @Inject
    @Optional
    public void registry(@Service ComponentRegistry r) {
        registry.follow(r);
    }

    /** The output folders of the experiment started in the Evaluate view (or read back) join the choices. */
    @Inject
    @Optional
    void started(@UIEventTopic(EvaluationSession.TOPIC_STARTED) Experiment ex) {
        if (ex != null && form != null && !form.control().isDisposed()) {
            form.addOutputs(ex.outputs());
        }
    }

    private void refreshGenerators() {
        ComponentRegistry r = registry.get();
        if (form != null && !form.control().isDisposed()) {
            List<String> ticked = form.chosen();
            form.generators(r == null ? List.<MotionGenerator>of() : r.services(MotionGenerator.class), ticked);
            if (r == null) {
                form.status("The platform's services are not up yet.");
            }
        }
    }

    /**
     * Opens {@code sequence} of {@code dataset} (null: the first) with {@code generators} beside the ground
     * truth and generates it (the drill-down's link); when the dataset is still being read, generation
     * starts once it is.
     */
    Job watch(String dataset, String sequence, List<String> generators, double seconds) {
        form.dataset.select(dataset);
        choose(sequence, generators, seconds);
        Job j = load();
        pending = j == null && job == null && form.dataset.reading();
        return j;
    }

    void choose(String sequenceId, List<String> generatorIds, double seconds) {
        form.sequence(sequenceId);
        form.tick(generatorIds);
        form.seconds(seconds);
    }

    /** Generates the chosen clips in a job and shows them; null when busy or nothing is chosen. */
    Job load() {
        ComponentRegistry r = registry.get();
        String seq = form.sequence();
        if (r == null || seq.isEmpty() || job != null) {
            return null;
        }
        WatchRequest req = new WatchRequest(form.dataset.location(), seq, form.generatorIds(), form.outputs(), form.seconds(), device);
        player.pause();
        player.loading(true);
        form.busy(true);
        form.status("Preparing " + (req.generators().size() + req.outputs().size()) + " clip(s) for " + seq + "…");
        stage.redraw();
        ClipLoader j = new ClipLoader(r, generation, req, scene -> ui.asyncExec(() -> shown(scene)),
                message -> ui.asyncExec(() -> form.status(message)), text -> ui.asyncExec(() -> form.status(text)));
        j.addJobChangeListener(IJobChangeListener.onDone(e -> {
            player.loading(false);
            job = null;
            ui.asyncExec(() -> {
                form.busy(false);
                stage.redraw();
            });
        }));
        job = j;
        j.schedule();
        return j;
    }

    void cancel() {
        Job j = job;
        if (j != null) {
            j.cancel();
            form.status("Cancelling…");
        }
    }

    private void shown(Scene scene) {
        if (form.control().isDisposed()) {
            return;
        }
        player.show(scene);
        stage.scene(scene);
        form.status(scene.panels().size() + " clip(s), " + String.format(Locale.ROOT, "%.1f s", scene.duration())
                + (scene.errors().isEmpty() ? "" : "; failed: " + String.join("; ", scene.errors())));
        stage.control().setFocus();
    }

    private void export() {
        if (player.scene().panels().isEmpty()) {
            form.status("Nothing to export yet: generate and watch first.");
            return;
        }
        Path file = WatchExport.ask(stage.control().getShell(), player.scene());
        if (file != null) {
            exportTo(file);
        }
    }

    /** Writes what the view shows (GIF, MP4 with ffmpeg, or a PNG of the current instant) in a job. */
    Job exportTo(Path file) {
        return WatchExport.export(player.scene(), player.time(), stage.cameras(), file, msg -> ui.asyncExec(() -> form.status(msg)));
    }

    String status() {
        return form.status();
    }

    boolean loading() {
        return job != null;
    }

    @PreDestroy
    public void dispose() {
        registry.close();
        Job j = job;
        if (j != null) {
            j.cancel();
        }
        player.dispose();
    }
}
