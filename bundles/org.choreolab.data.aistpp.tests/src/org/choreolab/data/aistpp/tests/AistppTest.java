package org.choreolab.data.aistpp.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.data.aistpp.AistppDataset;
import org.choreolab.data.aistpp.AistppName;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npy;
import org.choreolab.io.numpy.NumpyPickle;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

class AistppTest {

    @Test
    void forwardKinematicsMatchesTheReferenceJoints() throws IOException {
        Path ref = Reference.file("aistpp");
        try (var files = Files.list(ref.resolve("joints_reference"))) {
            List<Path> npys = files.sorted().toList();
            assertEquals(4, npys.size());
            for (Path npy : npys) {
                String id = npy.getFileName().toString().replace(".npy", "");
                NdArray expected = Npy.read(npy);
                MotionClip clip = AistppDataset.readMotion(ref.resolve("motions").resolve(id + ".pkl"));
                assertEquals(expected.dim(0), clip.frameCount(), id);
                float[] got = clip.positions(new float[72 * clip.frameCount()]);
                double worst = 0;
                for (int i = 0; i < got.length; i++) {
                    worst = Math.max(worst, Math.abs(got[i] - expected.get(i)));
                }
                assertTrue(worst < 1e-5, id + ": max abs difference " + worst + " m");
            }
        }
    }

    @Test
    void listsSplitsDropsIgnoredSequencesAndReadsTheNameGrammar() throws IOException {
        AistppDataset d = AistppDataset.open(Reference.file("aistpp"));
        assertEquals(List.of("gBR_sBM_cAll_d04_mBR0_ch08", "gLO_sFM_cAll_d01_mLO3_ch06", "gPO_sFM_cAll_d16_mPO3_ch03"),
                d.sequences().stream().map(Sequence::id).toList(), "gMH…ch06 is on the ignore list");
        assertEquals(List.of("train", "val", "test"), d.splits());
        assertEquals(List.of("gBR_sBM_cAll_d04_mBR0_ch08"), d.split("test").stream().map(Sequence::id).toList());
        Sequence s = d.sequence("gLO_sFM_cAll_d01_mLO3_ch06").orElseThrow();
        assertEquals("train", s.split());
        assertEquals("mLO3", s.musicId());
        assertEquals("gLO", s.meta("genre"));
        assertEquals("Lock", s.meta("genreName"));
        assertEquals("advanced", s.meta("situation"));
        assertEquals("d01", s.meta("dancer"));
        assertEquals("110", s.meta("tempo"), "80 + 10 × 3");
        assertEquals(125, AistppName.tempoOf("mHO3"), "house: 110 + 5 × 3");
        assertTrue(d.problems().isEmpty(), d.problems().toString());
        int[] beats = d.musicBeats(d.sequence("gBR_sBM_cAll_d04_mBR0_ch08").orElseThrow(), 60).orElseThrow();
        assertArrayEquals(new int[] {0, 45, 90}, java.util.Arrays.copyOf(beats, 3), "80 BPM at 60 fps");
        assertEquals(468, d.scan(org.choreolab.api.ProgressMonitor.NULL).get("gBR_sBM_cAll_d04_mBR0_ch08"));
    }

