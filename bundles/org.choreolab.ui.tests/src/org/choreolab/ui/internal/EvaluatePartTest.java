package org.choreolab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.testing.Fakes;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/** The Evaluate view runs an experiment with two generators as a job and shows their rows. */
class EvaluatePartTest {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private Shell shell;
    private Display display;
    private boolean aistpp;

    @BeforeEach
    void setUp() throws Exception {
        BundleContext ctx = FrameworkUtil.getBundle(EvaluatePartTest.class).getBundleContext();
        ServiceTracker<ExperimentRunner, ExperimentRunner> t = new ServiceTracker<>(ctx, ExperimentRunner.class, null);
        t.open();
        assertNotNull(t.waitForService(TimeUnit.SECONDS.toMillis(20)));
        // The AIST++ reader (in the runtime through core) ships an embedded dataset too: stopped while this runs.
        aistpp = org.choreolab.testing.RealReaders.stop(ctx);
        registrations.add(ctx.registerService(DatasetReader.class, new Fakes.Reader(), null));
        registrations.add(ctx.registerService(Metric.class, new Fakes.MeanHeight(), null));
        registrations.add(ctx.registerService(MotionGenerator.class, new Fakes.Lift(0.5f), null));
        registrations.add(ctx.registerService(MotionGenerator.class, new Fakes.Flaky(), null));
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1000, 600);
    }

    @AfterEach
    void tearDown() throws Exception {
        shell.dispose();
        registrations.forEach(ServiceRegistration::unregister);
        org.choreolab.testing.RealReaders.start(FrameworkUtil.getBundle(EvaluatePartTest.class).getBundleContext(), aistpp);
    }

    private static org.choreolab.core.ResultRow flaky(EvaluatePart part) {
        return part.resultRow("flaky");
    }

    @Test
    void savesAndOpensExperimentFilesAsTheCommandLineReadsThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        EvaluatePart part = new EvaluatePart();
        part.create(shell);
        java.nio.file.Path file = tmp.resolve("exp.json");
        part.saveExperiment(file);
        assertEquals(part.experiment(), new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Experiment.class));
        java.nio.file.Files.writeString(file, "{\"split\": \"train\", \"generators\": [\"lift\"], \"protocol\": \"fact\","
                + " \"dataset\": \"/data/aistpp\"}");
        part.openExperiment(file);
        assertEquals("/data/aistpp", part.experiment().dataset(), "a dataset folder is shown and kept");
        assertEquals(List.of("lift"), part.experiment().generators());
        assertEquals("train", part.experiment().split());
        assertEquals("fact", part.experiment().protocol());
    }

    @Test
    void musicFeaturesAreTheGeneratorsOwnAndAnOpenedFileKeepsItsEncoderAndParameters(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws java.io.IOException {
        EvaluatePart part = new EvaluatePart();
        part.create(shell);
        assertTrue(part.musicFeatures().contains("lift: none") && part.musicFeatures().contains("flaky: none"), part.musicFeatures());
        java.nio.file.Path file = tmp.resolve("old.json");
        java.nio.file.Files.writeString(file, "{\"encoder\": \"fact35\", \"generators\": [\"lift\"],"
                + " \"parameters\": {\"lift\": {\"lift\": \"2\"}}}");
        part.openExperiment(file);
        assertEquals("fact35", part.experiment().encoder(), "an older file's encoder is carried unchanged (and not used)");
        assertEquals(java.util.Map.of("lift", java.util.Map.of("lift", "2")), part.experiment().parameters(),
                "per-generator parameters of an opened file are kept and run");
        part.dispose();
    }

    @Test
    void runsTwoGeneratorsAndShowsTheirRows() {
        EvaluatePart part = new EvaluatePart();
        part.create(shell);
        shell.open();
        Experiment ex = part.experiment();
        assertEquals(List.of("flaky", "lift"), ex.generators().stream().sorted().toList(), "every installed generator checked");
        // The workbench's own library bundles (metrics, visualizers) are installed too: score with the fake metric only.
        ex = new Experiment(ex.dataset(), ex.split(), ex.encoder(), ex.generators(), List.of("mean_height"), ex.protocol(),
                ex.frames(), ex.seed(), ex.device(), ex.timeoutSeconds());
        assertNotNull(part.start(ex));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((part.running() || part.rows().size() < 3) && System.nanoTime() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
        // Let the last asyncExec updates in.
        for (int i = 0; i < 50 && display.readAndDispatch(); i++) {
            // drain
        }
        List<String[]> rows = part.rows();
        assertEquals(3, rows.size(), "ground truth, flaky, lift");
        assertEquals("Ground truth (reference)", rows.get(0)[0]);
        assertEquals(List.of("Flaky", "2", "0.0000"), List.of(rows.get(1)).subList(0, 3), "one sequence failed, the others scored");
        assertEquals(List.of("Lift", "3", "2.5000"), List.of(rows.get(2)).subList(0, 3));
        assertTrue(part.rows().stream().noneMatch(r -> r[2].equals("…")), "every set value arrived");
        assertEquals(List.of("Ground truth=2.0000", "Flaky=0.0000", "Lift=2.5000"), part.chartBars(), "the chart shows the same values");
        part.sortBy(2, true);
        assertEquals(List.of("Ground truth (reference)", "Lift", "Flaky"), part.rows().stream().map(r -> r[0]).toList(),
                "sorted by mean_height, highest first, the reference on top");
        Shell other = new Shell(display);
        try {
            EvaluatePart again = new EvaluatePart();
            again.create(other);
            assertEquals(ex, again.experiment(), "the workspace remembers the last experiment run");
            again.dispose();
        } finally {
            other.dispose();
        }
        java.util.List<java.nio.file.Path> files = part.exportTo(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "choreolab-ui-export"));
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        assertTrue(names.containsAll(List.of("results.json", "results.csv", "results.tex", "chart-mean_height.png")), names.toString());
        String detail = EvaluatePart.perSequence(flaky(part));
        assertTrue(detail.contains("s2: failed: model file corrupt") && detail.contains("s1: h 0.0000"), detail);
        part.dispose();
    }
}
