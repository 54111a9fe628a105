package org.choreolab.ui.internal.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultRow;
import org.choreolab.report.MetricLabels;
import org.choreolab.report.Table;
import org.choreolab.ui.internal.Formats;
import org.choreolab.ui.internal.Hints;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * The lower half of the Evaluate view: Run, Cancel and Export with the run's progress and status, then
 * the comparison table above its chart (a sash between them).
 */
final class ResultsView {

    private final Composite control;
    private final Button run;
    private final Button cancel;
    private final Button export;
    private final ProgressBar progress;
    private final CLabel status;
    private final SashForm sash;
    final ResultsTable table;
    final ResultsChart chart;
    private final Label notes;
    private Table model;
    private List<String> metrics = List.of();
    private String protocol = "";

    ResultsView(Composite parent, Runnable onRun, Runnable onCancel, Runnable onExport) {
        control = new Composite(parent, SWT.NONE);
        control.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(control, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        bar.setLayout(new GridLayout(5, false));
        run = Hints.button(bar, "Run", onRun, "Run the experiment as a job (Ctrl+R); the table fills in as sequences complete");
        cancel = Hints.button(bar, "Cancel", onCancel, "Stop the run; what was done is kept");
        export = Hints.button(bar, "Export...", onExport, "Write JSON, Markdown, CSV, LaTeX, HTML and a PNG chart per metric into a folder (Ctrl+E)");
        progress = new ProgressBar(bar, SWT.HORIZONTAL);
        progress.setLayoutData(new GridData(140, SWT.DEFAULT));
        status = new CLabel(bar, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        sash = new SashForm(control, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table = new ResultsTable(sash);
        chart = new ResultsChart(sash);
        sash.setWeights(55, 45);
        sash.addListener(SWT.Resize, e -> fitTable());
        notes = new Label(control, SWT.NONE);
        GridData nd = new GridData(SWT.FILL, SWT.TOP, true, false);
        nd.widthHint = 200; // as wide as the view, not as its text
        nd.exclude = true;
        notes.setLayoutData(nd);
        notes.setVisible(false);
        table.onSelect(r -> { });
    }

    Composite control() {
        return control;
    }

    SashForm sash() {
        return sash;
    }

    /** Everything from the session: rows, columns, chart, buttons, status. */
    void refresh(EvaluationSession s) {
        if (control.isDisposed()) {
            return;
        }
        Experiment ex = s.experiment();
        ExperimentResult last = s.result();
        List<ResultRow> rows = s.rows();
        List<String> ids = metricIds(ex, last, rows);
        if (!ids.equals(metrics)) {
            metrics = ids;
            table.columns(ids);
            chart.metrics(ids);
        }
        protocol = ex == null ? "" : ex.protocol();
        model = model(s, ex, rows, ids);
        table.show(rows, model);
        notes(model);
        fitTable();
        if (last != null) {
            chart.genres(new TreeSet<>(last.genres().values()));
        }
        redrawChart(s);
        run.setEnabled(!s.running());
        cancel.setEnabled(s.running());
        export.setEnabled(last != null && !s.running());
        if (!s.running()) {
            progress.setSelection(last == null ? 0 : progress.getMaximum());
        }
        status(!s.status().isEmpty() ? s.status() : s.running() ? "Running..."
                : "Run (Ctrl+R) scores the checked generators on the split; the table fills in as sequences complete.");
    }

    /** The table as tall as its rows (three at least, at most 60 %), the chart the rest: in a small window both stay readable. */
    private void fitTable() {
        int h = sash.getClientArea().height;
        if (h <= 0 || !(table.control() instanceof org.eclipse.swt.widgets.Table t)) {
            return;
        }
        int need = t.getHeaderHeight() + Math.max(3, t.getItemCount()) * t.getItemHeight() + 2 * t.getBorderWidth()
                + (t.getHorizontalBar() != null ? t.getHorizontalBar().getSize().y : 0) + 4;
        int f = Math.min(need, h * 6 / 10);
        sash.setWeights(f, Math.max(1, h - f - sash.getSashWidth()));
    }

    void redrawChart(EvaluationSession s) {
        chart.show(table.shown(), s.result(), model, protocol);
    }

    /**
     * The report's table of what is shown: the finished run's result, or, while a run goes on, the rows
     * so far (their values, intervals and flags as they arrive).
     */
    private static Table model(EvaluationSession s, Experiment ex, List<ResultRow> rows, List<String> metricIds) {
        ExperimentResult last = s.result();
        if (last != null && !s.running()) {
            return Table.of(last);
        }
        Set<String> sequences = new LinkedHashSet<>();
        rows.forEach(r -> sequences.addAll(r.sequences().keySet()));
        ExperimentResult partial = new ExperimentResult(ex != null ? ex : Experiment.defaults(), "", List.copyOf(sequences), metricIds);
        rows.forEach(partial::addRow);
        return Table.of(partial);
    }

    /**
     * The footnotes of the flags shown (⚠n degenerate, [n] a note) on one line under the table, each by its
     * mark, metric and code; their reasons and the table's legend in its tooltip (and in every marked cell's).
     */
    private void notes(Table t) {
        String text = String.join("   ", t.footnotes().stream().map(f -> f.mark() + " " + MetricLabels.name(f.metric()) + ": "
                + f.flag().code().replace('_', ' ')).toList());
        if (!text.equals(notes.getText())) {
            notes.setText(text.isEmpty() ? "" : "Flags (hover for the reasons):   " + text);
            ((GridData) notes.getLayoutData()).exclude = text.isEmpty();
            notes.setVisible(!text.isEmpty());
            control.layout(true);
        }
        notes.setToolTipText(String.join("\n", t.footnotes().stream().map(Table.Footnote::line).toList()) + "\n\n" + t.legend());
    }

    /** The metric columns: the run's, else the experiment's, else whatever the rows hold. */
    private static List<String> metricIds(Experiment ex, ExperimentResult last, List<ResultRow> rows) {
        if (last != null) {
            return last.metricIds();
        }
        if (ex != null && !ex.metrics().isEmpty()) {
            return ex.metrics();
        }
        Set<String> ids = new LinkedHashSet<>();
        rows.forEach(r -> {
            ids.addAll(r.set().keySet());
            ids.addAll(r.setErrors().keySet());
        });
        return new ArrayList<>(ids);
    }

    void progress(EvaluationSession.Progress p) {
        if (progress.isDisposed()) {
            return;
        }
        progress.setMaximum(Math.max(1, p.total()));
        progress.setSelection(Math.min(p.done(), p.total()));
        status(p.task());
    }

    void status(String text) {
        if (!status.isDisposed() && !text.equals(status.getText())) {
            status.setText(text);
            Hints.below(status, text);
        }
    }

    String status() {
        return status.getText();
    }

    void formats(Formats f) {
        table.formats(f);
    }
}
