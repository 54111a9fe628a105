package org.choreolab.data.outputs.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.Problem;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.data.outputs.Output;
import org.choreolab.data.outputs.OutputFolder;
import org.choreolab.data.outputs.OutputFolder.Options;
import org.choreolab.data.outputs.OutputFormat;
import org.choreolab.data.outputs.UpAxis;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npy;
import org.choreolab.io.numpy.NumpyPickle;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Smpl;
import org.choreolab.testing.Hostile;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders as Bailando, EDGE and FACT (mint) write them, produced by numpy and pickle themselves
 * (reference/outputs/make_outputs.py), against the joints they were made from
 * (reference/aistpp/joints_reference, the reference forward kinematics of the AIST++ motions).
 */
class OutputFolderTest {

    private static final List<String> SEQS = List.of("gBR_sBM_cAll_d04_mBR0_ch08", "gLO_sFM_cAll_d01_mLO3_ch06",
            "gMH_sBM_cAll_d11_mMH1_ch06", "gPO_sFM_cAll_d16_mPO3_ch03");

    private static float[] joints(String seq) throws IOException {
        return Npy.read(Reference.file("aistpp/joints_reference/" + seq + ".npy")).toFloats();
    }

    private static float[] positions(MotionClip c) {
        return c.positions(new float[72 * c.frameCount()]);
    }

    /** Every other frame, as EDGE keeps AIST++'s 60 fps at 30. */
    private static float[] everyOther(float[] p) {
        int n = (p.length / 72 + 1) / 2;
        float[] out = new float[72 * n];
        for (int t = 0; t < n; t++) {
            System.arraycopy(p, 144 * t, out, 72 * t, 72);
        }
        return out;
    }

    @Test
    void bailandosFolderIsItsJointsAt60FpsYUp() throws IOException {
        OutputFolder f = OutputFolder.open(Reference.file("outputs/bailando"), Options.DETECT);
        assertEquals(SEQS, f.outputs().stream().map(Output::name).toList(), "named after the sequence in <seq>.json.pkl.npy");
        assertTrue(f.problems().isEmpty(), f.problems().toString());
        assertEquals("bailando, 60 fps, y up: 4 files", f.describe());
        for (Output o : f.outputs()) {
            assertEquals(OutputFormat.BAILANDO, o.format());
            assertEquals(60, o.fps());
            assertEquals(UpAxis.Y, o.up());
            assertArrayEquals(joints(o.name()), positions(o.clip()), o.name());
            assertEquals(o.name().split("_")[4], o.music());
        }
    }

    @Test
    void edgesFolderIsTheSameDanceAt30FpsTurnedBackToYUp() throws IOException {
        OutputFolder f = OutputFolder.open(Reference.file("outputs/edge"), Options.DETECT);
        assertEquals(SEQS, f.outputs().stream().map(Output::name).toList(), "test_<seq>.pkl, as EDGE's test.py names them");
        assertEquals("edge, 30 fps, z up: 4 files", f.describe());
        for (Output o : f.outputs()) {
            assertEquals(30, o.clip().fps());
            assertArrayEquals(everyOther(joints(o.name())), positions(o.clip()), o.name() + ": exactly the 60-fps joints' even frames");
        }
    }

    @Test
    void edgesSmplParametersAreInTheFrameItsJointsAreIn() throws IOException {
        // EDGE turns the root orientation by the quaternion (0.7071068, 0.7071068, 0, 0) and the root position by
        // RotateAxisAngle(90, 'X'); forward kinematics of its smpl_poses and smpl_trans must give its full_pose,
        // z up, which is what makes reading full_pose with (x, y, z) -> (x, z, -y) right.
        for (String seq : SEQS) {
            Map<String, Object> d = NumpyPickle.readDict(Reference.file("outputs/edge/test_" + seq + ".pkl"));
            NdArray q = (NdArray) d.get("smpl_poses"), t = (NdArray) d.get("smpl_trans"), full = (NdArray) d.get("full_pose");
            int n = q.dim(0);
            float[] fk = new ForwardKinematics(Smpl.NEUTRAL).compute(t.toFloats(), q.toFloats(), n, new float[72 * n]);
            float[] expected = full.toFloats();
            double worst = 0;
            for (int i = 0; i < fk.length; i++) {
                worst = Math.max(worst, Math.abs(fk[i] - expected[i]));
            }
            assertTrue(worst < 1e-4, seq + ": " + worst + " m");
        }
    }

