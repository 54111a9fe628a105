package org.choreolab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.ComponentInfo;
import org.choreolab.core.ComponentKind;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.core.ResultFiles;
import org.choreolab.core.ResultRow;
import org.choreolab.core.SequenceOutcome;
import org.choreolab.testing.Fakes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** The registry and the runner, as DS components in a running framework. */
class RuntimeTest {

    private FrameworkFixture framework;
    private BundleContext context;
    private ComponentRegistry registry;
    private ExperimentRunner runner;

    @BeforeEach
    void setUp() throws InterruptedException {
        framework = new FrameworkFixture(RuntimeTest.class);
        context = framework.context;
        registry = framework.await(ComponentRegistry.class);
        runner = framework.await(ExperimentRunner.class);
        framework.register(DatasetReader.class, new Fakes.Reader());
        framework.register(Metric.class, new Fakes.MeanHeight());
        framework.register(MotionGenerator.class, new Fakes.Lift(0.5f));
        framework.register(MotionGenerator.class, new Fakes.Flaky());
    }

    @AfterEach
    void tearDown() {
        framework.close();
    }

    @Test
    void registryListsComponentsWithTheirBundleAndFollowsChanges() {
        List<ComponentInfo> all = registry.components();
        ComponentInfo lift = all.stream().filter(c -> c.id().equals("lift")).findFirst().orElseThrow();
        assertEquals(ComponentKind.MOTION_GENERATOR, lift.kind());
        assertEquals("Lift", lift.name());
        assertEquals("org.choreolab.core", lift.bundle(), "the registering bundle (the test fragment's host)");
        assertEquals(4, all.stream().filter(c -> c.bundle().equals("org.choreolab.core")).count(),
                "the four components this test registered (the metrics bundle, which core imports, registers its own)");

        AtomicInteger changes = new AtomicInteger();
        Runnable l = changes::incrementAndGet;
        registry.addListener(l);
        ServiceRegistration<Metric> extra = context.registerService(Metric.class, new Fakes.Broken(), null);
        assertTrue(registry.find(Metric.class, "broken").isPresent());
        extra.unregister();
        assertTrue(registry.find(Metric.class, "broken").isEmpty(), "an unregistered service leaves the registry");
        registry.removeListener(l);
        assertEquals(2, changes.get(), "one change for the arrival, one for the departure");
    }

    @Test
    void registryKnowsComponentsByTheirIdPropertyAndFallsBackToId() throws org.osgi.framework.InvalidSyntaxException {
        assertEquals("mean_height", registry.find(Metric.class, "mean_height").orElseThrow().id(),
                "a service registered without choreolab.id is found by its id()");
        assertEquals(1, registry.select(Metric.class, "(choreolab.id=mean_height)").size(),
                "and matches a filter on choreolab.id as if it carried it");

        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put(org.choreolab.api.Component.ID_PROPERTY, "broken-by-property");
        props.put("choreolab.flavour", "test");
        framework.register(Metric.class, new Fakes.Broken(), props);
        assertTrue(registry.find(Metric.class, "broken-by-property").isPresent(), "the property names the component");
        assertTrue(registry.find(Metric.class, "broken").isEmpty(), "the property wins over id()");
        assertTrue(registry.components().stream().anyMatch(c -> c.id().equals("broken-by-property")));
        assertEquals(1, registry.select(Metric.class, "(&(choreolab.flavour=test)(choreolab.id=broken*))").size());
        assertTrue(registry.select(MotionGenerator.class, "(choreolab.id=broken-by-property)").isEmpty(), "filtered by type too");

        assertTrue(registry.find(Metric.class, "*").isEmpty(), "an id is a value, not a pattern");
        assertThrows(IllegalArgumentException.class, () -> registry.select(Metric.class, "(choreolab.id=unclosed"));

        // The metrics bundle (imported by core, so present here) registers its components with the property,
        // so a DS target or a plain service filter finds them without the registry.
        var fidK = context.getServiceReferences(Metric.class, "(choreolab.id=fid_k)");
        assertEquals(1, fidK.size(), "the metrics bundle's fid_k registration carries choreolab.id=fid_k");
        Metric m = context.getService(fidK.iterator().next());
        try {
            assertEquals("fid_k", m.id(), "the property and id() agree");
        } finally {
            context.ungetService(fidK.iterator().next());
        }
    }

    /** Every installed generator with the test's metrics (the metrics bundle's own need SMPL skeletons). */
    private static Experiment defaults(String... metrics) {
        Experiment d = Experiment.defaults();
        return new Experiment(d.dataset(), d.split(), d.encoder(), d.generators(), metrics.length == 0 ? List.of("mean_height")
                : List.of(metrics), d.protocol(), d.frames(), d.seed(), d.device(), d.timeoutSeconds(), d.parameters());
    }

