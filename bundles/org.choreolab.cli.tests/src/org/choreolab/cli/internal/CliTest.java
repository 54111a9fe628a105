package org.choreolab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.testing.Fakes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The commands, run in-process inside the framework with the real registry and runner. */
class CliTest {

    private CliHarness cli;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() throws InterruptedException {
        cli = new CliHarness(CliTest.class);
        out = cli.out;
        err = cli.err;
        cli.register(Metric.class, new Fakes.MeanHeight());
        cli.register(MotionGenerator.class, new Fakes.Lift(1f));
    }

    @AfterEach
    void tearDown() {
        cli.close();
    }

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void enginesBenchmarkRefusesAMalformedSizeBeforeAnyWork() {
        assertEquals(2, run("engines", "benchmark", "--sizes", "small,small/hidden"));
        assertTrue(err.toString().contains("small/hidden: expected SIZE or SIZE/FIELD=VALUE"), err.toString());
        assertFalse(out.toString().contains("engine loaded"), "nothing is measured: " + out);
    }

    @Test
    void audioBenchmarkRefusesZeroRunsAsBadUsage() {
        assertEquals(2, run("audio", "benchmark", "--runs", "0"));
        assertTrue(err.toString().contains("--runs must be at least 1"), err.toString());
    }

    @Test
    void componentsJsonListsKindIdNameAndBundle() throws IOException {
        assertEquals(0, run("components", "--json"));
        JsonNode a = new ObjectMapper().readTree(out.toString());
        JsonNode lift = byId(a, "lift");
        assertEquals("generator", lift.get("kind").asText());
        assertEquals("Lift", lift.get("name").asText());
        assertEquals("org.choreolab.cli", lift.get("bundle").asText(), "registered by the test through its host's context");
        JsonNode aistpp = byId(a, "aistpp");
        assertEquals("dataset-reader", aistpp.get("kind").asText());
        assertEquals("org.choreolab.data.aistpp", aistpp.get("bundle").asText());
    }

    private static JsonNode byId(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no component " + id + " in " + array);
    }

    @Test
    void evaluateRunsOnTheEmbeddedSampleAndWritesResultsAndTable(@TempDir Path dir) throws IOException {
        Path outDir = dir.resolve("run");
        assertEquals(0, run("evaluate", "--out", outDir.toString(), "--quiet", "--generators", "lift"), err.toString());
        JsonNode json = new ObjectMapper().readTree(outDir.resolve("results.json").toFile());
        assertEquals("embedded sample", json.get("dataset").asText());
        assertEquals(20, json.get("sequenceIds").size(), "the sample's test split");
        double truth = json.get("rows").get(0).get("set").get("mean_height").asDouble();
        double lifted = json.get("rows").get(1).get("set").get("mean_height").asDouble();
        assertEquals(1.0, lifted - truth, 1e-5, "the Lift generator raises the ground truth by 1 m");
        String md = Files.readString(outDir.resolve("results.md"));
        assertTrue(md.contains("| Lift | none | 20/20 |"), md);
        assertEquals(40, Files.readAllLines(outDir.resolve("sequences.jsonl")).stream().filter(l -> !l.contains("\"ground_truth_pool\""))
                .count(), "20 sequences x 2 rows, appended as they completed");
        assertEquals(110, Files.readAllLines(outDir.resolve("sequences.jsonl")).stream().filter(l -> l.contains("\"ground_truth_pool\""))
                .count(), "the 110 other sequences of the sample, FID's ground-truth pool");
        assertTrue(out.toString().contains("Results written to " + outDir.toAbsolutePath()), out.toString());
    }

    @Test
    void datasetInfoSummarisesTheSample() {
        assertEquals(0, run("dataset", "info"), err.toString());
        String o = out.toString();
        assertTrue(o.contains("Sequences: 130 readable of 130 listed, 28m 27s in all"), o);
        assertTrue(o.matches("(?s).*test\\s+20\\s+3m 26s.*"), o);
        assertTrue(o.matches("(?s).*train\\s+90\\s+21m 32s.*"), o);
        assertTrue(o.matches("(?s).*gHO House\\s+13\\s+.*"), "the ignored house sequence is not counted: " + o);
        assertTrue(o.contains("Problems: none"), o);
    }

