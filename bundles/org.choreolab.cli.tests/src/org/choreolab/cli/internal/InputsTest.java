package org.choreolab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.choreolab.testing.Hostile;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The commands' input loading: hostile dataset files (issue #16) and research-code output folders
 * (issue #13), run in-process with the real registry and metrics.
 */
class InputsTest {

    private static final Duration HANG = Duration.ofMinutes(3);
    private static final List<String> SEQS = List.of("gBR_sBM_cAll_d04_mBR0_ch08", "gLO_sFM_cAll_d01_mLO3_ch06",
            "gMH_sBM_cAll_d11_mMH1_ch06", "gPO_sFM_cAll_d16_mPO3_ch03");

    private CliHarness cli;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void setUp() throws InterruptedException {
        cli = new CliHarness(InputsTest.class);
        out = cli.out;
        err = cli.err;
    }

    private int run(String... args) {
        return cli.runFresh(HANG, args);
    }

    // ---------------------------------------------------------------------------------------------
    // Issue #16

    /** The reference AIST++ folder with, beside its good motions, every hostile motion file of the review. */
    private static Path hostileDataset(Path dir) throws Exception {
        Path root = dir.resolve("ds");
        Path motions = Files.createDirectories(root.resolve("motions"));
        Files.createDirectories(root.resolve("splits"));
        for (String s : SEQS) {
            Files.copy(Reference.file("aistpp/motions/" + s + ".pkl"), motions.resolve(s + ".pkl"));
        }
        for (String f : List.of("splits/crossmodal_train.txt", "splits/crossmodal_val.txt", "splits/crossmodal_test.txt", "ignore_list.txt")) {
            Files.copy(Reference.file("aistpp/" + f), root.resolve(f));
        }
        Files.write(motions.resolve("gHO_sBM_cAll_d19_mHO3_ch01.pkl"), Hostile.motionWith(Hostile.deepLists(100_000)));
        Files.write(motions.resolve("gHO_sBM_cAll_d19_mHO3_ch02.pkl"), Hostile.motionWith(Hostile.selfList()));
        Files.write(motions.resolve("gHO_sBM_cAll_d19_mHO3_ch03.pkl"), Hostile.motionWith(Hostile.declared('B', Integer.MAX_VALUE)));
        Files.write(motions.resolve("gHO_sBM_cAll_d19_mHO3_ch04.pkl"), Hostile.motionWith(Hostile.long4(Integer.MAX_VALUE)));
        Files.write(motions.resolve("gHO_sBM_cAll_d19_mHO3_ch05.pkl"), Hostile.motionWith(Hostile.memoBomb(40)));
        Hostile.mkfifo(motions.resolve("gHO_sBM_cAll_d19_mHO3_ch06.pkl"));
        // smpl_scaling missing and a 0-d smpl_poses, written as numpy would
        Files.write(motions.resolve("gHO_sBM_cAll_d19_mHO3_ch07.pkl"), withoutScaling());
        Files.write(motions.resolve("gHO_sBM_cAll_d19_mHO3_ch08.pkl"), zeroDimensionalPoses());
        Files.write(motions.resolve("gHO_sBM_cAll_d19_mHO3_ch09.pkl"), Hostile.pickle("cnumpy\ndtype\nC\u0002f4\u0085R"));
        return root;
    }

    private static byte[] withoutScaling() throws IOException {
        var d = new java.util.LinkedHashMap<String, Object>();
        d.put("smpl_poses", org.choreolab.io.numpy.NdArray.float32(new float[3 * 72], 3, 72));
        d.put("smpl_trans", org.choreolab.io.numpy.NdArray.float32(new float[] {90, 80, 70, 90, 80, 70, 90, 80, 70}, 3, 3));
        var b = new java.io.ByteArrayOutputStream();
        org.choreolab.io.numpy.NumpyPickle.writeDict(b, d);
        return b.toByteArray();
    }

    private static byte[] zeroDimensionalPoses() throws IOException {
        var d = new java.util.LinkedHashMap<String, Object>();
        d.put("smpl_poses", org.choreolab.io.numpy.NdArray.float64(new double[] {0.25}));
        d.put("smpl_trans", org.choreolab.io.numpy.NdArray.float32(new float[3], 1, 3));
        d.put("smpl_scaling", org.choreolab.io.numpy.NdArray.float32(new float[] {1}, 1));
        var b = new java.io.ByteArrayOutputStream();
        org.choreolab.io.numpy.NumpyPickle.writeDict(b, d);
        return b.toByteArray();
    }

    @Test
    void datasetInfoListsEveryHostileFileOnOneLineAndExits1(@TempDir Path dir) throws Exception {
        Path root = hostileDataset(dir);
        assertEquals(1, run("dataset", "info", "--dataset", root.toString()), err.toString());
        String o = out.toString();
        assertTrue(o.contains("Sequences: 3 readable of 12 listed"), o);
        assertTrue(o.contains("Problems (9):"), o);
        Map<String, String> expected = Map.of("ch01", "nested deeper than 32 levels", "ch02", "a container that holds itself",
                "ch03", "BINBYTES at byte 18 declares 2147483647 bytes", "ch04", "LONG4 at byte 18: an integer of 2147483647 bytes",
                "ch05", "nested deeper than 32 levels", "ch06", "not a regular file (a named pipe, device or socket)",
                "ch07", "smpl_scaling: missing", "ch08", "smpl_poses: expected shape (N, 72) or (N, 24, 3), got ()",
                "ch09", "numpy.dtype: expected a dtype name (str), got bytes");
        List<String> lines = o.lines().filter(l -> l.startsWith("  ")).map(String::trim).toList();
        assertEquals(9, lines.size(), o);
        for (var e : expected.entrySet()) {
            Path file = root.resolve("motions/gHO_sBM_cAll_d19_mHO3_" + e.getKey() + ".pkl");
            String line = lines.stream().filter(l -> l.startsWith(file + ": ")).findFirst().orElseThrow(() -> new AssertionError(file + " in " + o));
            Hostile.requireClearMessage(line, file.toString());
            assertTrue(line.contains(e.getValue()), line + "\n  expected: " + e.getValue());
        }
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void exportJointsSkipsHostileFilesNamingThemAndExits1(@TempDir Path dir) throws Exception {
        Path root = hostileDataset(dir);
        Path joints = dir.resolve("joints");
        assertEquals(1, run("dataset", "export-joints", "--dataset", root.toString(), "--out", joints.toString()));
        assertTrue(out.toString().contains("Wrote 3 of 12 sequences"), out.toString());
        String e = err.toString();
        // Was: "Index 0 out of bounds for length 0", without the file.
        assertTrue(e.contains("skipped: " + root.resolve("motions/gHO_sBM_cAll_d19_mHO3_ch08.pkl")
                + ": smpl_poses: expected shape (N, 72) or (N, 24, 3), got ()"), e);
        for (String line : e.lines().filter(l -> l.startsWith("skipped: ")).toList()) {
            String msg = line.substring("skipped: ".length());
            Hostile.requireClearMessage(msg, msg.substring(0, msg.indexOf(".pkl") + 4));
        }
    }

    @Test
    void aNegativeShapeInAnNpyIsNamedWithItsFileAndField(@TempDir Path dir) throws IOException {
        // Was: "choreolab metrics: -1440".
        Path pred = Files.createDirectories(dir.resolve("pred"));
        Path bad = pred.resolve("gBR_sBM_cAll_d04_mBR0_ch08.npy");
        Files.write(bad, Hostile.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1440, 24, 3), }", new byte[288]));
        assertEquals(1, run("metrics", "--gt", Reference.file("aistpp/joints_reference").toString(), "--pred", pred.toString(),
                "--metrics", "fid_k", "--out", dir.resolve("m.json").toString()));
        String e = err.toString().trim();
        assertEquals("choreolab metrics: " + pred + ": none of the 1 files is readable generated motion: " + bad
                + ": shape: expected non-negative dimensions below 2^31, got (-1440, 24, 3)", e);
        // Beside good files: the others are scored, the bad one listed, exit 1.
        for (String s : SEQS) {
            Files.copy(Reference.file("outputs/bailando/" + s + ".json.pkl.npy"), pred.resolve(s + ".json.pkl.npy"));
        }
        Files.move(bad, pred.resolve("extra.npy"));
        assertEquals(1, run("metrics", "--gt", Reference.file("aistpp/joints_reference").toString(), "--pred", pred.toString(),
                "--metrics", "fid_k,div_k", "--out", dir.resolve("m.json").toString()));
        assertTrue(err.toString().contains("skipped: " + pred.resolve("extra.npy") + ": shape: expected non-negative"), err.toString());
        assertTrue(out.toString().contains("| FID_k ↓ |") && out.toString().contains("1 file(s) skipped"), out.toString());
        JsonNode r = new ObjectMapper().readTree(dir.resolve("m.json").toFile());
        assertEquals(4, r.get("sequences").size());
        assertEquals(1, r.get("inputs").get("pred").get("skipped").size());
    }

    // ---------------------------------------------------------------------------------------------
    // Issue #13

    /** Beat files of the reference sequences (60 fps) and of the long ground truth, as --music wants them. */
    private static Path beats(Path dir) throws IOException {
        Path b = Files.createDirectories(dir.resolve("beats"));
        for (String s : SEQS) {
            String music = s.split("_")[4];
            Files.copy(Reference.file("aistpp/music/" + music + ".beats.txt"), b.resolve(music + ".txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (var files = Files.list(Reference.file("metrics-long/beats"))) {
            for (Path f : files.toList()) {
                Files.copy(f, b.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return b;
    }

    private JsonNode metrics(Path dir, String pred, String protocol, String metricIds, String... more) throws IOException {
        Path o = dir.resolve("m-" + Math.abs((pred + protocol).hashCode()) + ".json");
        List<String> args = new java.util.ArrayList<>(List.of("metrics", "--gt", Reference.file("metrics-long/gt").toString(), "--pred", pred,
                "--protocol", protocol, "--metrics", metricIds, "--out", o.toString()));
        args.addAll(List.of(more));
        assertEquals(0, run(args.toArray(String[]::new)), err.toString());
        return new ObjectMapper().readTree(o.toFile());
    }

    private static void assertSameSet(JsonNode a, JsonNode b, String what) {
        assertEquals(a.get("set").size(), b.get("set").size(), what);
        for (Iterator<String> it = a.get("set").fieldNames(); it.hasNext();) {
            String k = it.next();
            assertTrue(a.get("set").get(k).isNumber(), k + " = " + a.get("set").get(k));
            assertEquals(a.get("set").get(k).asDouble(), b.get("set").get(k).asDouble(), 0.0, what + ": " + k);
        }
    }

    @Test
    void theSameJointsAsNpyBailandoAndEdgeFoldersGiveTheSameMetrics(@TempDir Path dir) throws IOException {
        String npy = Reference.file("aistpp/joints_reference").toString();
        String beats = beats(dir).toString();
        // Bailando's np.save of {'pred_position'} (60 fps, y up) against our .npy: every metric, Beat Align included.
        JsonNode a = metrics(dir, npy, "bailando", "fid_k,fid_g,div_k,div_g,bas,pfc", "--music", beats);
        JsonNode b = metrics(dir, Reference.file("outputs/bailando").toString(), "bailando", "fid_k,fid_g,div_k,div_g,bas,pfc", "--music", beats);
        assertSameSet(a, b, "bailando folder");
        assertTrue(a.get("set").get("fid_k").asDouble() > 1, "the generated set differs from the real one: " + a.get("set"));
        assertEquals("joints", a.get("inputs").get("pred").get("files").get(SEQS.get(0)).get("format").asText());
        JsonNode bf = b.get("inputs").get("pred").get("files").get(SEQS.get(0));
        assertEquals("bailando", bf.get("format").asText());
        assertEquals(60, bf.get("fps").asDouble());
        assertEquals("y", bf.get("up").asText());
        assertEquals(SEQS.get(0) + ".json.pkl.npy", bf.get("file").asText());
        assertTrue(out.toString().contains("Generated: " + Reference.file("outputs/bailando") + " (bailando, 60 fps, y up: 4 files)"), out.toString());

        // EDGE's pickles (30 fps, z up) against the same .npy under EDGE's protocol (30 fps): the same values.
        JsonNode c = metrics(dir, npy, "edge", "fid_k,fid_g,div_k,div_g,pfc");
        JsonNode d = metrics(dir, Reference.file("outputs/edge").toString(), "edge", "fid_k,fid_g,div_k,div_g,pfc");
        assertSameSet(c, d, "edge folder");
        JsonNode df = d.get("inputs").get("pred").get("files").get(SEQS.get(2));
        assertEquals("edge", df.get("format").asText());
        assertEquals(30, df.get("fps").asDouble());
        assertEquals("z", df.get("up").asText());
        assertTrue(out.toString().contains("(edge, 30 fps, z up: 4 files)"), out.toString());

        // Read as y up (wrongly, on purpose), EDGE's files give other values: the axis matters and is applied.
        JsonNode wrong = metrics(dir, Reference.file("outputs/edge").toString(), "edge", "fid_k,fid_g,div_k,div_g,pfc", "--pred-up", "y");
        assertFalse(wrong.get("set").get("pfc").asDouble() == d.get("set").get("pfc").asDouble()
                && wrong.get("set").get("fid_k").asDouble() == d.get("set").get("fid_k").asDouble(), "--pred-up y changes the values");
    }

    @Test
    void aWrongFolderOrFormatIsAClearMessage(@TempDir Path dir) {
        String gt = Reference.file("aistpp/joints_reference").toString();
        assertEquals(1, run("metrics", "--gt", gt, "--pred", Reference.file("aistpp/music").toString(), "--out", dir.resolve("m.json").toString()));
        assertEquals("choreolab metrics: " + Reference.file("aistpp/music") + ": no .npy or .pkl files (found 4: mBR0.beats.txt, "
                + "mLO3.beats.txt, mMH1.beats.txt, mPO3.beats.txt): expected generated motion (joints, bailando, edge, aistpp, fact)",
                err.toString().trim());
        assertEquals(1, run("metrics", "--gt", gt, "--pred", Reference.file("outputs/bailando").toString(), "--pred-format", "edge",
                "--out", dir.resolve("m.json").toString()));
        assertTrue(err.toString().contains(": none of the 4 files is readable generated motion: ")
                && err.toString().contains(": expected edge (") && err.toString().contains("found bailando ("), err.toString());
        assertEquals(2, run("metrics", "--gt", gt, "--pred", gt, "--pred-format", "mp4", "--out", dir.resolve("m.json").toString()));
        assertTrue(err.toString().contains("--pred: unknown output format 'mp4' (known: [joints, bailando, edge, aistpp, fact])"), err.toString());
    }
}
