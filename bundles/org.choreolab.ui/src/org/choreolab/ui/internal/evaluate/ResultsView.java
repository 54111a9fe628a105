package org.choreolab.ui.internal.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultRow;
import org.choreolab.ui.internal.Formats;
import org.choreolab.ui.internal.Hints;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
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
    private List<String> metrics = List.of();
    private String protocol = "";

    ResultsView(Composite parent, Runnable onRun, Runnable onCancel, Runnable onExport) {
        control = new Composite(parent, SWT.NONE);
        control.setLayout(new GridLayout(1, false));
        Composite bar = new Composite(control, SWT.NONE);
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        bar.setLayout(new GridLayout(5, false));
        run = button(bar, "Run", onRun, "Run the experiment as a job (Ctrl+R); the table fills in as sequences complete");
        cancel = button(bar, "Cancel", onCancel, "Stop the run; what was done is kept");
        export = button(bar, "Export...", onExport, "Write JSON, Markdown, CSV, LaTeX, HTML and a PNG chart per metric into a folder (Ctrl+E)");
        progress = new ProgressBar(bar, SWT.HORIZONTAL);
        progress.setLayoutData(new GridData(140, SWT.DEFAULT));
        status = new CLabel(bar, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        sash = new SashForm(control, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table = new ResultsTable(sash);
        chart = new ResultsChart(sash);
        sash.setWeights(55, 45);
        table.onSelect(r -> { });
    }

    private static Button button(Composite parent, String text, Runnable action, String hint) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        Hints.below(b, hint);
        return b;
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
        table.show(rows);
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
        status(s.status());
    }

    void redrawChart(EvaluationSession s) {
        chart.show(table.shown(), s.result(), protocol);
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