    @Test
    void runnerScoresGroundTruthAndGeneratorsAndIsolatesFailures() throws IOException {
        framework.register(Metric.class, new Fakes.Broken());
        framework.register(MotionGenerator.class, new Fakes.Crashing());
        List<String> seen = new ArrayList<>();
        ExperimentResult r = runner.run(defaults("mean_height", "broken"), ProgressMonitor.NULL, new ExperimentListener() {
            @Override public void sequenceDone(ResultRow row, SequenceOutcome o) { seen.add(row.id() + "/" + o.sequenceId()); }
        });
        assertEquals(List.of("s1", "s2", "s3"), r.sequenceIds(), "only the test split");
        List<String> rowIds = r.rows().stream().map(ResultRow::id).toList();
        assertEquals(List.of(ResultRow.GROUND_TRUTH, "crashing", "flaky", "lift"), rowIds);
        assertEquals(12, seen.size(), "every (row, sequence) pair reported as it completes");

        ResultRow truth = r.rows().get(0);
        assertEquals(2.0, truth.set().get("mean_height"), 1e-12, "heights 1, 2, 3");
        assertTrue(truth.setErrors().get("broken").contains("no sequence was scored"));

        ResultRow lift = row(r, "lift");
        assertEquals(2.5, lift.set().get("mean_height"), 1e-6);
        assertEquals("broken on purpose", lift.sequences().get("s1").metricErrors().get("broken"));

        ResultRow flaky = row(r, "flaky");
        assertEquals("model file corrupt", flaky.sequences().get("s2").error());
        assertNull(flaky.error(), "two sequences still worked");
        assertEquals(0.0, flaky.set().get("mean_height"), 1e-12, "mean over the sequences that worked");

        ResultRow crashing = row(r, "crashing");
        assertTrue(crashing.error().contains("some/missing/Class"), crashing.error());
        assertTrue(crashing.set().isEmpty());
        assertEquals(List.of("fake/x.pkl: smpl_poses: demo problem"), r.problems());
    }

    @Test
    void resultFilesHoldTheTableAndEveryCompletedSequence(@TempDir Path dir) throws IOException {
        ExperimentResult r = runner.run(defaults(), ProgressMonitor.NULL, ResultFiles.appender(dir));
        ResultFiles.write(r, dir);
        List<String> lines = Files.readAllLines(dir.resolve(ResultFiles.SEQUENCES_JSONL));
        assertEquals(9, lines.size(), "3 sequences x (ground truth + 2 generators)");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve(ResultFiles.RESULTS_JSON).toFile());
        assertEquals("bailando", json.get("protocol").asText());
        assertEquals(2.5, json.get("rows").get(2).get("set").get("mean_height").asDouble(), 1e-6);
        assertEquals("model file corrupt", json.get("rows").get(1).get("sequences").get("s2").get("error").asText());
    }

    @Test
    void unknownIdsAndEmptySplitsStopTheRunWithAClearReason() {
        IOException e = assertThrows(IOException.class, () -> runner.run(
                new Experiment("", "test", "", List.of("nope"), List.of(), null, 0, 0, null, 0), ProgressMonitor.NULL,
                ExperimentListener.NONE));
        assertTrue(e.getMessage().contains("unknown generator 'nope'") && e.getMessage().contains("flaky"), e.getMessage());
        IOException s = assertThrows(IOException.class, () -> runner.run(
                new Experiment("", "val", "", List.of(), List.of(), null, 0, 0, null, 0), ProgressMonitor.NULL,
                ExperimentListener.NONE));
        assertTrue(s.getMessage().contains("split 'val' has no sequences"), s.getMessage());
    }

    @Test
    void aHangingGeneratorTimesOutAndTheOthersGoOn() throws IOException {
        framework.register(MotionGenerator.class, new Fakes.Hanging());
        Experiment ex = new Experiment("", "test", "", List.of("hanging", "lift"), List.of("mean_height"), null, 0, 0, null, 1);
        long t0 = System.nanoTime();
        ExperimentResult r = runner.run(ex, ProgressMonitor.NULL, ExperimentListener.NONE);
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "three 1-s time-outs, not three minutes");
        ResultRow hanging = row(r, "hanging");
        assertEquals("timed out after 1 s", hanging.sequences().get("s1").error());
        assertEquals(2.5, row(r, "lift").set().get("mean_height"), 1e-6, "the next generator still ran");
    }

    @Test
    void cancellationKeepsWhatWasDone() throws IOException {
        AtomicInteger worked = new AtomicInteger();
        ProgressMonitor stopAfterFour = new ProgressMonitor() {
            @Override public void begin(String task, int total) { assertEquals(9, total); }
            @Override public void worked(int units) { worked.addAndGet(units); }
            @Override public boolean isCanceled() { return worked.get() >= 4; }
        };
        ExperimentResult r = runner.run(defaults(), stopAfterFour, ExperimentListener.NONE);
        assertTrue(r.canceled());
        assertEquals(3, r.rows().get(0).sequences().size());
        assertEquals(1, r.rows().get(1).sequences().size(), "the first generator row keeps its one sequence");
    }

    private static ResultRow row(ExperimentResult r, String id) {
        return r.rows().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

}