    @Test
    void mintsFactOutputIsReadByForwardKinematics() throws IOException {
        OutputFolder f = OutputFolder.open(Reference.file("outputs/fact-mint"), Options.DETECT);
        assertEquals(SEQS.subList(0, 2), f.outputs().stream().map(Output::name).toList(), "<motion>_<music>.npy");
        for (Output o : f.outputs()) {
            assertEquals(OutputFormat.FACT, o.format());
            assertTrue(o.clip().hasRotations());
            float[] expected = joints(o.name()), got = positions(o.clip());
            double worst = 0;
            for (int i = 0; i < got.length; i++) {
                worst = Math.max(worst, Math.abs(got[i] - expected[i]));
            }
            assertTrue(worst < 1e-5, o.name() + ": " + worst + " m from the reference joints");
        }
    }

    @Test
    void anAistppFolderAndAGenerateFolderAreRecognisedByTheirLayout(@TempDir Path dir) throws IOException {
        OutputFolder a = OutputFolder.open(Reference.file("aistpp"), Options.DETECT);
        assertEquals("AIST++ layout (motions/)", a.layout());
        assertEquals(3, a.outputs().size(), "the sequence on the ignore list is left out");
        assertFalse(a.output("gMH_sBM_cAll_d11_mMH1_ch06").isPresent());
        for (Output o : a.outputs()) {
            assertEquals(OutputFormat.AISTPP, o.format());
            assertArrayEquals(joints(o.name()), positions(o.clip()), 1e-5f, o.name());
        }
        // choreolab generate: joints/ and motions/ beside generate.json
        Path g = dir.resolve("gen");
        Files.createDirectories(g.resolve("joints"));
        Files.createDirectories(g.resolve("motions"));
        Files.writeString(g.resolve("generate.json"), "{}");
        for (String s : SEQS.subList(0, 2)) {
            Files.copy(Reference.file("aistpp/joints_reference/" + s + ".npy"), g.resolve("joints/" + s + ".npy"));
            Files.copy(Reference.file("aistpp/motions/" + s + ".pkl"), g.resolve("motions/" + s + ".pkl"));
        }
        OutputFolder gen = OutputFolder.open(g, Options.DETECT);
        assertEquals("Choreolab generate folder (joints/)", gen.layout());
        assertEquals("joints, 60 fps, y up: 2 files", gen.describe());
        assertArrayEquals(joints(SEQS.get(1)), positions(gen.outputs().get(1).clip()));
    }

