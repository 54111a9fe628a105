package org.choreolab.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.core.ResultFiles;
import org.choreolab.core.ResultRow;
import org.choreolab.core.SequenceOutcome;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The Evaluate view: choose the split, protocol, generators and metrics, run the experiment as an
 * Eclipse job with progress (cancellable), and watch the comparison table fill in as sequences
 * complete; export the files {@code choreolab evaluate} writes.
 */
public final class EvaluatePart {

    private ServiceTracker<ComponentRegistry, ComponentRegistry> registryTracker;
    private ServiceTracker<ExperimentRunner, ExperimentRunner> runnerTracker;
    private Combo split;
    private Combo protocol;
    private Table generators;
    private Table metrics;
    private Table results;
    private ProgressBar progress;
    private Label status;
    private Button run;
    private Button cancel;
    private Button export;
    private Combo chartGenre;
    private Combo dataset;
    /** What each generator declares it is given (the generators choose their music features, not the experiment). */
    private Label music;
    /** Carried from an opened (or remembered) experiment file unchanged: no longer used, see Experiment#encoder. */
    private String encoder = "";
    /** Per-generator parameter overrides of an opened experiment, kept and run (the form has no editor for them). */
    private Map<String, Map<String, String>> parameters = Map.of();
    private static final String SAMPLE = "embedded sample";
    private static final String ALL_GENRES = "all genres";
    private volatile Job job;
    private volatile ExperimentResult last;
    private final Map<String, ResultRow> liveRows = new ConcurrentHashMap<>();
    private Combo chartMetric;
    private BarChart chart;
    private List<String> shownMetrics = List.of();
    private int sortColumn = -1;
    private boolean sortDown;

