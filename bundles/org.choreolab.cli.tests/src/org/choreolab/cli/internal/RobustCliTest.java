package org.choreolab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.OutputLock;
import org.choreolab.testing.Fakes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's side of robustness: a run whose generator failed on a sequence exits 3 (its
 * results written, the generator named), a second run on a busy output folder is refused, and
 * {@code --isolate} is checked.
 */
class RobustCliTest {

    private CliHarness cli;
    private StringWriter out;
    private StringWriter err;

    /** Fails on the sample's gBR test sequence, works on the others. */
    static final class HalfBroken implements MotionGenerator {
        @Override public GeneratorDescriptor descriptor() {
            return new GeneratorDescriptor("half-broken", "Half broken", "none", Map.of(), false);
        }
        @Override public MotionClip generate(GenerationRequest r, ProgressMonitor m) throws IOException {
            if (r.target().id().startsWith("gBR")) {
                throw new IOException("weights missing for break dance");
            }
            return r.dataset().motion(r.target()).slice(0, r.frames());
        }
    }

    @BeforeEach
    void setUp() throws InterruptedException {
        cli = new CliHarness(RobustCliTest.class);
        out = cli.out;
        err = cli.err;
        cli.register(Metric.class, new Fakes.MeanHeight());
        cli.register(MotionGenerator.class, new Fakes.Lift(1f));
        cli.register(MotionGenerator.class, new HalfBroken());
    }

    @AfterEach
    void tearDown() {
        cli.close();
        System.clearProperty(IsolateOption.PROPERTY);
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void aRunWhoseGeneratorFailedOnASequenceExitsThreeAndNamesIt(@TempDir Path dir) throws IOException {
        assertEquals(3, run("evaluate", "--quiet", "--generators", "lift,half-broken", "--metrics", "mean_height", "--out", dir.toString()),
                err.toString());
        assertTrue(err.toString().contains("choreolab evaluate: generator failed: half-broken: 2 of 20 sequences "
                + "(gBR_sBM_cAll_d04_mBR0_ch01: weights missing for break dance)"), err.toString());
        assertFalse(err.toString().contains("generator failed: lift"), err.toString());
        assertTrue(Files.readString(dir.resolve("results.md")).contains("| Half broken | none | 18/20 |"), "the results are written all the same");
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertEquals(0, run("evaluate", "--quiet", "--generators", "lift", "--metrics", "mean_height", "--out", dir.resolve("ok").toString()),
                err.toString());
    }

    @Test
    void aSecondRunOnABusyOutputFolderIsRefused(@TempDir Path dir) throws IOException {
        try (OutputLock held = OutputLock.acquire(dir)) {
            assertEquals(1, run("evaluate", "--quiet", "--generators", "lift", "--metrics", "mean_height", "--out", dir.toString()));
            assertTrue(err.toString().startsWith("choreolab evaluate: " + dir + " is in use by another run (pid "
                    + ProcessHandle.current().pid() + " on host "), err.toString());
            assertFalse(Files.exists(dir.resolve("sequences.jsonl")), "nothing written by the refused run");
        }
        assertEquals(0, run("evaluate", "--quiet", "--generators", "lift", "--metrics", "mean_height", "--out", dir.toString()), err.toString());
    }

    @Test
    void isolateTakesThreeModesAndTheWorkerCommandIsHidden(@TempDir Path dir) {
        assertEquals(2, run("evaluate", "--isolate", "sometimes", "--out", dir.toString()));
        assertTrue(err.toString().contains("'--isolate': expected all, third-party or none, got 'sometimes'"), err.toString());
        assertEquals(0, run("evaluate", "--isolate", "none", "--quiet", "--generators", "lift", "--metrics", "mean_height", "--out",
                dir.toString()), err.toString());
        assertEquals("none", System.getProperty(IsolateOption.PROPERTY), "the mode the generation service reads");
        out.getBuffer().setLength(0);
        assertEquals(0, run("help"));
        assertFalse(out.toString().contains("worker"), "help does not list the internal worker command: " + out);
        assertTrue(out.toString().contains("Exit codes: 0 success; 1 failure"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("evaluate", "--help"));
        assertTrue(out.toString().contains("--isolate=MODE") && out.toString().contains("Exit codes:")
                && out.toString().contains("3   the run completed and its results are written, but a generator failed"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("generate", "--help"));
        assertTrue(out.toString().contains("--isolate=MODE"), out.toString());
    }
}
