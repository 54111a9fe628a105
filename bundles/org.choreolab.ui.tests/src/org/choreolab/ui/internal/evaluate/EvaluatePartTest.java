package org.choreolab.ui.internal.evaluate;

import static org.choreolab.ui.internal.PartShell.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.Experiment;
import org.choreolab.testing.Fakes;
import org.choreolab.ui.internal.Fits;
import org.choreolab.ui.internal.PartShell;
import org.choreolab.ui.internal.TestContexts;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Evaluate view runs an experiment with two generators as a job and shows their rows. */
class EvaluatePartTest {

    private PartShell ui;
    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        ui = PartShell.withFakes(tmp.resolve("last-run"), service(DatasetReader.class, new Fakes.Reader()), service(Metric.class, new Fakes.MeanHeight()),
                service(MotionGenerator.class, new Fakes.Lift(0.5f)), service(MotionGenerator.class, new Fakes.Flaky())).size(1000, 600);
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    private EvaluatePart part() {
        return ui.make(EvaluatePart.class);
    }

    /** Runs {@code ex} and waits for its rows. */
    private void run(EvaluatePart part, Experiment ex, int rows) {
        assertNotNull(part.start(ex));
        // The session ends the job before it posts its last event; the table is complete once that event's refresh
        // has put the final status on the part (the rows read before it may lack the last values).
        TestContexts.until(ui.display, () -> !part.running() && part.rows().size() >= rows
                && part.status().matches("(Done|Cancelled|Failed).*"), 30);
        TestContexts.drain(ui.display);
    }

    private static Experiment withMetrics(Experiment ex, List<String> metrics) {
        return new Experiment(ex.dataset(), ex.split(), ex.encoder(), ex.generators(), metrics, ex.protocol(), ex.frames(), ex.seed(),
                ex.device(), ex.timeoutSeconds());
    }

