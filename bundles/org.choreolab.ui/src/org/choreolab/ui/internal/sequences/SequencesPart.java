package org.choreolab.ui.internal.sequences;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultRow;
import org.choreolab.ui.internal.FollowedFormats;
import org.choreolab.ui.internal.Hints;
import org.choreolab.ui.internal.UiPrefs;
import org.choreolab.ui.internal.evaluate.EvaluationSession;
import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The Sequences view (the drill-down): the per-sequence values of one generator of the Evaluate view's
 * run, a row per sequence and a column per metric value, sortable. It follows the row selected in the
 * Evaluate view; double-click a sequence (or Watch) to see it danced in the Watch view.
 */
public final class SequencesPart {

    public static final String ID = "org.choreolab.ui.part.sequences";
    static final String WATCH = "org.choreolab.ui.command.watchSequence";

    @Inject
    private EvaluationSession session;
    @Inject
    private UISynchronize ui;
    @Inject
    @Optional
    private ECommandService commands;
    @Inject
    @Optional
    private EHandlerService handlers;
    private Combo generator;
    private Label status;
    private SequenceTable table;
    private List<ResultRow> rows = List.of();
    /** The row the user (or the Evaluate view's selection) chose; null: the first generator. */
    private String chosen;
    private final FollowedFormats formats = new FollowedFormats();

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(4, false));
        new Label(parent, SWT.NONE).setText("Generator:");
        generator = new Combo(parent, SWT.READ_ONLY);
        generator.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        generator.addListener(SWT.Selection, e -> {
            chosen = shownRow() == null ? null : shownRow().id();
            showRow();
        });
        Button watch = new Button(parent, SWT.PUSH);
        watch.setText("Watch");
        Hints.below(watch, "The selected sequence in the Watch view, this generator beside the ground truth (or double-click it)");
        watch.addListener(SWT.Selection, e -> {
            if (table.selected() != null) {
                watch(table.selected());
            }
        });
        Button copy = new Button(parent, SWT.PUSH);
        copy.setText("Copy");
        Hints.below(copy, "Every sequence's values as text, to paste elsewhere");
        copy.addListener(SWT.Selection, e -> {
            ResultRow r = shownRow();
            if (r != null) {
                Clipboard c = new Clipboard(parent.getDisplay());
                c.setContents(new Object[] {SequenceRows.text(r)}, new Transfer[] {TextTransfer.getInstance()});
                c.dispose();
            }
        });
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        table = new SequenceTable(parent);
        table.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        table.onOpen(this::watch);
        formats.show(table.control(), table::formats);
        refresh();
    }

    /** The row selected in the Evaluate view. */
    @Inject
    @Optional
    public void selected(@Named(IServiceConstants.ACTIVE_SELECTION) ResultRow row) {
        if (row != null && generator != null && !generator.isDisposed()) {
            refresh();
            select(row.id());
        }
    }

    @Inject
    @Optional
    public void evaluation(@UIEventTopic(EvaluationSession.TOPIC_ALL) Event e) {
        if (generator != null && !generator.isDisposed() && !EvaluationSession.TOPIC_PROGRESS.equals(e.getTopic())) {
            refresh();
        }
    }

    @Inject
    @Optional
    public void numbers(@Preference(nodePath = UiPrefs.NODE, value = UiPrefs.DIGITS) String digits,
            @Preference(nodePath = UiPrefs.NODE, value = UiPrefs.NOTATION) String notation) {
        formats.follow(ui, digits, notation);
    }

    /** The session's rows in the generator box (reference first), keeping the one chosen (else the first generator). */
    private void refresh() {
        String was = chosen;
        rows = session.rows().stream().sorted(Comparator.comparing((ResultRow r) -> !r.isReference()).thenComparing(ResultRow::id)).toList();
        generator.setItems(rows.stream().map(r -> r.isReference() ? r.name() + " (reference)" : r.name()).toArray(String[]::new));
        int i = was == null ? -1 : rows.stream().map(ResultRow::id).toList().indexOf(was);
        generator.select(i >= 0 ? i : rows.size() > 1 ? 1 : 0);
        showRow();
    }

    /** Shows the rows of generator {@code id}. */
    void select(String id) {
        int i = rows.stream().map(ResultRow::id).toList().indexOf(id);
        if (i >= 0) {
            chosen = id;
            generator.select(i);
            showRow();
        }
    }

    private ResultRow shownRow() {
        int i = generator == null ? -1 : generator.getSelectionIndex();
        return i >= 0 && i < rows.size() ? rows.get(i) : null;
    }

    private void showRow() {
        ResultRow r = shownRow();
        ExperimentResult res = session.result();
        if (r == null) {
            status.setText(session.running() ? "The run has no rows yet." : "Run an experiment in the Evaluate view: its sequences appear here.");
            table.show(List.of(), List.of());
            return;
        }
        List<SequenceRows.Row> seqs = SequenceRows.of(r, res == null ? Map.of() : res.genres());
        long failed = seqs.stream().filter(s -> s.error() != null).count();
        status.setText(r.name() + ": " + seqs.size() + " sequences" + (failed > 0 ? ", " + failed + " failed" : "")
                + (r.error() != null ? "; " + r.error() : "") + ". Double-click a sequence to watch it.");
        table.show(SequenceRows.columns(r), seqs);
        status.getParent().layout(true);
    }

    /** The Watch view's command for a sequence: the run's dataset, this generator (none for the reference row). */
    Map<String, String> watchParameters(SequenceRows.Row row) {
        ResultRow r = shownRow();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("org.choreolab.ui.commandparameter.dataset", session.experiment() == null ? "" : session.experiment().dataset());
        p.put("org.choreolab.ui.commandparameter.sequence", row.sequence());
        p.put("org.choreolab.ui.commandparameter.generators", r == null || r.isReference() ? "" : r.id());
        return p;
    }

    void watch(SequenceRows.Row row) {
        if (commands == null || handlers == null) {
            return;
        }
        ParameterizedCommand c = commands.createCommand(WATCH, watchParameters(row));
        handlers.executeHandler(c);
    }

    /** The row of sequence {@code id} in the table, or null. */
    SequenceRows.Row row(String id) {
        ResultRow r = shownRow();
        return r == null ? null : SequenceRows.of(r, java.util.Map.of()).stream().filter(x -> x.sequence().equals(id)).findFirst().orElse(null);
    }

    List<String[]> texts() {
        return table.texts();
    }

    void sortBy(int column, boolean descending) {
        table.sortBy(column, descending);
    }

    String status() {
        return status.getText();
    }
}