    @Test
    void exportJointsAndBvhWriteFilesOthersCanRead(@TempDir Path dir) throws IOException {
        assertEquals(0, run("dataset", "export-joints", "--split", "test", "--out", dir.toString()), err.toString());
        try (var files = Files.list(dir)) {
            assertEquals(20, files.filter(f -> f.toString().endsWith(".npy")).count());
        }
        var joints = org.choreolab.io.numpy.Npy.read(dir.resolve("gBR_sBM_cAll_d04_mBR0_ch01.npy"));
        assertEquals("(584, 24, 3)", joints.shapeString());
        assertEquals("<f4", joints.dtype());
        Path bvh = dir.resolve("x.bvh");
        assertEquals(0, run("dataset", "export-bvh", "--sequence", "gBR_sBM_cAll_d04_mBR0_ch01", "--out", bvh.toString()), err.toString());
        assertTrue(Files.readString(bvh).startsWith("HIERARCHY\nROOT root"));
        assertEquals(1, run("dataset", "export-bvh", "--sequence", "nope", "--out", bvh.toString()));
        assertTrue(err.toString().contains("choreolab dataset export-bvh: no sequence 'nope' in embedded sample"),
                "the error names the whole command: " + err);
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
    void unknownIdsAreUsageErrorsThatLeaveNoFolderAndAMissingDatasetFails(@TempDir Path dir) {
        // Bad usage exits 2 as the README promises (before #19 an unknown generator exited 1 after making the folder).
        String[][] bad = {{"--generators", "nope"}, {"--metrics", "nope"}, {"--protocol", "nope"}, {"--split", "nope"},
                {"--shard", "3/2"}, {"--compare", "lift,nope"}, {"--outputs", "x=" + dir.resolve("absent")}, {"--repeats", "-1"}};
        String[] said = {"--generators nope: no such generator", "--metrics nope: no such metric", "--protocol nope: no such protocol",
                "--split nope: no sequences in embedded sample", "--shard 3/2", "--compare lift,nope: nope is not a row",
                "--outputs x=" + dir.resolve("absent") + ": not a folder", "repeats: expected"};
        for (int i = 0; i < bad.length; i++) {
            err.getBuffer().setLength(0);
            Path o = dir.resolve("run" + i);
            assertEquals(2, run("evaluate", bad[i][0], bad[i][1], "--out", o.toString(), "--quiet"), String.join(" ", bad[i]));
            assertTrue(err.toString().contains(said[i]), err.toString());
            assertTrue(err.toString().contains("Usage: choreolab evaluate"), "the usage follows the error: " + err);
            assertTrue(!Files.exists(o), "no result folder for a usage error: " + String.join(" ", bad[i]));
        }
        err.getBuffer().setLength(0);
        assertEquals(1, run("evaluate", "--dataset", dir.resolve("missing").toString()));
        assertTrue(err.toString().startsWith("choreolab evaluate: ") && err.toString().contains("missing: not a folder (expected a dataset folder)"),
                err.toString());
        assertEquals(2, run("no-such-command"));
    }

    @Test
    void metricsCommandReproducesTheReferenceSetValues(@TempDir Path dir) throws IOException {
        Path gt = Files.createDirectories(dir.resolve("gt")), pred = Files.createDirectories(dir.resolve("pred"));
        unzip(org.choreolab.testing.Reference.file("metrics/gt_joints.npz"), gt);
        unzip(org.choreolab.testing.Reference.file("metrics/pred_joints.npz"), pred);
        Path outFile = dir.resolve("m.json");
        assertEquals(0, run("metrics", "--gt", gt.toString(), "--pred", pred.toString(), "--music",
                org.choreolab.testing.Reference.file("metrics/music_beats").toString(), "--metrics", "fid_k,fid_g,div_k,div_g,bas",
                "--out", outFile.toString()), err.toString());
        JsonNode r = new ObjectMapper().readTree(outFile.toFile());
        JsonNode golden = new ObjectMapper().readTree(org.choreolab.testing.Reference.file("metrics/golden.json").toFile()).get("set");
        assertEquals("bailando", r.get("protocol").asText());
        JsonNode set = r.get("set");
        assertEquals(golden.get("fid_k").asDouble(), set.get("fid_k").asDouble(), 1e-4 * golden.get("fid_k").asDouble());
        assertEquals(golden.get("fid_g").asDouble(), set.get("fid_g").asDouble(), 1e-4 * golden.get("fid_g").asDouble());
        assertEquals(golden.get("div_k").asDouble(), set.get("div_k").asDouble(), 1e-6 * golden.get("div_k").asDouble());
        assertEquals(golden.get("div_g_gt").asDouble(), set.get("div_g_gt").asDouble(), 1e-6 * golden.get("div_g_gt").asDouble());
        assertEquals(golden.get("bas_pred").asDouble(), set.get("bas").asDouble(), 1e-6);
        assertEquals(golden.get("bas_gt").asDouble(), set.get("bas_gt").asDouble(), 1e-6);
        JsonNode one = r.get("sequences").get("gBR_sBM_cAll_d07_mBR5_ch06");
        assertEquals(72, one.get("kinetic").size());
        assertEquals(32, one.get("geometric").size());
        assertTrue(one.get("bas").isNumber());
        assertTrue(out.toString().contains("| FID_k ↓ |"), out.toString());
        // Without the required folders: a usage error.
        assertEquals(2, run("metrics", "--gt", gt.toString()));
    }

    private static void unzip(Path npz, Path dir) throws IOException {
        try (var z = new java.util.zip.ZipFile(npz.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                try (var in = z.getInputStream(e)) {
                    Files.copy(in, dir.resolve(e.getName()));
                }
            }
        }
    }

    @Test
    void evaluateScoresTheSampleWithTheRealMetrics(@TempDir Path dir) throws IOException {
        assertEquals(0, run("evaluate", "--out", dir.toString(), "--quiet", "--generators", "lift", "--metrics", "fid_k,fid_g,div_k,div_g,bas,pfc"),
                err.toString());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode truth = json.get("rows").get(0), lift = json.get("rows").get(1);
        assertEquals("ground_truth", truth.get("id").asText());
        // Lifting every joint by 1 m changes no velocity and no relative geometry under bailando (root of frame 0
        // subtracted); only float32 rounding of the lifted coordinates differs.
        for (String m : List.of("div_k", "div_g", "bas", "pfc")) {
            double t = truth.get("set").get(m).asDouble();
            assertEquals(t, lift.get("set").get(m).asDouble(), 1e-5 * Math.max(1, Math.abs(t)), m);
        }
        assertTrue(truth.get("set").get("bas").asDouble() > 0.5, "the sample's dancers move on the beat: " + truth.get("set"));
        assertTrue(truth.get("set").get("fid_k").asDouble() >= 0, "test split against the whole sample");
    }

    @Test
    void audioFeaturesWriteTheFactFeaturesAndTheirStages(@TempDir Path dir) throws IOException {
        Path wav = org.choreolab.testing.Reference.file("audio/wav/mKR0.wav");
        Path npy = dir.resolve("f.npy");
        assertEquals(0, run("audio", "features", "--in", wav.toString(), "--out", npy.toString(), "--start-bpm", "120",
                "--stages", dir.resolve("stages").toString()), err.toString());
        var f = org.choreolab.io.numpy.Npy.read(npy);
        assertEquals("(961, 35)", f.shapeString());
        assertEquals("<f4", f.dtype());
        JsonNode rhythm = new ObjectMapper().readTree(dir.resolve("stages/rhythm.json").toFile());
        assertEquals(3600.0 / 22, rhythm.get("tempo").asDouble(), 1e-9, "the reference's tempo for this signal");
        assertTrue(Files.exists(dir.resolve("stages/chroma_cens.npy")));
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "RIFF nonsense");
        assertEquals(1, run("audio", "features", "--in", bad.toString(), "--out", npy.toString()));
        assertTrue(err.toString().contains("choreolab audio features: " + bad + ": RIFF header: not a readable WAV file"), err.toString());
    }

