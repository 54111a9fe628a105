package org.choreolab.io.numpy.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.choreolab.api.InvalidInputException;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npy;
import org.choreolab.io.numpy.NumpyPickle;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumpyFilesTest {

    private static final String[] SEQS = {"gBR_sBM_cAll_d04_mBR0_ch08", "gLO_sFM_cAll_d01_mLO3_ch06",
            "gMH_sBM_cAll_d11_mMH1_ch06", "gPO_sFM_cAll_d16_mPO3_ch03"};

    @Test
    void readsPicklesWrittenByPythonWithProtocols2And4() throws IOException {
        // Facts of the reference files: protocol 2 then 4, float32 (N,24,3) then float64 (N,72).
        int[] frames = {468, 435, 525, 431};
        String[] dtypes = {"<f4", "<f4", "<f8", "<f8"};
        for (int i = 0; i < SEQS.length; i++) {
            Map<String, Object> d = NumpyPickle.readDict(Reference.file("aistpp/motions/" + SEQS[i] + ".pkl"));
            NdArray poses = (NdArray) d.get("smpl_poses");
            assertEquals(frames[i], poses.dim(0), SEQS[i]);
            assertEquals(i < 2 ? 3 : 2, poses.ndim(), SEQS[i]);
            assertEquals(dtypes[i], poses.dtype(), SEQS[i]);
            assertEquals(1, ((NdArray) d.get("smpl_scaling")).size());
            assertTrue(d.get("smpl_loss") instanceof Double, "a Python float");
        }
    }

    @Test
    void picklesAndNpyOfTheSameJointsAgree() throws IOException {
        // keypoints are float64; the .npy joints are float32 numpy output: both must decode sanely.
        NdArray kp = (NdArray) NumpyPickle.readDict(Reference.file("aistpp/keypoints3d/" + SEQS[0] + ".pkl")).get("keypoints3d");
        assertArrayEquals(new int[] {468, 17, 3}, kp.shape());
        NdArray joints = Npy.read(Reference.file("aistpp/joints_reference/" + SEQS[0] + ".npy"));
        assertArrayEquals(new int[] {468, 24, 3}, joints.shape());
        assertEquals("<f4", joints.dtype());
        for (int i = 0; i < joints.size(); i++) {
            assertTrue(Double.isFinite(joints.get(i)) && Math.abs(joints.get(i)) < 100, "joint coordinate in metres");
        }
    }

    @Test
    void aMaliciousReduceIsRefusedAndNothingRuns(@TempDir Path dir) throws IOException {
        Path marker = dir.resolve("pwned");
        // pickle.dumps of an object whose __reduce__ returns (os.system, ('touch <marker>',)), protocol 0.
        String p0 = "cposix\nsystem\n(Vtouch " + marker + "\ntR.";
        assertRefused(p0.getBytes(StandardCharsets.UTF_8), "posix.system", dir);
        // The same inside a dict, the way a doctored AIST++ file would carry it (protocol 2).
        String inDict = "\u0080\u0002}q\u0000X\n\u0000\u0000\u0000smpl_posesq\u0001cos\nsystem\nq\u0002X\u0005\u0000\u0000\u0000touchq\u0003\u0085q\u0004Rq\u0005s.";
        assertRefused(inDict.getBytes(StandardCharsets.ISO_8859_1), "os.system", dir);
        // Protocol 4 names callables with STACK_GLOBAL.
        byte[] p4 = concat(new byte[] {(byte) 0x80, 4}, "\u008c\u0008builtins\u008c\u0004eval\u0093\u008c\u00031+1\u0085R.".getBytes(StandardCharsets.ISO_8859_1));
        assertRefused(p4, "builtins.eval", dir);
        // INST instantiates a class by name.
        assertRefused("(S'ls'\nios\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1), "instantiate", dir);
        assertFalse(Files.exists(marker), "nothing was executed");
    }

    private static void assertRefused(byte[] pickle, String expected, Path dir) throws IOException {
        Path f = dir.resolve("evil.pkl");
        Files.write(f, pickle);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NumpyPickle.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void truncatedAndShapeMismatchedPicklesNameFileAndField(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(Reference.file("aistpp/motions/" + SEQS[0] + ".pkl"));
        Path cut = dir.resolve("cut.pkl");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length / 2));
        InvalidInputException t = assertThrows(InvalidInputException.class, () -> NumpyPickle.read(cut));
        assertTrue(t.getMessage().contains(cut.toString()) && t.getMessage().contains("truncated"), t.getMessage());

        // Our writer stores the shape as BININT opcodes: make the first dimension one too large.
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("smpl_trans", NdArray.float32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NumpyPickle.writeDict(out, d);
        byte[] b = out.toByteArray();
        int at = indexOf(b, new byte[] {'(', 'J', 2, 0, 0, 0});
        assertTrue(at > 0);
        b[at + 2] = 3;
        Path bad = dir.resolve("bad.pkl");
        Files.write(bad, b);
        InvalidInputException s = assertThrows(InvalidInputException.class, () -> NumpyPickle.read(bad));
        assertTrue(s.getMessage().contains(bad + ": data: array of shape (3, 3)"), s.getMessage());
    }

    @Test
    void writtenPicklesReadBackExactly(@TempDir Path dir) throws IOException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("smpl_loss", 1.25);
        d.put("smpl_poses", NdArray.float64(new double[] {0.1, -2.5, 3e-9, 4, 5, 6}, 1, 2, 3));
        d.put("smpl_trans", NdArray.float32(new float[] {1.5f, -0.25f, 7f}, 1, 3));
        d.put("name", "gBR");
        Path f = dir.resolve("x.pkl");
        NumpyPickle.writeDict(f, d);
        Map<String, Object> r = NumpyPickle.readDict(f);
        assertEquals(1.25, r.get("smpl_loss"));
        assertEquals("gBR", r.get("name"));
        NdArray p = (NdArray) r.get("smpl_poses");
        assertArrayEquals(new int[] {1, 2, 3}, p.shape());
        assertEquals("<f8", p.dtype());
        assertArrayEquals(new double[] {0.1, -2.5, 3e-9, 4, 5, 6}, p.toDoubles());
        NdArray t = (NdArray) r.get("smpl_trans");
        assertEquals("<f4", t.dtype());
        assertArrayEquals(new float[] {1.5f, -0.25f, 7f}, t.toFloats());
    }

    @Test
    void npyWrittenIsVersion1WithAlignedHeaderAndReadsBack(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("j.npy");
        float[] v = new float[2 * 24 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.5f - 3;
        }
        Npy.writeFloat32(f, v, 2, 24, 3);
        byte[] raw = Files.readAllBytes(f);
        assertEquals(1, raw[6], "format version 1.0");
        assertEquals(0, raw[7]);
        int headerLen = (raw[8] & 0xff) | (raw[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64, "data starts on a 64-byte boundary, as numpy writes it");
        String header = new String(raw, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 24, 3), }"), header);
        assertEquals(10 + headerLen + 4 * v.length, raw.length);
        assertArrayEquals(v, Npy.read(f).toFloats());
    }

    @Test
    void npyErrorsNameTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("not.npy");
        Files.writeString(f, "hello");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        Path j = dir.resolve("short.npy");
        Npy.writeFloat32(j, new float[6], 2, 3);
        byte[] b = Files.readAllBytes(j);
        Files.write(j, java.util.Arrays.copyOf(b, b.length - 4));
        InvalidInputException s = assertThrows(InvalidInputException.class, () -> Npy.read(new ByteArrayInputStream(Files.readAllBytes(j)), "short.npy"));
        assertTrue(s.getMessage().contains("short.npy: data: truncated"), s.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
