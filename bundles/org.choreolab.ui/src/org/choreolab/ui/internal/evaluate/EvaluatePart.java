package org.choreolab.ui.internal.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Experiment;
import org.choreolab.core.ResultRow;
import org.choreolab.ui.internal.FollowedFormats;
import org.choreolab.ui.internal.FollowedRegistry;
import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.PersistState;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Evaluate view: the experiment's form above its results (a sash between them). The run itself
 * belongs to the application's {@link EvaluationSession}; this view starts it and follows its events.
 * The form is kept in the part's persisted state, so the view comes back as it was left.
 */
public final class EvaluatePart {

    public static final String ID = "org.choreolab.ui.part.evaluate";
    private static final String EXPERIMENT = "experiment", WEIGHTS = "weights";

    @Inject
    private EvaluationSession session;
    @Inject
    private UISynchronize ui;
    @Inject
    @Optional
    private ESelectionService selection;
    @Inject
    @Optional
    private EPartService parts;
    @Inject
    @Preference(nodePath = UiPrefs.NODE, value = UiPrefs.DEVICE)
    private String device;
    private final FollowedRegistry registry = new FollowedRegistry(() -> ui.asyncExec(this::refreshChoices));
    // Package-private for the tests in this package (which read the form and the results).
    ExperimentForm form;
    ResultsView results;
    private SashForm sash;
    private final FollowedFormats formats = new FollowedFormats();

    @PostConstruct
    public void create(Composite parent, @Optional MPart part) {
        parent.setLayout(new FillLayout());
        sash = new SashForm(parent, SWT.VERTICAL);
        form = new ExperimentForm(sash, registry::get, ui);
        results = new ResultsView(sash, this::run, session::cancel, this::export);
        results.chart.onChange(() -> results.redrawChart(session));
        results.table.onSelect(r -> {
            if (selection != null) {
                selection.setSelection(r);
            }
        });
        // Double-click a generator: its per-sequence values in the Sequences view.
        results.table.onOpen(r -> {
            if (selection != null && parts != null) {
                parts.showPart("org.choreolab.ui.part.sequences", EPartService.PartState.VISIBLE);
                selection.setSelection(r);
            }
        });
        String w = part == null ? null : part.getPersistedState().get(WEIGHTS);
        if (w != null && w.matches("\\d+,\\d+")) {
            sash.setWeights(Integer.parseInt(w.split(",")[0]), Integer.parseInt(w.split(",")[1]));
        } else {
            // First start: the form as tall as its lists need, at most half (at 1024×768 the results then keep three
            // table rows and a readable chart); the results get the rest.
            sash.addListener(SWT.Resize, e -> {
                int h = sash.getClientArea().height, f = Math.min(form.control().computeSize(sash.getClientArea().width, SWT.DEFAULT).y, h * 50 / 100);
                if (h > 0 && (part == null || part.getPersistedState().get(WEIGHTS) == null)) {
                    sash.setWeights(f, Math.max(1, h - f - sash.getSashWidth()));
                }
            });
        }
        refreshChoices();
        Experiment kept = part == null ? null : ExperimentFiles.fromJson(part.getPersistedState().get(EXPERIMENT));
        form.show(kept != null ? kept : session.experiment() != null ? session.experiment() : Experiment.defaults());
        formats.show(results.control(), results::formats);
        results.refresh(session);
    }

    @PersistState
    public void persist(MPart part) {
        part.getPersistedState().put(EXPERIMENT, ExperimentFiles.toJson(experiment()));
        int[] w = sash.getWeights();
        part.getPersistedState().put(WEIGHTS, w[0] + "," + w[1]);
    }

    /** The registry as it comes and goes; the lists follow the components installed. */
    @Inject
    @Optional
    public void registry(@Service ComponentRegistry r) {
        registry.follow(r);
    }

    private void refreshChoices() {
        if (form != null && !form.control().isDisposed()) {
            form.refresh(registry.get());
        }
    }

    @Inject
    @Optional
    public void numbers(@Preference(nodePath = UiPrefs.NODE, value = UiPrefs.DIGITS) String digits,
            @Preference(nodePath = UiPrefs.NODE, value = UiPrefs.NOTATION) String notation) {
        formats.follow(ui, digits, notation);
    }

    @Inject
    @Optional
    public void evaluation(@UIEventTopic(EvaluationSession.TOPIC_ALL) Event e) {
        if (results == null || results.control().isDisposed()) {
            return;
        }
        if (EvaluationSession.TOPIC_PROGRESS.equals(e.getTopic())) {
            results.progress((EvaluationSession.Progress) e.getProperty(IEventBroker.DATA));
        } else {
            // A run started elsewhere (a command, the self-test): the form shows what runs.
            if (EvaluationSession.TOPIC_STARTED.equals(e.getTopic()) && e.getProperty(IEventBroker.DATA) instanceof Experiment ex
                    && !ex.equals(experiment())) {
                form.show(ex);
            }
            results.refresh(session);
        }
    }

    /** Runs the form's experiment. */
    void run() {
        start(experiment());
    }

    /** Runs {@code ex} as a job (null when one is running). */
    Job start(Experiment ex) {
        Job j = session.start(ex);
        results.refresh(session);
        return j;
    }

    /** The experiment the form describes. */
    Experiment experiment() {
        return form.experiment(device);
    }

    void show(Experiment ex) {
        form.show(ex);
    }

    void openExperiment(Path file) {
        try {
            form.show(ExperimentFiles.read(file));
            ExperimentFiles.remember(file);
            results.status("Opened " + file);
        } catch (IOException e) {
            results.status(e.getMessage());
        }
    }

    void saveExperiment(Path file) {
        try {
            ExperimentFiles.write(experiment(), file);
            ExperimentFiles.remember(file);
            results.status("Saved " + file + " (run it with: choreolab evaluate --config " + file + ")");
        } catch (IOException e) {
            results.status("Cannot save " + file + ": " + e.getMessage());
        }
    }

    /** Asks for a folder and exports the last run into it, in a job. */
    void export() {
        if (session.result() != null) {
            ResultsExport.ask(sash.getShell(), session.result(), registry.get(), text -> ui.asyncExec(() -> results.status(text)));
        }
    }

    /** Writes the last run's files into {@code dir} now; returns them. */
    List<Path> exportTo(Path dir) {
        return session.result() == null ? List.of() : ResultsExport.now(session.result(), dir, registry.get(), results::status);
    }

    List<String[]> rows() {
        return results.table.texts();
    }

    void sortBy(int column, boolean descending) {
        results.table.sortBy(column, descending);
        results.redrawChart(session);
    }

    void chartGenre(String genre) {
        results.chart.genre(genre);
        results.redrawChart(session);
    }

    ResultRow resultRow(String id) {
        return session.row(id);
    }

    boolean running() {
        return session.running();
    }

    String status() {
        return results.status();
    }

    @PreDestroy
    public void dispose() {
        registry.close();
    }
}