    @Test
    void theBaselinesRunOnTheSampleAndRepeatThemselves(@TempDir Path dir) throws IOException {
        String[] args = {"evaluate", "--quiet", "--generators", "random-clip,nearest-music", "--metrics", "fid_k,div_k,bas"};
        assertEquals(0, run(concat(args, "--out", dir.resolve("a").toString())), err.toString());
        assertEquals(0, run(concat(args, "--out", dir.resolve("b").toString())), err.toString());
        JsonNode a = new ObjectMapper().readTree(dir.resolve("a/results.json").toFile());
        JsonNode b = new ObjectMapper().readTree(dir.resolve("b/results.json").toFile());
        for (int row = 1; row <= 2; row++) {
            JsonNode r = a.get("rows").get(row);
            assertTrue(r.get("error") == null && r.get("setErrors").isEmpty(), r.toString());
            for (String m : List.of("fid_k", "div_k", "bas")) {
                assertTrue(Double.isFinite(r.get("set").get(m).asDouble()), m);
                assertEquals(r.get("set").get(m).asDouble(), b.get("rows").get(row).get("set").get(m).asDouble(), 0.0,
                        "same seed, same numbers: " + m);
            }
        }
        // Copies of real dances keep real dances' beat alignment, which the sample makes high.
        assertTrue(a.get("rows").get(1).get("set").get("bas").asDouble() > 0.3);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void shardsMergeIntoExactlyTheUnshardedTable(@TempDir Path dir) throws IOException {
        String[] args = {"evaluate", "--quiet", "--generators", "lift,random-clip", "--metrics", "fid_k,div_g,bas"};
        assertEquals(0, run(concat(args, "--out", dir.resolve("whole").toString())), err.toString());
        assertEquals(0, run(concat(args, "--out", dir.resolve("s1").toString(), "--shard", "1/2")), err.toString());
        assertEquals(0, run(concat(args, "--out", dir.resolve("s2").toString(), "--shard", "2/2")), err.toString());
        JsonNode s1 = new ObjectMapper().readTree(dir.resolve("s1/results.json").toFile());
        assertEquals(10, s1.get("sequenceIds").size(), "20 test sequences in 2 shards");
        assertEquals(0, run("merge", dir.resolve("s1").toString(), dir.resolve("s2").toString(), "--out",
                dir.resolve("merged").toString(), "--quiet"), err.toString());
        JsonNode whole = new ObjectMapper().readTree(dir.resolve("whole/results.json").toFile());
        JsonNode merged = new ObjectMapper().readTree(dir.resolve("merged/results.json").toFile());
        assertEquals(whole.get("sequenceIds"), merged.get("sequenceIds"));
        for (int r = 0; r < 3; r++) {
            assertEquals(whole.get("rows").get(r).get("set"), merged.get("rows").get(r).get("set"), "row " + r);
            assertEquals(whole.get("rows").get(r).get("sequences"), merged.get("rows").get(r).get("sequences"), "row " + r);
        }
        // Intervals, flags and comparisons are recomputed from the merged per-sequence values: the same as unsharded.
        assertTrue(whole.get("confidence").get("random-clip").get("fid_k").size() == 2, whole.get("confidence").toString());
        assertEquals(whole.get("confidence"), merged.get("confidence"));
        assertEquals(whole.get("flags"), merged.get("flags"));
        assertEquals(whole.get("comparisons"), merged.get("comparisons"));
        assertTrue(whole.get("comparisons").size() > 0, "the best two generators compared per metric");
        assertEquals(Files.readString(dir.resolve("whole/results.md")), Files.readString(dir.resolve("merged/results.md")));
        assertEquals(Files.readString(dir.resolve("whole/results.csv")), Files.readString(dir.resolve("merged/results.csv")));
        assertTrue(Files.readString(dir.resolve("merged/results.tex")).contains("\\toprule"));
        assertTrue(Files.size(dir.resolve("merged/chart-fid_k.png")) > 1000, "a PNG bar chart");
        String html = Files.readString(dir.resolve("merged/report.html"));
        assertTrue(html.contains("BAS ↑ per genre") && html.contains("<img src=\"chart-fid_k.png\""), html);
        assertEquals(1, run("merge", dir.resolve("s1").toString(), dir.resolve("whole").toString().replace("whole", "nothere"),
                "--out", dir.resolve("m2").toString()));
    }

    @Test
    void anInterruptedRunResumesToTheSameResults(@TempDir Path dir) throws IOException {
        String[] args = {"evaluate", "--quiet", "--generators", "lift,random-clip", "--metrics", "fid_k,div_k,bas"};
        Path full = dir.resolve("full"), cut = dir.resolve("cut");
        assertEquals(0, run(concat(args, "--out", full.toString())), err.toString());
        List<String> lines = Files.readAllLines(full.resolve("sequences.jsonl"));
        // A run killed while writing: five complete lines, then half of the sixth.
        Files.createDirectories(cut);
        Files.copy(full.resolve("experiment.json"), cut.resolve("experiment.json"));
        Files.writeString(cut.resolve("sequences.jsonl"), String.join("\n", lines.subList(0, 5)) + "\n"
                + lines.get(5).substring(0, lines.get(5).length() / 2));
        assertEquals(0, run(concat(args, "--out", cut.toString())), err.toString());
        assertTrue(err.toString().contains("Resuming: 5 sequence results"), err.toString());
        JsonNode a = new ObjectMapper().readTree(full.resolve("results.json").toFile());
        JsonNode b = new ObjectMapper().readTree(cut.resolve("results.json").toFile());
        assertEquals(a.get("rows"), b.get("rows"), "no result lost or counted twice");
        assertEquals(lines.size(), Files.readAllLines(cut.resolve("sequences.jsonl")).size());
        // Another experiment in the same folder is refused.
        assertEquals(1, run("evaluate", "--quiet", "--generators", "lift", "--out", cut.toString()));
        assertTrue(err.toString().contains("holds results of another experiment"), err.toString());
    }

    @Test
    void slurmWritesAnArrayAndADependentMerge(@TempDir Path dir) throws IOException {
        Path exp = dir.resolve("exp.json");
        Files.writeString(exp, "{\"generators\": [\"random-clip\"]}");
        assertEquals(0, run("slurm", "--experiment", exp.toString(), "--shards", "4", "--out", dir.resolve("run").toString(),
                "--partition", "gpu"), err.toString());
        String array = Files.readString(dir.resolve("run/slurm/evaluate.sbatch"));
        assertTrue(array.contains("#SBATCH --array=1-4\n") && array.contains("#SBATCH --partition=gpu\n"), array);
        assertTrue(array.contains("--shard \"${SLURM_ARRAY_TASK_ID}/4\""), array);
        assertTrue(array.contains("evaluate --config '" + exp.toAbsolutePath() + "'"), array);
        String merge = Files.readString(dir.resolve("run/slurm/merge.sbatch"));
        assertTrue(merge.contains(" merge '" + dir.resolve("run") + "/shard-1' ") && merge.contains("/shard-4' --out '"), merge);
        assertTrue(out.toString().contains("--dependency=afterok:$jid"), out.toString());
        Files.writeString(exp, "{\"generators\": 3}");
        assertEquals(1, run("slurm", "--experiment", exp.toString(), "--shards", "2", "--out", dir.resolve("bad").toString()));
        assertTrue(err.toString().contains("generators"), err.toString());
    }

    @Test
    void installRefusesBrokenBundlesWithTheReason(@TempDir Path dir) throws IOException {
        Path engine = bundle(dir, "needs.engine", "Require-Capability", "choreolab.engine;filter:=\"(engine=PyTorch)\"");
        assertEquals(1, run("install", engine.toString()));
        assertTrue(err.toString().contains(engine + ": does not resolve") && err.toString().contains("choreolab.engine"), err.toString());
        Path api = bundle(dir, "wrong.api", "Import-Package", "org.choreolab.api.model;version=\"[2,3)\"");
        assertEquals(1, run("install", api.toString()));
        assertTrue(err.toString().contains(api + ": does not resolve") && err.toString().contains("org.choreolab.api.model"), err.toString());
        Path empty = bundle(dir, "no.generator", "Bundle-Name", "Nothing inside");
        assertEquals(1, run("install", empty.toString()));
        assertTrue(err.toString().contains(empty + ": registers no MotionGenerator service"), err.toString());
        Path plain = dir.resolve("plain.jar");
        Files.write(plain, new byte[] {'P', 'K', 3, 4});
        assertEquals(1, run("install", plain.toString()));
        var ctx = org.osgi.framework.FrameworkUtil.getBundle(CliTest.class).getBundleContext();
        for (var b : ctx.getBundles()) {
            assertTrue(!b.getLocation().startsWith("choreolab-trial:"), "no trial bundle stays: " + b.getLocation());
        }
    }

    private static Path bundle(Path dir, String bsn, String header, String value) throws IOException {
        var m = new java.util.jar.Manifest();
        var a = m.getMainAttributes();
        a.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue(header, value);
        Path jar = dir.resolve(bsn + ".jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), m)) {
            out.flush();
        }
        return jar;
    }

    @Test
    void evaluateHandsGeneratorsTheMusicFeatures(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("exp.json");
        Files.writeString(config, "{\"encoder\": \"fact35\", \"generators\": [\"lift\"], \"metrics\": [\"mean_height\"]}");
        assertEquals(0, run("evaluate", "--config", config.toString(), "--out", dir.resolve("o").toString(), "--quiet"), err.toString());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("o/results.json").toFile());
        assertEquals("fact35", json.get("experiment").get("encoder").asText());
        assertTrue(json.get("rows").get(1).get("sequences").get("gBR_sBM_cAll_d04_mBR0_ch01").get("error") == null,
                json.get("rows").get(1).toString());
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"components", "evaluate", "dataset", "dataset info", "dataset export-joints", "dataset benchmark", "metrics", "metrics benchmark", "audio", "audio features", "audio benchmark", "merge", "slurm", "evaluate benchmark", "install", "uninstall"}) {
            out.getBuffer().setLength(0);
            String[] args = (c + " --help").split(" ");
            assertEquals(0, run(args));
            assertTrue(out.toString().startsWith("Usage: choreolab " + c), out.toString());
            out.getBuffer().setLength(0);
            assertEquals(0, run(("help " + c).split(" ")));
            assertTrue(out.toString().startsWith("Usage: choreolab " + c), "help COMMAND: " + out);
        }
        assertEquals(2, run("help", "nope"));
    }

    @Test
    void helpSummariesAreWholeSentences() {
        assertEquals(0, run("help"));
        List<String> listed = out.toString().lines().filter(l -> l.matches("  [a-z][\\w-]* {2,}\\S.*")).toList();
        assertTrue(listed.size() >= 12, "the command list: " + out);
        for (String l : listed) {
            assertTrue(!l.trim().endsWith(":") && !l.trim().endsWith(","), "a summary cut at a colon or comma: " + l);
        }
        out.getBuffer().setLength(0);
        assertEquals(0, run("dataset", "--help"));
        assertTrue(out.toString().contains("export-joints") && !out.toString().lines().anyMatch(l -> l.trim().endsWith(":")
                && l.startsWith("  export")), out.toString());
    }

    @Test
    void theReadmeCommandTableIsTheOneHelpPrints() throws IOException {
        assertEquals(0, run("help", "--markdown"));
        String table = out.toString();
        assertTrue(table.startsWith("| command | what it does |\n|---|---|\n"), table);
        assertTrue(table.contains("| `./choreolab evaluate [--config FILE] [--out DIR] [--dataset DIR] [--split NAME] [--generators ID,…]"), table);
        assertTrue(table.contains("[--outputs NAME=DIR]…"), table);
        assertTrue(table.contains("| `./choreolab generate --generator ID"), table);
        assertTrue(table.contains("| `./choreolab workbench` |"), table);
        assertTrue(!table.contains("| `./choreolab dataset ` |") && !table.contains("| `./choreolab dataset` |"),
                "a group that only lists its subcommands has no row");
        String readme = Files.readString(org.choreolab.testing.Reference.repositoryFile("README.md"));
        int a = readme.indexOf(Help.BEGIN), b = readme.indexOf(Help.END);
        assertTrue(a >= 0 && b > a, "README.md holds the generated table between " + Help.BEGIN + " and " + Help.END);
        if (!table.equals(readme.substring(a + Help.BEGIN.length() + 1, b))) {
            Path generated = Path.of("target", "help-markdown.md").toAbsolutePath();
            Files.createDirectories(generated.getParent());
            Files.writeString(generated, table);
            throw new AssertionError("README.md's command table differs from './choreolab help --markdown': paste that command's output "
                    + "(written to " + generated + ") between the markers");
        }
    }

    @Test
    void aStoppedRunSaysWhatIsKeptAndTheCommandThatResumesIt() {
        Path out = Path.of("/tmp/run 1");
        String m = Interruption.evaluateStopped("./choreolab", List.of("evaluate", "--fresh", "--generators", "random-clip", "--out",
                "run 1", "--param", "fact-pytorch:feedback=raw"), out, 12);
        assertEquals("choreolab evaluate: stopped. 12 sequence results are kept in /tmp/run 1/sequences.jsonl; nothing finished is lost.\n"
                + "Resume with:\n  ./choreolab evaluate --generators random-clip --out '/tmp/run 1' --param fact-pytorch:feedback=raw", m);
        assertEquals("choreolab evaluate --out /tmp/x", Interruption.resumeCommand("choreolab", List.of("evaluate"), Path.of("/tmp/x")),
                "a run without --out resumes in the folder it made");
        assertEquals("choreolab evaluate --out /tmp/x", Interruption.resumeCommand("choreolab", List.of("evaluate", "--out=y"),
                Path.of("/tmp/x")));
        assertEquals("'it'\\''s'", Interruption.quote("it's"));
        String g = Interruption.generateStopped("choreolab", List.of("generate", "--generator", "fact-pytorch", "--out", "/tmp/g"),
                Path.of("/tmp/g"), 1);
        assertTrue(g.startsWith("choreolab generate: stopped. 1 clip is written in /tmp/g;") && g.endsWith(
                "choreolab generate --generator fact-pytorch --out /tmp/g"), g);
    }

    @Test
    void numbersReadTheSameInEveryOutput() {
        assertEquals("1.231e20", org.choreolab.report.Numbers.format(123135568400025160000.0));
        assertEquals("153.2", org.choreolab.report.Numbers.format(153.2351));
        assertEquals("0.2345", org.choreolab.report.Numbers.format(0.23451));
        assertEquals("10.00", org.choreolab.report.Numbers.format(9.99996));
        assertEquals("1235", org.choreolab.report.Numbers.format(1234.5));
        assertEquals("4.500e-5", org.choreolab.report.Numbers.format(0.000045));
        assertEquals("-2.000", org.choreolab.report.Numbers.format(-2));
        assertEquals("[19.12, 28.90]", org.choreolab.report.Numbers.interval(19.1234, 28.9, 23.456));
        assertEquals("123135568400025160000", org.choreolab.report.Numbers.full(123135568400025160000.0).replace("1.2313556840002516e20",
                "123135568400025160000"), "CSV: full precision");
        assertEquals("1.2313556840002516e20", org.choreolab.report.Numbers.full(123135568400025160000.0));
        assertEquals("0.1", org.choreolab.report.Numbers.full(0.1));
        assertEquals("< 0.001", org.choreolab.report.Numbers.pValue(0.0004));
    }

    /** Mean root height of frame 0, flagged degenerate on a lifted set (above 2 m) and with a note always. */
    static final class Flagging implements Metric {
        @Override public String id() { return "flagged_height"; }
        @Override public String name() { return "Flagged height"; }
        @Override public List<String> protocols() { return List.of("bailando"); }
        @Override public org.choreolab.api.metric.SequenceValues sequence(org.choreolab.api.metric.MetricInput in) {
            return new org.choreolab.api.metric.SequenceValues(in.sequenceId(), java.util.Map.of(),
                    java.util.Map.of("h", (double) in.motion().position(0, 0, 1)));
        }
        @Override public double summarize(List<org.choreolab.api.metric.SequenceValues> gen, List<org.choreolab.api.metric.SequenceValues> gt,
                String protocol) {
            return gen.stream().mapToDouble(v -> v.scalars().get("h")).average().orElseThrow();
        }
        @Override public org.choreolab.api.metric.SetValue evaluate(List<org.choreolab.api.metric.SequenceValues> gen,
                List<org.choreolab.api.metric.SequenceValues> gt, String protocol) {
            double v = summarize(gen, gt, protocol);
            List<org.choreolab.api.metric.Flag> flags = new ArrayList<>();
            if (v > 1.5) {
                flags.add(org.choreolab.api.metric.Flag.degenerate("lifted", "the dancers float above the floor"));
            }
            flags.add(org.choreolab.api.metric.Flag.note("demo_note", "a note for every value"));
            return new org.choreolab.api.metric.SetValue(v, flags);
        }
    }

    @Test
    void aFlaggedValueIsMarkedWithItsReasonInEveryOutput(@TempDir Path dir) throws IOException {
        cli.register(Metric.class, new Flagging());
        assertEquals(0, run("evaluate", "--out", dir.toString(), "--generators", "lift", "--metrics", "flagged_height,mean_height"),
                err.toString());
        String console = out.toString();
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(console.contains(md.strip()), "the console prints results.md");
        String liftRow = md.lines().filter(l -> l.startsWith("| Lift |")).findFirst().orElseThrow();
        java.util.regex.Matcher cell = java.util.regex.Pattern.compile("\\| \\S+ \\[[^]]+\\] ⚠(\\d+) \\[(\\d+)\\] \\|").matcher(liftRow);
        assertTrue(cell.find(), "value, interval, ⚠n beside it and [m] in the cell: " + liftRow);
        String degenerate = cell.group(1), note = cell.group(2);
        assertTrue(md.contains("- ⚠" + degenerate + " flagged_height of Lift — degenerate (lifted): the dancers float above the floor"), md);
        assertTrue(md.contains("- [" + note + "] flagged_height of Ground truth, Lift — note (demo_note): a note for every value"),
                "one footnote for one reason: " + md);
        String truthRow = md.lines().filter(l -> l.startsWith("| *Ground truth* |")).findFirst().orElseThrow();
        assertTrue(!truthRow.contains("⚠"), "the ground truth is not lifted: " + truthRow);
        String csv = Files.readString(dir.resolve("results.csv"));
        assertTrue(csv.lines().findFirst().orElseThrow().contains("flagged_height,flagged_height_low,flagged_height_high,flagged_height_flags"), csv);
        assertTrue(csv.contains("degenerate lifted: the dancers float above the floor | note demo_note: a note for every value"), csv);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode flag = json.get("flags").get("lift").get("flagged_height").get(0);
        assertEquals("lifted", flag.get("code").asText());
        assertEquals("degenerate", flag.get("severity").asText());
        assertEquals("the dancers float above the floor", flag.get("reason").asText());
        JsonNode ci = json.get("confidence").get("lift").get("mean_height");
        double v = json.get("rows").get(1).get("set").get("mean_height").asDouble();
        assertTrue(ci.get(0).asDouble() <= v && v <= ci.get(1).asDouble(), ci + " holds " + v);
        String tex = Files.readString(dir.resolve("results.tex"));
        assertTrue(tex.contains("$^{\\dagger " + degenerate + "," + note + "}$") && tex.contains("degenerate (lifted): the dancers float above the floor"),
                tex);
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("class=\"degenerate\"") && html.contains("degenerate (lifted): the dancers float above the floor"), html);
    }

    @Test
    void outputFoldersAreScoredAsRowsAndAMissingSequenceIsListed(@TempDir Path dir) throws IOException {
        Path joints = dir.resolve("joints");
        assertEquals(0, run("dataset", "export-joints", "--split", "test", "--out", joints.toString()), err.toString());
        Files.delete(joints.resolve("gBR_sBM_cAll_d04_mBR0_ch01.npy"));
        Files.writeString(joints.resolve("notes.txt"), "not motion: left alone");
        Files.writeString(joints.resolve("broken.npy"), "not a numpy file");
        Path o = dir.resolve("o");
        // Exit 3: the results are written, but a row (the folder) lacks a sequence, named on stderr.
        assertEquals(3, run("evaluate", "--out", o.toString(), "--generators", "lift", "--metrics", "mean_height", "--outputs",
                "mine=" + joints), err.toString());
        assertTrue(err.toString().contains("generator failed: mine: 1 of 20 sequences (gBR_sBM_cAll_d04_mBR0_ch01: missing: no file"),
                err.toString());
        JsonNode json = new ObjectMapper().readTree(o.resolve("results.json").toFile());
        JsonNode mine = json.get("rows").get(2);
        assertEquals("mine", mine.get("id").asText());
        assertEquals("output", mine.get("kind").asText());
        assertEquals("missing: no file for this sequence in " + joints,
                mine.get("sequences").get("gBR_sBM_cAll_d04_mBR0_ch01").get("error").asText());
        assertEquals(mean(json.get("rows").get(0), "gBR_sBM_cAll_d04_mBR0_ch01"), mine.get("set").get("mean_height").asDouble(), 1e-5,
                "the exported ground truth scores as the ground truth on the other 19 sequences");
        assertEquals("[\"gBR_sBM_cAll_d04_mBR0_ch01\"]", json.get("outputs").get("mine").get("missing").toString());
        assertEquals(joints.toString(), new ObjectMapper().readTree(o.resolve("experiment.json").toFile()).get("outputs").get("mine").asText());
        String md = Files.readString(o.resolve("results.md"));
        assertTrue(md.contains("| mine | folder | 19/20 |"), md);
        assertTrue(md.contains("19 of 20 sequences have a file; missing (1): gBR_sBM_cAll_d04_mBR0_ch01"), md);
        assertTrue(md.contains("(joints, 60 fps, y up: 19 files)") || md.contains("joints, 60 fps, y up: 19 files"), "how it was read: " + md);
        assertTrue(md.contains("  - " + joints.resolve("broken.npy")), "an unreadable file is listed: " + md);
        assertTrue(!md.contains("notes.txt"), "files that are not motion are left alone: " + md);
    }

    /** The mean of a row's per-sequence "h" values without one sequence. */
    private static double mean(JsonNode row, String without) {
        double s = 0;
        int n = 0;
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) row.get("sequences")::fields) {
            if (!e.getKey().equals(without)) {
                s += e.getValue().get("values").get("mean_height").get("h").asDouble();
                n++;
            }
        }
        return s / n;
    }

    @Test
    void metricsWithoutMusicSaysBeatAlignWasLeftOutAndWhy(@TempDir Path dir) throws IOException {
        Path gt = Files.createDirectories(dir.resolve("gt")), pred = Files.createDirectories(dir.resolve("pred"));
        unzip(org.choreolab.testing.Reference.file("metrics/gt_joints.npz"), gt);
        unzip(org.choreolab.testing.Reference.file("metrics/pred_joints.npz"), pred);
        assertEquals(0, run("metrics", "--gt", gt.toString(), "--pred", pred.toString(), "--out", dir.resolve("m.json").toString()),
                err.toString());
        assertTrue(out.toString().contains("| BAS ↑ | left out: no --music (Beat Align needs the music's beat frames) |"), out.toString());
        assertTrue(out.toString().contains("| PFC ×10⁴ ↓ |"), "one unit per metric, labelled: " + out);
        JsonNode r = new ObjectMapper().readTree(dir.resolve("m.json").toFile());
        assertTrue(r.get("leftOut").has("bas"), r.get("leftOut").toString());
        assertTrue(r.get("conventions").get("fid_k").has("frames"), "the metric's conventions, not its description: " + r.get("conventions"));
    }

    @Test
    void repeatsReportTheSpreadOfEachValue(@TempDir Path dir) throws IOException {
        assertEquals(0, run("evaluate", "--out", dir.toString(), "--quiet", "--generators", "random-clip,lift", "--metrics", "mean_height",
                "--repeats", "3"), err.toString());
        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        JsonNode rc = json.get("repeats").get("random-clip");
        assertEquals("[0,1,2]", rc.get("seeds").toString());
        assertTrue(!rc.get("deterministic").asBoolean());
        assertEquals(3, rc.get("set").get("mean_height").get("values").size());
        assertTrue(json.get("repeats").get("lift").get("deterministic").asBoolean(), "lift ignores the seed: ran twice");
        assertEquals("[0,1]", json.get("repeats").get("lift").get("seeds").toString());
        String md = Files.readString(dir.resolve("results.md"));
        assertTrue(md.contains("## Repeats") && md.contains("| Lift (deterministic) | 0, 1 |"), md);
    }

    @Test
    void renderWritesACompactGifWithTheUsualPermissionsAndSaysItsSize(@TempDir Path dir) throws IOException {
        Path gif = dir.resolve("dance.gif");
        assertEquals(0, run("render", "--sequence", "gBR_sBM_cAll_d04_mBR0_ch01", "--generators", "random-clip", "--to", "10", "--out",
                gif.toString()), err.toString());
        long bytes = Files.size(gif);
        System.out.printf("render: 10 s, 2 panels of 240 x 270 at 12.5 fps: %,d bytes%n", bytes);
        assertTrue(out.toString().contains("Rendered 2 clip(s) to " + gif.toAbsolutePath() + " (" + RenderCommand.size(bytes) + ", 480 × 270 pixels)"),
                out.toString());
        Path probe = Files.createFile(dir.resolve("probe"));
        if (Files.getFileStore(gif).supportsFileAttributeView("posix")) {
            assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(gif), "a new file's permissions (the umask's)");
        }
        try (var in = javax.imageio.ImageIO.createImageInputStream(gif.toFile())) {
            var reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(125, reader.getNumImages(true), "10 s at 12.5 frames per second");
            assertEquals(480, reader.getWidth(0));
        }
        assertTrue(bytes < 1_500_000, "10 s of two dancers in a few hundred kB, not megabytes: " + bytes);
    }

    @Test
    void generateKeepsClipsAlreadyWrittenWhenRunAgain(@TempDir Path dir) throws IOException {
        String[] args = {"generate", "--generator", "random-clip", "--sequences", "gBR_sBM_cAll_d04_mBR0_ch01", "--frames", "30", "--out",
                dir.toString()};
        assertEquals(0, run(args), err.toString());
        assertEquals(0, run(args), err.toString());
        assertTrue(err.toString().contains("Resuming: 1 clip(s) already in"), err.toString());
        assertTrue(out.toString().contains("0 clip(s) written to " + dir.toAbsolutePath() + ", 1 kept from before"), out.toString());
        assertEquals(1, run("generate", "--generator", "random-clip", "--seed", "5", "--out", dir.toString()));
        assertTrue(err.toString().contains("holds clips of another generate run"), err.toString());
    }

    /** Joint positions only (a keypoint model): the sample's ground truth, lifted, without rotations; records its requests. */
    static final class Keypoints implements MotionGenerator {
        final String id;
        final List<org.choreolab.api.model.GenerationRequest> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Keypoints(String id) { this.id = id; }
        @Override public org.choreolab.api.model.GeneratorDescriptor descriptor() {
            return new org.choreolab.api.model.GeneratorDescriptor(id, "Keypoints " + id, "none", java.util.Map.of("feedback", "projected"),
                    org.choreolab.api.model.GeneratorNeeds.nothing(org.choreolab.api.model.GeneratorOutput.JOINT_POSITIONS));
        }
        @Override public org.choreolab.api.motion.MotionClip generate(org.choreolab.api.model.GenerationRequest r,
                org.choreolab.api.ProgressMonitor m) throws IOException {
            seen.add(r);
            var truth = r.dataset().motion(r.target()).slice(0, r.frames());
            float[] p = truth.positions(new float[3 * truth.skeleton().jointCount() * r.frames()]);
            return new org.choreolab.api.motion.MotionClip(truth.skeleton(), truth.fps(), null, null, p);
        }
    }

    @Test
    void generateTakesParametersAndWritesJointsOnlyForAPositionsGenerator(@TempDir Path dir) throws IOException {
        Keypoints k = new Keypoints("keypoints");
        cli.register(MotionGenerator.class, k);
        assertEquals(0, run("generate", "--generator", "keypoints", "--sequences", "gBR_sBM_cAll_d04_mBR0_ch01", "--frames", "90",
                "--param", "feedback=raw", "-p", "extra=1", "--out", dir.toString()), err.toString());
        assertEquals(java.util.Map.of("feedback", "raw", "extra", "1"), k.seen.get(0).parameters(), "the overrides reach the request");
        assertEquals(90, k.seen.get(0).frames());
        assertTrue(Files.exists(dir.resolve("joints/gBR_sBM_cAll_d04_mBR0_ch01.npy")), "joints always");
        assertTrue(!Files.exists(dir.resolve("motions/gBR_sBM_cAll_d04_mBR0_ch01.pkl")), "no AIST++ motion without rotations");
        assertEquals("(90, 24, 3)", org.choreolab.io.numpy.Npy.read(dir.resolve("joints/gBR_sBM_cAll_d04_mBR0_ch01.npy")).shapeString());
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("generate.json").toFile());
        assertEquals("raw", manifest.get("parameters").get("feedback").asText(), "the override recorded over the declared value");
        assertEquals("1", manifest.get("parameters").get("extra").asText(), "an unknown key is recorded");
        assertEquals("raw", manifest.get("overrides").get("feedback").asText());
        assertEquals(0, manifest.get("motions").asInt());
        assertTrue(out.toString().contains("1 clip(s) have joint positions only (keypoints returns no rotations)"), out.toString());
        // A generator with rotations (a baseline copies the sample's dances) gets its .pkl as before.
        Path rc = dir.resolve("rc");
        assertEquals(0, run("generate", "--generator", "random-clip", "--sequences", "gBR_sBM_cAll_d04_mBR0_ch01", "--frames", "60",
                "--out", rc.toString()), err.toString());
        assertTrue(Files.exists(rc.resolve("motions/gBR_sBM_cAll_d04_mBR0_ch01.pkl")));
    }

    @Test
    void generatorIdsAreExactAndAMissIsAUsageErrorWithSuggestions(@TempDir Path dir) {
        cli.register(MotionGenerator.class, new Keypoints("twin-a"));
        cli.register(MotionGenerator.class, new Keypoints("twin-b"));
        assertEquals(2, run("generate", "--generator", "twin", "--out", dir.toString()));
        assertTrue(err.toString().contains("--generator twin: ambiguous: twin-a, twin-b"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("generate", "--generator", "lfit", "--out", dir.toString()));
        assertTrue(err.toString().contains("--generator lfit: no such generator; did you mean lift?"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("generate", "--generator", "random", "--out", dir.toString()), "one prefix match is not picked either");
        assertTrue(err.toString().contains("--generator random: no such generator; did you mean random-clip?"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("render", "--sequence", "gBR_sBM_cAll_d04_mBR0_ch01", "--generators", "twin", "--visualizer", "bvh",
                "--out", dir.resolve("x.bvh").toString()));
        assertTrue(err.toString().contains("--generators twin: ambiguous: twin-a, twin-b"), err.toString());
        assertTrue(!Files.exists(dir.resolve("motions")), "nothing generated");
    }

    @Test
    void bvhExportOfAClipWithoutRotationsSaysSo(@TempDir Path dir) {
        cli.register(MotionGenerator.class, new Keypoints("keypoints"));
        assertEquals(1, run("render", "--sequence", "gBR_sBM_cAll_d04_mBR0_ch01", "--generators", "keypoints", "--no-truth",
                "--visualizer", "bvh", "--out", dir.resolve("k.bvh").toString()));
        assertTrue(err.toString().contains("joint positions only") && err.toString().contains("no joint rotations"), err.toString());
    }

    @Test
    void theProgressLineShowsWhatIsRunning() {
        StringWriter console = new StringWriter();
        ConsoleProgress terminal = new ConsoleProgress(new PrintWriter(console, true), false, true);
        terminal.begin("Evaluating", 4);
        terminal.worked(1);
        terminal.subTask("fact-pytorch: gBR_sBM_cAll_d04_mBR0_ch01, frames 340/1200");
        assertTrue(console.toString().endsWith(String.format("%-60.60s", "fact-pytorch: gBR_sBM_cAll_d04_mBR0_ch01, frames 340/1200")),
                "the bar is redrawn with the running item: [" + console + "]");
        StringWriter log = new StringWriter();
        ConsoleProgress file = new ConsoleProgress(new PrintWriter(log, true), false, false, 0);
        file.begin("Evaluating", 4);
        file.subTask("fact-mxnet: gBR_sBM_cAll_d04_mBR0_ch01, frames 20/1200");
        assertTrue(log.toString().contains("0/4 done") && log.toString().contains("running fact-mxnet: gBR_sBM_cAll_d04_mBR0_ch01, frames 20/1200"),
                "a file gets a line naming the running item: " + log);
    }
}