    @Test
    void badMotionFilesNameFileFieldAndExpectation(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("ds");
        Path motions = Files.createDirectories(root.resolve("motions"));
        Files.copy(Reference.file("aistpp/motions/gBR_sBM_cAll_d04_mBR0_ch08.pkl"), motions.resolve("gBR_sBM_cAll_d04_mBR0_ch08.pkl"));
        Map<String, Object> wrong = new LinkedHashMap<>();
        wrong.put("smpl_poses", NdArray.float32(new float[2 * 72], 2, 72));
        wrong.put("smpl_trans", NdArray.float32(new float[9], 3, 3));
        wrong.put("smpl_scaling", NdArray.float32(new float[] {1}, 1));
        Path bad = motions.resolve("gPO_sBM_cAll_d10_mPO1_ch02.pkl");
        NumpyPickle.writeDict(bad, wrong);
        Map<String, Object> missing = new LinkedHashMap<>();
        missing.put("smpl_trans", NdArray.float32(new float[3], 1, 3));
        NumpyPickle.writeDict(motions.resolve("gLO_sBM_cAll_d10_mLO1_ch02.pkl"), missing);

        AistppDataset d = AistppDataset.open(root);
        assertEquals(3, d.sequences().size(), "listing reads nothing");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> d.motion(d.sequence("gPO_sBM_cAll_d10_mPO1_ch02").orElseThrow()));
        assertEquals(bad + ": smpl_trans: expected shape (2, 3) to match smpl_poses, got (3, 3)", e.getMessage());
        InvalidInputException m = assertThrows(InvalidInputException.class,
                () -> d.motion(d.sequence("gLO_sBM_cAll_d10_mLO1_ch02").orElseThrow()));
        assertTrue(m.getMessage().contains("smpl_poses: missing (keys present: [smpl_trans])"), m.getMessage());
        // The good sequence still loads; a scan reports both bad files and keeps going.
        assertEquals(468, d.motion(d.sequence("gBR_sBM_cAll_d04_mBR0_ch08").orElseThrow()).frameCount());
        Map<String, Integer> frames = d.scan(org.choreolab.api.ProgressMonitor.NULL);
        assertEquals(Map.of("gBR_sBM_cAll_d04_mBR0_ch08", 468), frames);
        assertEquals(2, d.problems().size());
        // Asked to fail fast, opening throws the first problem.
        assertThrows(InvalidInputException.class, () -> AistppDataset.open(root, "ds", true));
    }

    @Test
    void theReaderServiceShipsAnEmbeddedSampleInTheAistppLayout() throws Exception {
        var ctx = FrameworkUtil.getBundle(AistppTest.class).getBundleContext();
        ServiceTracker<DatasetReader, DatasetReader> t = new ServiceTracker<>(ctx, DatasetReader.class, null);
        t.open();
        DatasetReader reader = t.waitForService(TimeUnit.SECONDS.toMillis(20));
        assertNotNull(reader);
        assertEquals("aistpp", reader.id());
        try (Dataset d = reader.openEmbedded().orElseThrow()) {
            assertTrue(reader.accepts(d.root()));
            assertEquals(130, d.sequences().size(), "132 generated, two on the ignore list");
            assertEquals(20, d.split("test").size());
            assertEquals(20, d.split("val").size());
            assertEquals(90, d.split("train").size());
            assertTrue(d.problems().isEmpty(), d.problems().toString());
            for (Sequence s : d.sequences()) {
                MotionClip c = d.motion(s);
                assertTrue(c.frameCount() >= 480 && c.frameCount() <= 2400, s.id() + ": " + c.frameCount());
                assertTrue(d.music(s).isPresent(), s.id() + " has music");
                int[] beats = d.musicBeats(s, 60).orElseThrow();
                assertTrue(beats.length > 10);
                // Feet stay near the floor: the ankles are below the knees and above -0.2 m.
                assertTrue(c.position(0, 7, 1) < c.position(0, 4, 1) && c.position(0, 7, 1) > -0.2, s.id());
            }
            // Regenerating elsewhere gives the same bytes: the sample is deterministic.
            Path again = Files.createTempDirectory("sample");
            org.choreolab.data.aistpp.SampleDataset.write(again);
            for (String f : List.of("motions/gBR_sBM_cAll_d04_mBR0_ch01.pkl", "motions/gMH_sFM_cAll_d23_mMH3_ch04.pkl", "music/mHO3.wav")) {
                assertArrayEquals(Files.readAllBytes(d.root().resolve(f)), Files.readAllBytes(again.resolve(f)), f);
            }
        }
        t.close();
    }
}