    @PostConstruct
    public void create(Composite parent) {
        var ctx = FrameworkUtil.getBundle(EvaluatePart.class).getBundleContext();
        registryTracker = new ServiceTracker<>(ctx, ComponentRegistry.class, null);
        registryTracker.open();
        runnerTracker = new ServiceTracker<>(ctx, ExperimentRunner.class, null);
        runnerTracker.open();

        parent.setLayout(new GridLayout(4, false));
        Composite data = new Composite(parent, SWT.NONE);
        GridLayout dl = new GridLayout(6, false);
        dl.marginWidth = 0;
        dl.marginHeight = 0;
        data.setLayout(dl);
        new Label(data, SWT.NONE).setText("Dataset:");
        dataset = new Combo(data, SWT.READ_ONLY);
        dataset.setItems(SAMPLE);
        dataset.select(0);
        Button folder = new Button(data, SWT.PUSH);
        folder.setText("Folder...");
        folder.setToolTipText("An AIST++ folder (motions/, splits/, music/ …)");
        folder.addListener(SWT.Selection, e -> {
            String dir = new org.eclipse.swt.widgets.DirectoryDialog(parent.getShell()).open();
            if (dir != null) {
                selectDataset(dir);
            }
        });
        new Label(data, SWT.NONE).setText("Music features:");
        music = new Label(data, SWT.NONE);
        music.setText("as each generator declares");
        new Label(data, SWT.NONE).setText("Split:");
        split = new Combo(parent, SWT.READ_ONLY);
        split.setItems("test", "val", "train");
        split.select(0);
        new Label(parent, SWT.NONE).setText("Protocol:");
        protocol = new Combo(parent, SWT.READ_ONLY);
        protocol.setItems("bailando", "fact", "fact-paper", "edge");
        protocol.select(0);

        generators = checkTable(parent, "Generators");
        metrics = checkTable(parent, "Metrics");

        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        buttons.setLayout(new GridLayout(7, false));
        Button open = new Button(buttons, SWT.PUSH);
        open.setText("Open...");
        open.setToolTipText("Open an experiment file (the JSON 'choreolab evaluate --config' reads)");
        open.addListener(SWT.Selection, e -> {
            FileDialog fd = new FileDialog(parent.getShell(), SWT.OPEN);
            fd.setFilterExtensions(new String[] {"*.json"});
            String f = fd.open();
            if (f != null) {
                openExperiment(Path.of(f));
            }
        });
        Button save = new Button(buttons, SWT.PUSH);
        save.setText("Save...");
        save.setToolTipText("Save this experiment for 'choreolab evaluate --config FILE' (batch and GUI are one thing)");
        save.addListener(SWT.Selection, e -> {
            FileDialog fd = new FileDialog(parent.getShell(), SWT.SAVE);
            fd.setFilterExtensions(new String[] {"*.json"});
            fd.setFileName("experiment.json");
            fd.setOverwrite(true);
            String f = fd.open();
            if (f != null) {
                saveExperiment(Path.of(f));
            }
        });
        run = new Button(buttons, SWT.PUSH);
        run.setText("Run");
        run.addListener(SWT.Selection, e -> start(experiment()));
        cancel = new Button(buttons, SWT.PUSH);
        cancel.setText("Cancel");
        cancel.setEnabled(false);
        cancel.addListener(SWT.Selection, e -> {
            Job j = job;
            if (j != null) {
                j.cancel();
            }
        });
        export = new Button(buttons, SWT.PUSH);
        export.setText("Export...");
        export.setEnabled(false);
        export.addListener(SWT.Selection, e -> exportResults());
        progress = new ProgressBar(buttons, SWT.HORIZONTAL);
        progress.setLayoutData(new GridData(200, SWT.DEFAULT));
        status = new Label(buttons, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        results = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION);
        results.setHeaderVisible(true);
        results.setLinesVisible(true);
        GridData rd = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        rd.heightHint = 160;
        results.setLayoutData(rd);
        // Double-click a row: its per-sequence values.
        results.addListener(SWT.DefaultSelection, e -> drillDown());
        new Label(parent, SWT.NONE).setText("Chart:");
        chartMetric = new Combo(parent, SWT.READ_ONLY);
        GridData md = new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1);
        md.widthHint = 140;
        chartMetric.setLayoutData(md);
        chartMetric.addListener(SWT.Selection, e -> updateChart());
        chartGenre = new Combo(parent, SWT.READ_ONLY);
        chartGenre.setItems(ALL_GENRES);
        chartGenre.select(0);
        chartGenre.setToolTipText("Per-genre means of per-sequence metrics (BAS, PFC); set metrics such as FID are whole-set values");
        chartGenre.addListener(SWT.Selection, e -> updateChart());
        chart = new BarChart(parent);
        GridData cd = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        cd.heightHint = 200;
        chart.control().setLayoutData(cd);
        refreshChoices();
        // The workspace remembers the last experiment run here.
        Preferences.lastExperiment().ifPresent(this::show);
    }

    /** "fact-pytorch: fact35 at 60 fps", "random-clip: none". */
    private static String declaredMusic(MotionGenerator g) {
        try {
            var needs = g.descriptor().needs();
            return g.id() + ": " + (!needs.needsMusic() ? "none"
                    : needs.musicEncoder() + (needs.fps() > 0 ? " at " + (needs.fps() == Math.rint(needs.fps())
                            ? Long.toString((long) needs.fps()) : Double.toString(needs.fps())) + " fps" : " at the dataset's rate"));
        } catch (RuntimeException e) {
            return g.getClass().getName() + ": cannot describe itself";
        }
    }

    private static Table checkTable(Composite parent, String title) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(title + ":");
        l.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        Table t = new Table(parent, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL);
        GridData d = new GridData(SWT.FILL, SWT.FILL, true, false);
        d.heightHint = 110;
        t.setLayoutData(d);
        return t;
    }

    /** Fills the generator and metric lists from the registry (all checked). */
    public void refreshChoices() {
        ComponentRegistry registry = registryTracker.getService();
        if (registry == null) {
            status.setText("The core runtime is not running.");
            return;
        }
        music.setToolTipText("Each generator receives the music features it declares:\n" + String.join("\n",
                registry.services(MotionGenerator.class).stream().map(EvaluatePart::declaredMusic).toList()));
        fill(generators, registry.services(MotionGenerator.class).stream().map(g -> new String[] {g.id(), g.name()}).toList());
        fill(metrics, registry.services(Metric.class).stream().map(m -> new String[] {m.id(), m.name()}).toList());
    }

    private static void fill(Table t, List<String[]> items) {
        t.removeAll();
        for (String[] i : items) {
            TableItem item = new TableItem(t, SWT.NONE);
            item.setText(i[0] + "  (" + i[1] + ")");
            item.setData(i[0]);
            item.setChecked(true);
        }
    }

    private static List<String> checked(Table t) {
        List<String> ids = new ArrayList<>();
        for (TableItem i : t.getItems()) {
            if (i.getChecked()) {
                ids.add((String) i.getData());
            }
        }
        return ids;
    }

    /** The experiment the form describes (the same value experiment files hold). */
    public Experiment experiment() {
        String ds = dataset.getSelectionIndex() <= 0 ? "" : dataset.getText();
        return new Experiment(ds, split.getText(), encoder, checked(generators), checked(metrics), protocol.getText(), 0, 0,
                Preferences.device(), 0, parameters);
    }

    private void selectDataset(String location) {
        if (location == null || location.isEmpty()) {
            dataset.select(0);
            return;
        }
        if (dataset.indexOf(location) < 0) {
            dataset.add(location);
        }
        dataset.select(dataset.indexOf(location));
    }

    /** What the "Music features" field says each generator receives (its tooltip). */
    String musicFeatures() {
        return music.getToolTipText();
    }

    /** Writes the form as an experiment file. */
    public void saveExperiment(Path file) {
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), experiment());
            status.setText("Saved " + file);
        } catch (java.io.IOException e) {
            status.setText("Cannot save " + file + ": " + e.getMessage());
        }
    }

    /** Reads an experiment file into the form (empty lists tick everything installed). */
    public void openExperiment(Path file) {
        try {
            show(new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Experiment.class));
            status.setText("Opened " + file);
        } catch (java.io.IOException e) {
            status.setText(file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Shows an experiment in the form. */
    public void show(Experiment ex) {
        selectDataset(ex.dataset());
        encoder = ex.encoder();
        parameters = ex.parameters();
        if (split.indexOf(ex.split()) >= 0) {
            split.select(split.indexOf(ex.split()));
        }
        if (protocol.indexOf(ex.protocol()) >= 0) {
            protocol.select(protocol.indexOf(ex.protocol()));
        }
        for (TableItem i : generators.getItems()) {
            i.setChecked(ex.generators().isEmpty() || ex.generators().contains(i.getData()));
        }
        for (TableItem i : metrics.getItems()) {
            i.setChecked(ex.metrics().isEmpty() || ex.metrics().contains(i.getData()));
        }
    }

    /** Runs {@code ex} as a job; the table fills in as sequences complete. */
    public Job start(Experiment ex) {
        ExperimentRunner runner = runnerTracker.getService();
        if (runner == null || job != null) {
            return null;
        }
        Preferences.lastExperiment(ex);
        liveRows.clear();
        results.removeAll();
        for (TableColumn c : results.getColumns()) {
            c.dispose();
        }
        List<String> hs = headers(ex.metrics());
        for (int i = 0; i < hs.size(); i++) {
            TableColumn c = new TableColumn(results, SWT.RIGHT);
            c.setText(hs.get(i));
            c.setWidth(hs.get(i).equals("Generator") ? 260 : 100);
            int col = i;
            c.addListener(SWT.Selection, e -> {
                sortDown = sortColumn == col && !sortDown;
                sortColumn = col;
                results.setSortColumn(c);
                results.setSortDirection(sortDown ? SWT.DOWN : SWT.UP);
                show(shownMetrics);
            });
        }
        shownMetrics = ex.metrics();
        sortColumn = -1;
        chartMetric.setItems(ex.metrics().toArray(String[]::new));
        if (!ex.metrics().isEmpty()) {
            chartMetric.select(0);
        }
        var display = results.getDisplay();
        Job j = new Job("Choreolab evaluation") {
            @Override
            protected IStatus run(IProgressMonitor m) {
                try {
                    ExperimentResult r = runner.run(ex, new JobProgress(m, display), new ExperimentListener() {
                        @Override
                        public void sequenceDone(ResultRow row, SequenceOutcome o) {
                            liveRows.put(row.id(), row);
                            display.asyncExec(() -> show(ex.metrics()));
                        }

                        @Override
                        public void rowDone(ResultRow row) {
                            liveRows.put(row.id(), row);
                            display.asyncExec(() -> show(ex.metrics()));
                        }
                    });
                    last = r;
                    display.asyncExec(() -> finished(r.canceled() ? "Cancelled; the table shows what was done." : "Done: "
                            + r.sequenceIds().size() + " sequences, protocol " + ex.protocol() + "."));
                    return m.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
                } catch (Exception e) {
                    display.asyncExec(() -> finished("Failed: " + e.getMessage()));
                    return Status.error(e.getMessage() == null ? e.toString() : e.getMessage(), e);
                } finally {
                    job = null;
                }
            }
        };
        j.setUser(true);
        job = j;
        run.setEnabled(false);
        cancel.setEnabled(true);
        status.setText("Running...");
        j.schedule();
        return j;
    }

    private static List<String> headers(List<String> metricIds) {
        List<String> h = new ArrayList<>(List.of("Generator", "Sequences ok"));
        h.addAll(metricIds);
        return h;
    }

    private void show(List<String> metricIds) {
        if (results.isDisposed()) {
            return;
        }
        results.removeAll();
        List<ResultRow> rows = new ArrayList<>(liveRows.values());
        rows.sort((a, b) -> a.isReference() ? -1 : b.isReference() ? 1 : a.id().compareTo(b.id()));
        if (sortColumn >= 2 && sortColumn - 2 < metricIds.size()) {
            // The reference row stays on top; generators sort by the clicked metric.
            String m = metricIds.get(sortColumn - 2);
            java.util.Comparator<ResultRow> byValue = java.util.Comparator.comparingDouble(
                    r -> r.set().getOrDefault(m, Double.NaN));
            List<ResultRow> gens = new ArrayList<>(rows.stream().filter(r -> !r.isReference()).toList());
            gens.sort(sortDown ? byValue.reversed() : byValue);
            List<ResultRow> sorted = new ArrayList<>(rows.stream().filter(ResultRow::isReference).toList());
            sorted.addAll(gens);
            rows = sorted;
        }
        for (ResultRow r : rows) {
            TableItem item = new TableItem(results, SWT.NONE);
            List<String> cells = new ArrayList<>();
            cells.add(r.isReference() ? r.name() + " (reference)" : r.name());
            cells.add(Long.toString(r.sequences().values().stream().filter(o -> !o.failed()).count()));
            for (String m : metricIds) {
                Double v = r.set().get(m);
                cells.add(v == null ? (r.setErrors().containsKey(m) ? "error" : "…") : String.format(Locale.ROOT, "%.4f", v));
            }
            item.setText(cells.toArray(String[]::new));
            item.setData(r);
        }
        updateChart();
    }

    private void updateChart() {
        if (chartMetric.isDisposed() || chartMetric.getSelectionIndex() < 0) {
            return;
        }
        String m = chartMetric.getText();
        String genre = chartGenre.getSelectionIndex() <= 0 ? null : chartGenre.getText();
        var byGenre = genre == null || last == null ? null : org.choreolab.report.Reports.perGenre(last);
        List<BarChart.Bar> bars = new ArrayList<>();
        for (TableItem i : results.getItems()) {
            ResultRow r = (ResultRow) i.getData();
            Double v = byGenre == null ? r.set().get(m)
                    : byGenre.getOrDefault(r.name(), Map.of()).getOrDefault(genre, Map.of()).get(m);
            if (v != null) {
                bars.add(new BarChart.Bar(r.name(), v, r.isReference()));
            }
        }
        chart.show(m + " (" + protocol.getText() + (genre == null ? "" : ", genre " + genre) + ")", bars);
    }

    /** The bars of the chart, as shown. */
    public List<String> chartBars() {
        return chart.bars().stream().map(b -> b.label() + "=" + String.format(Locale.ROOT, "%.4f", b.value())).toList();
    }

    /** Sorts the table by a column, as a click on its header does. */
    public void sortBy(int column, boolean descending) {
        sortColumn = column;
        sortDown = descending;
        show(shownMetrics);
    }

    private void drillDown() {
        int i = results.getSelectionIndex();
        if (i < 0) {
            return;
        }
        ResultRow r = (ResultRow) results.getItem(i).getData();
        org.eclipse.jface.dialogs.MessageDialog.openInformation(results.getShell(), r.name() + ": per sequence", perSequence(r));
    }

    /** One line per sequence: its scalar values, or its error. */
    static String perSequence(ResultRow r) {
        StringBuilder b = new StringBuilder();
        for (SequenceOutcome o : r.sequences().values()) {
            b.append(o.sequenceId()).append(": ");
            if (o.failed()) {
                b.append("failed: ").append(o.error());
            } else {
                List<String> parts = new ArrayList<>();
                o.values().forEach((metric, v) -> v.scalars().forEach((k, x) -> parts.add(k + " " + String.format(Locale.ROOT, "%.4f", x))));
                o.metricErrors().forEach((metric, e) -> parts.add(metric + " error: " + e));
                b.append(parts.isEmpty() ? "ok (vector features only)" : String.join(", ", parts));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private void finished(String message) {
        if (status.isDisposed()) {
            return;
        }
        status.setText(message);
        run.setEnabled(true);
        cancel.setEnabled(false);
        export.setEnabled(last != null);
        progress.setSelection(progress.getMaximum());
        if (last != null) {
            String was = chartGenre.getText();
            java.util.TreeSet<String> names = new java.util.TreeSet<>(last.genres().values());
            List<String> items = new ArrayList<>();
            items.add(ALL_GENRES);
            items.addAll(names);
            chartGenre.setItems(items.toArray(String[]::new));
            chartGenre.select(Math.max(0, items.indexOf(was)));
        }
    }

    /** Shows the chart of one genre ({@code null}: the whole set), as the genre box does. */
    public void chartGenre(String genre) {
        int i = genre == null ? 0 : chartGenre.indexOf(genre);
        chartGenre.select(Math.max(0, i));
        updateChart();
    }

    private void exportResults() {
        if (last == null) {
            return;
        }
        DirectoryDialog d = new DirectoryDialog(results.getShell());
        d.setText("Export the results: JSON, Markdown, CSV, LaTeX, HTML and a PNG chart per metric");
        String dir = d.open();
        if (dir != null) {
            exportTo(Path.of(dir));
        }
    }

    /** Writes what 'choreolab evaluate' writes for the last run into {@code dir}; returns the files. */
    public List<Path> exportTo(Path dir) {
        ExperimentResult r = last;
        List<Path> files = new ArrayList<>();
        if (r == null) {
            return files;
        }
        try {
            java.nio.file.Files.createDirectories(dir);
            ResultFiles.write(r, dir);
            files.add(dir.resolve(ResultFiles.RESULTS_JSON));
            java.util.Map<String, String> conventions = new java.util.LinkedHashMap<>();
            conventions.put("protocol", r.experiment().protocol());
            ComponentRegistry registry = registryTracker.getService();
            for (String id : r.metricIds()) {
                if (registry != null) {
                    registry.find(Metric.class, id).ifPresent(m -> conventions.put(id, m.description()));
                }
            }
            files.addAll(org.choreolab.report.Reports.write(r, dir, conventions));
            status.setText("Exported " + files.size() + " files to " + dir);
        } catch (java.io.IOException | RuntimeException e) {
            status.setText("Export failed: " + e.getMessage());
        }
        return files;
    }

    /** The rows shown, as text. */
    public List<String[]> rows() {
        List<String[]> out = new ArrayList<>();
        for (TableItem i : results.getItems()) {
            String[] cells = new String[results.getColumnCount()];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = i.getText(c);
            }
            out.add(cells);
        }
        return out;
    }

    /** The live row of a generator, or null. */
    public ResultRow resultRow(String id) {
        return liveRows.get(id);
    }

    public boolean running() {
        return job != null;
    }

    /** Maps the runner's progress onto the job's monitor and the view's progress bar. */
    private final class JobProgress implements org.choreolab.api.ProgressMonitor {
        private final IProgressMonitor monitor;
        private final org.eclipse.swt.widgets.Display display;
        private volatile int done;

        JobProgress(IProgressMonitor monitor, org.eclipse.swt.widgets.Display display) {
            this.monitor = monitor;
            this.display = display;
        }

        @Override
        public void begin(String task, int totalWork) {
            monitor.beginTask(task, totalWork);
            display.asyncExec(() -> {
                if (!progress.isDisposed()) {
                    progress.setMaximum(Math.max(1, totalWork));
                    progress.setSelection(0);
                    status.setText(task);
                }
            });
        }

        @Override
        public void worked(int units) {
            monitor.worked(units);
            done += units;
            int d = done;
            display.asyncExec(() -> {
                if (!progress.isDisposed()) {
                    progress.setSelection(d);
                }
            });
        }

        @Override
        public void subTask(String text) {
            monitor.subTask(text);
        }

        @Override
        public boolean isCanceled() {
            return monitor.isCanceled();
        }
    }

    @PreDestroy
    public void dispose() {
        Job j = job;
        if (j != null) {
            j.cancel();
        }
        registryTracker.close();
        runnerTracker.close();
    }
}