    @Test
    void savesAndOpensExperimentFilesAsTheCommandLineReadsThem() throws IOException {
        EvaluatePart part = part();
        Path file = tmp.resolve("exp.json");
        part.saveExperiment(file);
        assertEquals(part.experiment(), new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Experiment.class));
        assertEquals(file.toAbsolutePath(), ExperimentFiles.recent().get(0), "a saved file is first under File › Open Recent");
        Files.writeString(file, "{\"split\": \"train\", \"generators\": [\"lift\"], \"protocol\": \"fact\", \"dataset\": \"/data/aistpp\"}");
        part.openExperiment(file);
        assertEquals("/data/aistpp", part.experiment().dataset(), "a dataset folder is shown and kept");
        assertEquals(List.of("lift"), part.experiment().generators());
        assertEquals("train", part.experiment().split());
        assertEquals("fact", part.experiment().protocol());
        Files.writeString(file, "{\"split\": 3, \"nonsense\": true}");
        part.openExperiment(file);
        assertTrue(part.status().startsWith(file + ": "), "a bad file is named in the status: " + part.status());
    }

    @Test
    void musicFeaturesAreTheGeneratorsOwnAndAnOpenedFileKeepsItsEncoderAndParameters() throws IOException {
        EvaluatePart part = part();
        assertTrue(part.form.musicFeatures().contains("lift: none") && part.form.musicFeatures().contains("flaky: none"), part.form.musicFeatures());
        Path file = tmp.resolve("old.json");
        Files.writeString(file, "{\"encoder\": \"fact35\", \"generators\": [\"lift\"], \"parameters\": {\"lift\": {\"lift\": \"2\"}},"
                + " \"frames\": 120, \"seed\": 7, \"timeoutSeconds\": 30}");
        part.openExperiment(file);
        assertEquals("fact35", part.experiment().encoder(), "an older file's encoder is carried unchanged (and not used)");
        assertEquals(Map.of("lift", Map.of("lift", "2")), part.experiment().parameters(), "per-generator parameters of an opened file are kept and run");
        assertEquals(List.of(120, 7L, 30), List.of(part.experiment().frames(), part.experiment().seed(), part.experiment().timeoutSeconds()),
                "frames, seed and time-out of an opened file are kept (the form has no field for them)");
    }

    @Test
    void protocolsAndSplitsAreTheComponentsOwn() throws Exception {
        EvaluatePart part = part();
        TestContexts.until(ui.display, () -> part.form.splits().contains("train"), 10);
        assertEquals(List.of("train", "test"), part.form.splits(), "the splits the dataset has (Dataset.splits())");
        List<String> protocols = new ArrayList<>();
        TestContexts.core().services(Metric.class).forEach(m -> m.protocols().stream().filter(p -> !protocols.contains(p)).forEach(protocols::add));
        assertEquals(protocols.stream().sorted((a, b) -> a.equals("bailando") ? -1 : b.equals("bailando") ? 1 : a.compareTo(b)).toList(),
                part.form.protocols(), "the protocols the installed metrics know, bailando first");
    }

    @Test
    void runsTwoGeneratorsAndShowsTheirRows() throws Exception {
        EvaluatePart part = part();
        ui.shell.open();
        Experiment ex = part.experiment();
        assertEquals(List.of("flaky", "lift"), ex.generators().stream().sorted().toList(), "every installed generator checked");
        // The workbench's own library bundles (metrics, visualizers) are installed too: score with the fake metric only.
        ex = withMetrics(ex, List.of("mean_height"));
        run(part, ex, 3);
        List<String[]> rows = part.rows();
        assertEquals(3, rows.size(), "ground truth, flaky, lift");
        assertEquals("Ground truth (reference)", rows.get(0)[0]);
        // Values as the report bundle writes them (4 significant digits), an interval after them when resampled.
        assertEquals(List.of("Flaky", "2/3", "0"), List.of(rows.get(1)[0], rows.get(1)[1], rows.get(1)[2].split(" ")[0]),
                "one sequence failed, the others scored");
        assertEquals(List.of("Lift", "3/3", "2.500"), List.of(rows.get(2)[0], rows.get(2)[1], rows.get(2)[2].split(" ")[0]));
        assertTrue(part.rows().stream().noneMatch(r -> r[2].equals("…")), "every set value arrived");
        assertEquals(List.of("Ground truth=2.0000", "Flaky=0.0000", "Lift=2.5000"), part.results.chart.bars(), "the chart shows the same values");
        part.sortBy(2, true);
        assertEquals(List.of("Ground truth (reference)", "Lift", "Flaky"), part.rows().stream().map(r -> r[0]).toList(),
                "sorted by mean_height, highest first, the reference on top");
        part.sortBy(2, false);
        assertEquals(List.of("Ground truth (reference)", "Flaky", "Lift"), part.rows().stream().map(r -> r[0]).toList(), "and lowest first");
        // A new session on the same workspace (the next start) shows the experiment and its results again.
        Shell other = new Shell(ui.display);
        IEclipseContext next = ui.ctx.createChild("next start");
        try {
            next.set(Composite.class, other);
            next.set(EvaluationSession.class, ContextInjectionFactory.make(EvaluationSession.class, next));
            EvaluatePart again = TestContexts.make(EvaluatePart.class, next);
            assertEquals(ex, again.experiment(), "the workspace remembers the last experiment run");
            TestContexts.until(ui.display, () -> again.rows().size() == 3, 20);
            assertEquals(part.rows().stream().map(r -> List.of(r).subList(0, 3)).sorted((a, b) -> a.get(0).compareTo(b.get(0))).toList(),
                    again.rows().stream().map(r -> List.of(r).subList(0, 3)).sorted((a, b) -> a.get(0).compareTo(b.get(0))).toList(),
                    "and its results, read back from the workspace");
        } finally {
            other.dispose();
            next.dispose();
        }
        Path out = tmp.resolve("export");
        List<Path> files = part.exportTo(out);
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("results.json", "results.csv", "results.tex", "chart-mean_height.png")), names.toString());
        try (var listed = Files.list(out)) {
            assertEquals(listed.count(), files.size(), "every file written is counted");
        }
        assertEquals("Exported " + files.size() + " files to " + out + ": results.json, results.md, results.csv, results.tex, report.html"
                + " and 1 chart (PNG).", part.status(), "the status counts what was written");
        assertEquals(out.toAbsolutePath(), ResultsExport.initialFolder(), "the folder chooser opens where the last export went");
    }

    @Test
    void largeValuesAreWrittenReadablyAndNeverCut() throws Exception {
        MotionGenerator lift = new Fakes.Lift(5e6f);
        ui.register(MotionGenerator.class, new MotionGenerator() {
            @Override
            public org.choreolab.api.model.GeneratorDescriptor descriptor() {
                return new org.choreolab.api.model.GeneratorDescriptor("far", "Far above", "none", Map.of(), false);
            }

            @Override
            public org.choreolab.api.motion.MotionClip generate(org.choreolab.api.model.GenerationRequest r, org.choreolab.api.ProgressMonitor m)
                    throws IOException {
                return lift.generate(r, m);
            }
        });
        EvaluatePart part = part();
        ui.shell.open();
        TestContexts.until(ui.display, () -> part.experiment().generators().contains("far"), 10);
        run(part, withMetrics(part.experiment().withGenerators(List.of("far", "lift")), List.of("mean_height")), 3);
        String far = part.rows().stream().filter(r -> r[0].equals("Far above")).findFirst().orElseThrow()[2];
        assertEquals("5.000e6", far.split(" ")[0], "five million metres in scientific notation, not a digit string cut by the column");
        assertTrue(part.results.chart.logarithmic(), "values spanning six orders of magnitude: the chart's axis is logarithmic");
        Table t = findTable(ui.shell);
        GC gc = new GC(t);
        try {
            for (TableItem item : t.getItems()) {
                for (int c = 0; c < t.getColumnCount(); c++) {
                    TableColumn col = t.getColumn(c);
                    assertTrue(gc.textExtent(item.getText(c)).x <= col.getWidth(),
                            "column '" + col.getText() + "' (" + col.getWidth() + " px) shows '" + item.getText(c) + "' whole");
                }
            }
        } finally {
            gc.dispose();
        }
    }

    @Test
    void theFormReflowsFromSmallToLargeWindows() {
        EvaluatePart part = part();
        for (int[] size : new int[][] {{700, 520}, {1024, 768}, {1900, 1000}}) {
            ui.shell.setSize(size[0], size[1]);
            ui.shell.layout(true, true);
            TestContexts.drain(ui.display);
            assertEquals(List.of(), Fits.problems(ui.shell), "at " + size[0] + "×" + size[1] + " nothing is clipped or squeezed");
        }
        assertNotNull(part.experiment());
    }

    private static Table findTable(Composite c) {
        for (var child : c.getChildren()) {
            if (child instanceof Table t && t.getColumnCount() > 2 && t.getColumn(0).getText().equals("Generator")) {
                return t;
            }
            if (child instanceof Composite k) {
                Table t = findTable(k);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
