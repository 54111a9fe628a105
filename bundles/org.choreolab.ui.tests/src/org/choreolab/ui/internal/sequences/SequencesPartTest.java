package org.choreolab.ui.internal.sequences;

import static org.choreolab.ui.internal.PartShell.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.Experiment;
import org.choreolab.testing.Fakes;
import org.choreolab.ui.internal.PartShell;
import org.choreolab.ui.internal.TestContexts;
import org.choreolab.ui.internal.evaluate.EvaluationSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drill-down: a generator's per-sequence values as a sortable table, each sequence a link to the Watch view. */
class SequencesPartTest {

    private PartShell ui;
    private EvaluationSession session;
    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        ui = PartShell.withFakes(tmp.resolve("last-run"), service(DatasetReader.class, new Fakes.Reader()), service(Metric.class, new Fakes.MeanHeight()),
                service(MotionGenerator.class, new Fakes.Lift(0.5f)), service(MotionGenerator.class, new Fakes.Flaky())).size(700, 400);
        session = ui.ctx.get(EvaluationSession.class);
        TestContexts.until(ui.display, () -> ui.registry.find(MotionGenerator.class, "flaky").isPresent(), 10);
        assertNotNull(session.start(new Experiment("", "test", "", List.of("flaky", "lift"), List.of("mean_height"), "bailando", 0, 0, "cpu", 0)));
        assertTrue(TestContexts.until(ui.display, () -> !session.running() && session.result() != null, 30), "the run finished");
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @Test
    void showsEachSequenceOfAGeneratorSortableByItsValues() throws Exception {
        SequencesPart part = ui.make(SequencesPart.class);
        ui.shell.open();
        part.select("lift");
        List<String[]> t = part.texts();
        assertEquals(List.of("Sequence", "Genre", "Status", "h"), List.of(t.get(0)), "a column per scalar the metric kept");
        assertEquals(List.of("s1", "s2", "s3"), t.subList(1, 4).stream().map(r -> r[0]).sorted().toList());
        part.sortBy(3, true);
        assertEquals(List.of(List.of("s3", "3.500"), List.of("s2", "2.500"), List.of("s1", "1.500")),
                part.texts().subList(1, 4).stream().map(r -> List.of(r[0], r[3])).toList(), "sorted by h, highest first");
        part.sortBy(3, false);
        assertEquals("s1", part.texts().get(1)[0], "and lowest first");

        part.select("flaky");
        String[] s2 = part.texts().stream().filter(r -> r[0].equals("s2")).findFirst().orElseThrow();
        assertEquals(List.of("failed: model file corrupt", "–"), List.of(s2[2], s2[3]), "a failed sequence says why, and has no value");
        assertTrue(part.status().startsWith("Flaky: 3 sequences, 1 failed"), part.status());
        String detail = SequenceRows.text(session.row("flaky"));
        assertTrue(detail.contains("s2: failed: model file corrupt"), detail);
        var h = java.util.regex.Pattern.compile("s1: h (\\S+?)[,\\n]").matcher(detail + "\n");
        assertTrue(h.find(), detail);
        assertEquals(0, Double.parseDouble(h.group(1)), 1e-6, "the copied value in full precision: " + detail);
    }

    @Test
    void aSequenceLinksToTheWatchViewWithItsGenerator() {
        SequencesPart part = ui.make(SequencesPart.class);
        part.select("lift");
        assertEquals(Map.of("org.choreolab.ui.commandparameter.dataset", "", "org.choreolab.ui.commandparameter.sequence", "s2",
                "org.choreolab.ui.commandparameter.generators", "lift"), part.watchParameters(part.row("s2")),
                "the run's dataset, the sequence, the generator beside the ground truth");
        part.select("ground_truth");
        assertEquals("", part.watchParameters(part.row("s1")).get("org.choreolab.ui.commandparameter.generators"),
                "the reference row: the ground truth alone");
    }
}