    @Test
    void statedFormatFpsAndUpAxisAreAppliedOrRefused(@TempDir Path dir) throws IOException {
        // A z-up joints file: detected from the data.
        float[] y = joints(SEQS.get(0));
        float[] z = y.clone();
        for (int i = 0; i < z.length; i += 3) {
            z[i + 1] = -y[i + 2];
            z[i + 2] = y[i + 1];
        }
        Npy.writeFloat32(dir.resolve(SEQS.get(0) + ".npy"), z, z.length / 72, 24, 3);
        Output o = OutputFolder.read(dir.resolve(SEQS.get(0) + ".npy"), Options.DETECT);
        assertEquals(UpAxis.Z, o.up());
        assertTrue(o.note().contains("z up read from the data"), o.note());
        assertArrayEquals(y, positions(o.clip()));
        // Stated: fps and up.
        Output stated = OutputFolder.read(dir.resolve(SEQS.get(0) + ".npy"), Options.DETECT.withFps(30).withUp(UpAxis.Y));
        assertEquals(30, stated.clip().fps());
        assertArrayEquals(z, positions(stated.clip()));
        // A stated format that the file is not.
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OutputFolder.read(
                Reference.file("outputs/bailando/" + SEQS.get(0) + ".json.pkl.npy"), Options.DETECT.withFormat(OutputFormat.EDGE)));
        assertTrue(e.getMessage().contains(": expected edge (<epoch>_<name>.pkl with {'smpl_poses', 'smpl_trans', 'full_pose' "
                + "(frames, 24, 3)}, z up), found bailando (<name>.pkl.npy from np.save of {'pred_position': (frames, 72)})"), e.getMessage());
    }

    @Test
    void edgeAndBailandoNamesAreMatchedToTheDataset(@TempDir Path dir) throws IOException {
        float[] p = joints(SEQS.get(0));
        int n = p.length / 72;
        Map<String, Object> edge = new LinkedHashMap<>();
        edge.put("smpl_poses", NdArray.float32(new float[72 * n], n, 72));
        edge.put("smpl_trans", NdArray.float32(new float[3 * n], n, 3));
        edge.put("full_pose", NdArray.float32(p, n, 24, 3));
        NumpyPickle.writeDict(dir.resolve("test_mBR0.pkl"), edge);
        NumpyPickle.writeDict(dir.resolve("test_mLO3.pkl"), edge);
        NumpyPickle.writeDict(dir.resolve("120_3_gPO_sFM_c07_d16_mPO3_ch03_slice4.pkl"), edge);
        Options o = Options.DETECT.withSequences(Set.of("gBR_sBM_cAll_d04_mBR0_ch08", "gLO_sFM_cAll_d01_mLO3_ch06", "gLO_sBM_cAll_d02_mLO3_ch01"));
        Map<String, Output> byName = OutputFolder.open(dir, o).byName();
        assertEquals(List.of("gBR_sBM_cAll_d04_mBR0_ch08", "gPO_sFM_cAll_d16_mPO3_ch03_slice4", "mLO3"), List.copyOf(byName.keySet()));
        assertTrue(byName.get("gBR_sBM_cAll_d04_mBR0_ch08").note().contains("the only sequence of the dataset dancing to it"));
        assertTrue(byName.get("mLO3").note().contains("which 2 sequences of the dataset dance to"));
        assertTrue(byName.get("gPO_sFM_cAll_d16_mPO3_ch03_slice4").note().contains("camera c07 read as cAll"));
        // Two files for one sequence: the second is reported.
        Npy.writeFloat32(dir.resolve("gBR_sBM_cAll_d04_mBR0_ch08.npy"), p, n, 24, 3);
        OutputFolder f = OutputFolder.open(dir, o);
        assertEquals(1, f.problems().size());
        assertEquals(dir.resolve("test_mBR0.pkl") + ": names the same sequence, gBR_sBM_cAll_d04_mBR0_ch08, as "
                + "gBR_sBM_cAll_d04_mBR0_ch08.npy: skipped", f.problems().get(0).toString());
    }

    @Test
    void aWrongFolderSaysWhatItFound(@TempDir Path dir) throws IOException {
        InvalidInputException music = assertThrows(InvalidInputException.class,
                () -> OutputFolder.open(Reference.file("aistpp/music"), Options.DETECT));
        assertEquals(Reference.file("aistpp/music") + ": no .npy or .pkl files (found 4: mBR0.beats.txt, mLO3.beats.txt, "
                + "mMH1.beats.txt, mPO3.beats.txt): expected generated motion (joints, bailando, edge, aistpp, fact)", music.getMessage());
        InvalidInputException kp = assertThrows(InvalidInputException.class,
                () -> OutputFolder.open(Reference.file("aistpp/keypoints3d"), Options.DETECT));
        assertTrue(kp.getMessage().startsWith(Reference.file("aistpp/keypoints3d") + ": none of the 4 files is readable generated motion: "
                + Reference.file("aistpp/keypoints3d/gBR_sBM_cAll_d04_mBR0_ch08.pkl") + ": keypoints3d: AIST++'s 3-D keypoints (17 COCO joints, "
                + "centimetres): expected SMPL motion or joints"), kp.getMessage());
        // Bailando's own feature folders: (72,) arrays.
        Npy.writeFloat32(dir.resolve("gBR_sBM_cAll_d04_mBR0_ch08.pkl.npy"), new float[72], 72);
        InvalidInputException feat = assertThrows(InvalidInputException.class, () -> OutputFolder.open(dir, Options.DETECT));
        assertTrue(feat.getMessage().endsWith(": array: found a numeric array of shape (72,) (<f4): expected joints (frames, 24, 3) or "
                + "(frames, 72), or FACT's motion (frames, 225)"), feat.getMessage());
        Hostile.requireClearMessage(feat.getMessage(), dir.toString());
        // Centimetres are not taken for metres.
        float[] cm = joints(SEQS.get(0));
        for (int i = 0; i < cm.length; i++) {
            cm[i] *= 100;
        }
        Npy.writeFloat32(dir.resolve("cm.npy"), cm, cm.length / 72, 24, 3);
        InvalidInputException units = assertThrows(InvalidInputException.class, () -> OutputFolder.read(dir.resolve("cm.npy"), Options.DETECT));
        assertTrue(units.getMessage().contains("array: the thighs (hip to knee) are 38.") && units.getMessage().contains("expected metres"),
                units.getMessage());
        // A missing folder and a file instead of a folder.
        assertEquals(dir.resolve("nope") + ": missing: expected a folder of generated motion (joints, bailando, edge, aistpp, fact)",
                assertThrows(InvalidInputException.class, () -> OutputFolder.open(dir.resolve("nope"), Options.DETECT)).getMessage());
    }

    @Test
    void aGoodFolderWithOneBadFileReadsTheRestAndReportsIt(@TempDir Path dir) throws Exception {
        for (String s : SEQS) {
            Files.copy(Reference.file("outputs/bailando/" + s + ".json.pkl.npy"), dir.resolve(s + ".json.pkl.npy"));
        }
        Files.write(dir.resolve("evil.pkl"), "cos\nsystem\n(S'touch pwned'\ntR.".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Hostile.mkfifo(dir.resolve("pipe.npy"));
        Files.writeString(dir.resolve("notes.txt"), "not motion");
        OutputFolder f = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> OutputFolder.open(dir, Options.DETECT));
        assertEquals(4, f.outputs().size());
        assertEquals(List.of(dir.resolve("notes.txt")), f.ignored());
        assertEquals(2, f.problems().size(), f.problems().toString());
        for (Problem p : f.problems()) {
            Hostile.requireClearMessage(p.toString(), p.source());
        }
        assertTrue(f.problems().get(0).toString().contains("refused to construct os.system"), f.problems().toString());
        assertTrue(f.problems().get(1).toString().contains("not a regular file"), f.problems().toString());
    }

    @Test
    void mutatedOutputsGiveADanceOrAClearError(@TempDir Path dir) throws IOException {
        List<Path> seeds = List.of(Reference.file("outputs/bailando/gBR_sBM_cAll_d04_mBR0_ch08.json.pkl.npy"),
                Reference.file("outputs/edge/test_gMH_sBM_cAll_d11_mMH1_ch06.pkl"),
                Reference.file("outputs/fact-mint/gLO_sFM_cAll_d01_mLO3_ch06_mLO3.npy"));
        Hostile.Outcome o = Hostile.fuzz(seeds, 210, new SplittableRandom(13), (i, seed) -> dir.resolve(seed.getFileName().toString()), "",
                f -> OutputFolder.read(f, Options.DETECT));
        assertTrue(o.read() >= 10 && o.refused() >= 50, o.toString());
    }
}
