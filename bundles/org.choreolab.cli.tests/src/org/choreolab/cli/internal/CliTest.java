package org.choreolab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.testing.Fakes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The commands, run in-process inside the framework with the real registry and runner. */
class CliTest {

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private Services services;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(CliTest.class).getBundleContext();
        services = new Services(await(bc, ComponentRegistry.class), await(bc, ExperimentRunner.class));
        registrations.add(bc.registerService(DatasetReader.class, new Fakes.Reader(), null));
        registrations.add(bc.registerService(Metric.class, new Fakes.MeanHeight(), null));
        registrations.add(bc.registerService(MotionGenerator.class, new Fakes.Lift(1f), null));
    }

    @AfterEach
    void tearDown() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private static <T> T await(BundleContext bc, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, type, null);
        t.open();
        T s = t.waitForService(TimeUnit.SECONDS.toMillis(20));
        assertNotNull(s, type.getSimpleName());
        return s;
    }

    private int run(String... args) {
        return Cli.run(services, args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void componentsJsonListsKindIdNameAndBundle() throws IOException {
        assertEquals(0, run("components", "--json"));
        JsonNode a = new ObjectMapper().readTree(out.toString());
        assertEquals(3, a.size());
        JsonNode lift = a.get(1);
        assertEquals("generator", lift.get("kind").asText());
        assertEquals("lift", lift.get("id").asText());
        assertEquals("Lift", lift.get("name").asText());
        assertEquals("org.choreolab.cli", lift.get("bundle").asText());
    }

    @Test
    void evaluateWritesResultsAndTable(@TempDir Path dir) throws IOException {
        Path outDir = dir.resolve("run");
        assertEquals(0, run("evaluate", "--out", outDir.toString(), "--quiet"), err.toString());
        JsonNode json = new ObjectMapper().readTree(outDir.resolve("results.json").toFile());
        assertEquals(3.0, json.get("rows").get(1).get("set").get("mean_height").asDouble(), 1e-6, "heights 1..3 lifted by 1");
        assertTrue(Files.readString(outDir.resolve("results.md")).contains("| Lift | none | 3/3 | 3.0000 |"));
        assertTrue(out.toString().contains("Results written to " + outDir.toAbsolutePath()), out.toString());
    }

    @Test
    void aMalformedExperimentFileIsNamedWithLineAndField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("exp.json");
        Files.writeString(f, "{\n  \"split\": \"test\",\n  \"frames\": \"many\"\n}\n");
        assertEquals(1, run("evaluate", "--config", f.toString(), "--out", dir.resolve("o").toString()));
        String e = err.toString().trim();
        assertEquals(1, e.lines().count(), "one line: " + e);
        assertTrue(e.contains(f.toString()) && e.contains("line 3") && e.contains("'frames'"), e);
    }

    @Test
    void unknownGeneratorAndUnknownCommandFailWithTheirOwnExitCodes(@TempDir Path dir) {
        assertEquals(1, run("evaluate", "--generators", "nope", "--out", dir.toString()));
        assertTrue(err.toString().contains("unknown generator 'nope' (installed: [lift])"), err.toString());
        assertEquals(2, run("no-such-command"));
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"components", "evaluate"}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(c, "--help"));
            assertTrue(out.toString().startsWith("Usage: choreolab " + c), out.toString());
        }
    }
}
