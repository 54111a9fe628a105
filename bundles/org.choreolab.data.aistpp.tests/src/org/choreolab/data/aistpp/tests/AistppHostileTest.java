package org.choreolab.data.aistpp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.SplittableRandom;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.Problem;
import org.choreolab.api.ProgressMonitor;
import org.choreolab.data.aistpp.AistppDataset;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.NumpyPickle;
import org.choreolab.testing.Hostile;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16 at the dataset level: one folder holding every hostile motion file the review found,
 * beside a good one. Scanning it reports each bad file on one line naming the file, the key and what
 * was expected, and still reads the good one; nothing crashes, hangs or leaks a Java message.
 */
class AistppHostileTest {

    private static final String GOOD = "gBR_sBM_cAll_d04_mBR0_ch08";

    private static Map<String, Object> motion(NdArray poses, NdArray trans, boolean scaling) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("smpl_poses", poses);
        d.put("smpl_trans", trans);
        if (scaling) {
            d.put("smpl_scaling", NdArray.float32(new float[] {95f}, 1));
        }
        return d;
    }

    @Test
    void aScanReportsEveryHostileFileAndReadsTheGoodOne(@TempDir Path dir) throws Exception {
        Path motions = Files.createDirectories(dir.resolve("motions"));
        Files.copy(Reference.file("aistpp/motions/" + GOOD + ".pkl"), motions.resolve(GOOD + ".pkl"));
        Map<String, String> expected = new LinkedHashMap<>();
        // 1. deep and self-referential containers (were: StackOverflowError)
        Files.write(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch01.pkl"), Hostile.motionWith(Hostile.deepLists(100_000)));
        expected.put("gPO_sBM_cAll_d10_mPO1_ch01", "nested deeper than 32 levels");
        Files.write(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch02.pkl"), Hostile.motionWith(Hostile.selfDict()));
        expected.put("gPO_sBM_cAll_d10_mPO1_ch02", "or a container that holds itself");
        // 2. a declared length of 2^31-1 (was: OutOfMemoryError)
        Files.write(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch03.pkl"), Hostile.motionWith(Hostile.declared('B', Integer.MAX_VALUE)));
        expected.put("gPO_sBM_cAll_d10_mPO1_ch03", "BINBYTES at byte 18 declares 2147483647 bytes");
        // 3. a 1 KB memo bomb (was: a hang)
        Files.write(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch04.pkl"), Hostile.motionWith(Hostile.wideBomb(200, 4)));
        expected.put("gPO_sBM_cAll_d10_mPO1_ch04", "shared values expand to more than");
        // 4. a named pipe (was: blocked for ever)
        Hostile.mkfifo(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch05.pkl"));
        expected.put("gPO_sBM_cAll_d10_mPO1_ch05", "not a regular file (a named pipe, device or socket): expected a regular file");
        // 5. smpl_scaling missing (was: joints 99 times too large, no warning)
        NumpyPickle.writeDict(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch06.pkl"),
                motion(NdArray.float32(new float[2 * 72], 2, 72), NdArray.float32(new float[6], 2, 3), false));
        expected.put("gPO_sBM_cAll_d10_mPO1_ch06", "smpl_scaling: missing (keys present: [smpl_poses, smpl_trans]); AIST++ divides "
                + "smpl_trans by it to get metres: expected one positive number, shape (1,)");
        // 6. a 0-d smpl_poses (was: accepted by info, then "Index 0 out of bounds" without the file)
        NumpyPickle.writeDict(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch07.pkl"),
                motion(NdArray.float64(new double[] {0.5}), NdArray.float32(new float[3], 1, 3), true));
        expected.put("gPO_sBM_cAll_d10_mPO1_ch07", "smpl_poses: expected shape (N, 72) or (N, 24, 3), got ()");
        // 7. wrong types where arrays belong (were: raw Java messages)
        Map<String, Object> strange = new LinkedHashMap<>();
        strange.put("smpl_poses", "not an array");
        NumpyPickle.writeDict(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch08.pkl"), strange);
        expected.put("gPO_sBM_cAll_d10_mPO1_ch08", "smpl_poses: expected a numeric numpy array, got a str");
        Files.write(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch09.pkl"), Hostile.pickle("]K\u0001K\u0002s"));
        expected.put("gPO_sBM_cAll_d10_mPO1_ch09", "SETITEM expects a dict, found a list");
        // A key with a line break cannot break the one-line message that lists the keys.
        Files.write(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch10.pkl"), Hostile.dict("evil\nkey" + "x".repeat(100), new byte[] {'N'}));
        expected.put("gPO_sBM_cAll_d10_mPO1_ch10", "smpl_poses: missing (keys present: [evil?key" + "x".repeat(32) + "…])");

        AistppDataset d = AistppDataset.open(dir);
        Map<String, Integer> frames = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> d.scan(ProgressMonitor.NULL),
                "the scan never finished");
        assertEquals(Map.of(GOOD, 468), frames, "the good sequence is read");
        assertEquals(expected.size(), d.problems().size(), d.problems().toString());
        for (Problem p : d.problems()) {
            String id = Path.of(p.source()).getFileName().toString().replace(".pkl", "");
            assertTrue(expected.containsKey(id), p.toString());
            Hostile.requireClearMessage(p.toString(), motions.resolve(id + ".pkl").toString());
            assertTrue(p.toString().contains(expected.get(id)), p + "\n  expected: " + expected.get(id));
        }
        // Reading one directly throws the same, with the file.
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> d.motion(d.sequence("gPO_sBM_cAll_d10_mPO1_ch07").orElseThrow()));
        assertEquals(motions.resolve("gPO_sBM_cAll_d10_mPO1_ch07.pkl") + ": smpl_poses: expected shape (N, 72) or (N, 24, 3), got ()",
                e.getMessage());
    }

    @Test
    void aNamedPipeAsAListFileIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("motions"));
        Hostile.mkfifo(dir.resolve("ignore_list.txt"));
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> assertThrows(InvalidInputException.class, () -> AistppDataset.open(dir)));
        assertEquals(dir.resolve("ignore_list.txt") + ": not a regular file (a named pipe, device or socket): expected a text list",
                e.getMessage());
    }

    @Test
    void mutatedMotionFilesGiveAMotionOrAClearError(@TempDir Path dir) throws IOException {
        List<Path> seeds = List.of(Reference.file("aistpp/motions/gLO_sFM_cAll_d01_mLO3_ch06.pkl"),
                Reference.file("aistpp/motions/gPO_sFM_cAll_d16_mPO3_ch03.pkl"));
        Hostile.Outcome o = Hostile.fuzz(seeds, 200, new SplittableRandom(16), (i, seed) -> dir.resolve("m" + i + ".pkl"), "",
                AistppDataset::readMotion);
        assertTrue(o.read() >= 10 && o.refused() >= 50, o.toString());
    }
}
