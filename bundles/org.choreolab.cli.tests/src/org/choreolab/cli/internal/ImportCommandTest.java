package org.choreolab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.choreolab.testing.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@code choreolab import fact-checkpoint} on the TensorFlow-written checkpoint of the reference material. */
class ImportCommandTest {

    private CliHarness cli;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() throws InterruptedException {
        cli = new CliHarness(ImportCommandTest.class);
        out = cli.out;
        err = cli.err;
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void importsMintsCheckpointIntoAModelFolder(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("fact-mint");
        int rc = run("import", "fact-checkpoint", Reference.file("fact-checkpoint").toString(), "--out", model.toString(), "--config",
                Reference.file("fact-checkpoint/mint_tiny.config").toString());
        assertEquals(0, rc, err.toString());
        String o = out.toString();
        assertTrue(o.contains("(step 1000): 52 variables"), o);
        assertTrue(o.contains("FACT: 16 wide, 2 heads (mint_tiny.config (num_attention_heads)), MLP 40, 1 + 1 + 2 layers"), o);
        assertTrue(o.contains("104 optimizer slot variables"), o);
        assertTrue(o.contains("CHOREOLAB_FACT_MODEL=" + model.toAbsolutePath()), o);
        JsonNode json = new ObjectMapper().readTree(model.resolve("fact.json").toFile());
        assertEquals("16", json.path("config").path("hidden").asText());
        assertEquals(1000, json.path("trained").path("step").asLong());
        assertTrue(Files.size(model.resolve("fact.params")) > 4 * 20_000);
        // A second import into the same folder is refused unless forced.
        out.getBuffer().setLength(0);
        assertEquals(1, run("import", "fact-checkpoint", Reference.file("fact-checkpoint").toString(), "--out", model.toString(), "--heads", "2"));
        assertTrue(err.toString().contains("already holds a FACT model"), err.toString());
        assertEquals(0, run("import", "fact-checkpoint", Reference.file("fact-checkpoint").toString(), "--out", model.toString(), "--heads", "2",
                "--force", "--no-check"));
    }

    @Test
    void withoutHeadsOrOnAFolderWithoutACheckpointItSaysWhyInOneLine(@TempDir Path tmp) {
        assertEquals(1, run("import", "fact-checkpoint", Reference.file("fact-checkpoint").toString(), "--out", tmp.resolve("m").toString()));
        String e = err.toString().strip();
        assertTrue(e.startsWith("choreolab import fact-checkpoint: ") && e.contains("--heads"), "named by the whole command: " + e);
        assertFalse(e.contains("\n"), e);
        assertFalse(Files.exists(tmp.resolve("m")));
        err.getBuffer().setLength(0);
        assertEquals(1, run("import", "fact-checkpoint", tmp.toString(), "--out", tmp.resolve("m").toString(), "--heads", "2"));
        assertTrue(err.toString().contains("no TensorFlow checkpoint here"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("import", "fact-checkpoint", tmp.toString()));
        assertTrue(err.toString().contains("--out"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("import", "fact-checkpoint", tmp.toString(), "--out", tmp.resolve("m").toString(), "--heads", "-2"));
        assertTrue(err.toString().contains("--heads: expected a positive whole number"), err.toString());
    }
}
