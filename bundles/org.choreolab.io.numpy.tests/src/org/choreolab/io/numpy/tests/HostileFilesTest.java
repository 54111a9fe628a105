package org.choreolab.io.numpy.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.choreolab.api.InvalidInputException;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npy;
import org.choreolab.io.numpy.Npz;
import org.choreolab.io.numpy.NumpyPickle;
import org.choreolab.io.numpy.ObjectArray;
import org.choreolab.io.numpy.ReadLimits;
import org.choreolab.testing.Hostile;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs of issue #16, one test per defect: each failed before (a StackOverflowError, an
 * OutOfMemoryError, a hang, or a raw Java message) and now gives one line naming the file and what
 * was expected. The time-outs only catch hangs (a reader that never returns); they assert no speed.
 */
class HostileFilesTest {

    private static final Duration HANG = Duration.ofMinutes(2);

    private static InvalidInputException refused(Path dir, String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content);
        InvalidInputException e = assertTimeoutPreemptively(HANG,
                () -> assertThrows(InvalidInputException.class, () -> NumpyPickle.read(f)), "reading " + name + " never finished");
        Hostile.requireClearMessage(e.getMessage(), f.toString());
        return e;
    }

    @Test
    void deepAndSelfReferentialContainersAreRefusedInsteadOfOverflowingTheStack(@TempDir Path dir) throws IOException {
        // Before: StackOverflowError (exit 13) while copying the containers out.
        Map<String, byte[]> cases = Map.of("lists", Hostile.deepLists(100_000), "dicts", Hostile.deepDicts(100_000), "tuples",
                Hostile.deepTuples(100_000), "self-list", Hostile.selfList(), "self-dict", Hostile.selfDict(), "tuple-cycle",
                Hostile.tupleCycle());
        for (var c : cases.entrySet()) {
            InvalidInputException e = refused(dir, c.getKey() + ".pkl", Hostile.motionWith(c.getValue()));
            assertTrue(e.getMessage().contains("nested deeper than 32 levels, or a container that holds itself"), e.getMessage());
        }
        // Nesting within the limit reads.
        Path ok = dir.resolve("ok.pkl");
        Files.write(ok, Hostile.motionWith(Hostile.deepLists(20)));
        Object v = ((Map<?, ?>) NumpyPickle.read(ok)).get("smpl_poses");
        for (int i = 1; i < 20; i++) {
            v = ((List<?>) v).get(0);
        }
        assertEquals(List.of(), v);
    }

    @Test
    void declaredLengthsBeyondTheFileAreRefusedBeforeAnythingIsAllocated(@TempDir Path dir) throws IOException {
        // Before: OutOfMemoryError (exit 13) allocating 2^31-1 bytes for a 30-byte file.
        String[] ops = {"BINBYTES", "BINUNICODE", "BINSTRING", "LONG4", "BINBYTES8"};
        byte[][] values = {Hostile.declared('B', Integer.MAX_VALUE), Hostile.declared('X', Integer.MAX_VALUE),
                Hostile.declared('T', Integer.MAX_VALUE), Hostile.long4(Integer.MAX_VALUE), Hostile.binbytes8(Long.MAX_VALUE)};
        for (int i = 0; i < ops.length; i++) {
            InvalidInputException e = refused(dir, "len" + i + ".pkl", Hostile.motionWith(values[i]));
            assertTrue(e.getMessage().contains(ops[i] + " at byte 18"), e.getMessage());
            assertTrue(ops[i].equals("LONG4") ? e.getMessage().contains("an integer of 2147483647 bytes")
                    : e.getMessage().contains("declares") && e.getMessage().contains("the file holds only 5 more"), e.getMessage());
        }
        InvalidInputException neg = refused(dir, "neg.pkl", Hostile.motionWith(Hostile.declared('T', -5)));
        assertTrue(neg.getMessage().contains("BINSTRING at byte 18 declares -5 bytes"), neg.getMessage());
    }

    @Test
    void aListDoubledFortyTimesThroughTheMemoIsRefusedNotWalked(@TempDir Path dir) throws IOException {
        // Before: 'dataset info' ran for ever on this 300-byte file (2^40 lists to copy).
        byte[] bomb = Hostile.motionWith(Hostile.memoBomb(40));
        assertTrue(bomb.length < 1024, "a 1 KB pickle");
        InvalidInputException e = refused(dir, "bomb.pkl", bomb);
        assertTrue(e.getMessage().contains("nested deeper than 32 levels"), "41 levels deep: " + e.getMessage());
        // With room for the depth, the expansion limit stops it.
        Path deepOk = dir.resolve("bomb.pkl");
        InvalidInputException x = assertTimeoutPreemptively(HANG, () -> assertThrows(InvalidInputException.class,
                () -> NumpyPickle.read(deepOk, new ReadLimits(1 << 20, 64, 1_000_000, 1 << 20))));
        assertTrue(x.getMessage().contains("shared values expand to more than 1000000 values"), x.getMessage());
        // A shallow one: 200 references to 200 references … 4 levels: 1.6 KB, 1.6e9 values once expanded.
        InvalidInputException w = refused(dir, "wide.pkl", Hostile.motionWith(Hostile.wideBomb(200, 4)));
        assertTrue(w.getMessage().contains("shared values expand to more than 1000000 values"), w.getMessage());
        // A few doublings are data like any other: 2^5 leaves.
        Path small = dir.resolve("small.pkl");
        Files.write(small, Hostile.motionWith(Hostile.memoBomb(5)));
        Object v = ((Map<?, ?>) NumpyPickle.read(small)).get("smpl_poses");
        assertEquals(32, count(v));
    }

    private static int count(Object o) {
        return o instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof List<?> ? l.stream().mapToInt(HostileFilesTest::count).sum() : 1;
    }

    @Test
    void namedPipesAreRefusedInsteadOfWaitedOn(@TempDir Path dir) throws Exception {
        // Before: 'dataset info' blocked for ever on a FIFO named motions/x.pkl.
        for (String name : List.of("x.pkl", "x.npy", "x.npz")) {
            Path fifo = Hostile.mkfifo(dir.resolve(name));
            InvalidInputException e = assertTimeoutPreemptively(HANG, () -> assertThrows(InvalidInputException.class,
                    () -> {
                        if (name.endsWith(".pkl")) {
                            NumpyPickle.read(fifo);
                        } else if (name.endsWith(".npy")) {
                            Npy.load(fifo);
                        } else {
                            Npz.read(fifo);
                        }
                    }), name + " blocked");
            assertEquals(fifo + ": not a regular file (a named pipe, device or socket): expected a regular file", e.getMessage());
        }
        InvalidInputException folder = assertThrows(InvalidInputException.class, () -> NumpyPickle.read(dir));
        assertEquals(dir + ": a folder: expected a regular file", folder.getMessage());
    }

    @Test
    void npyHeadersThatLieAreRefusedWithTheField(@TempDir Path dir) throws IOException {
        byte[] data = new byte[4 * 72];
        String[][] cases = {
            // Before: "choreolab metrics: -1440" (a NegativeArraySizeException's message).
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (-1440, 24, 3), }",
                "shape: expected non-negative dimensions below 2^31, got (-1440, 24, 3)"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 3), }",
                "shape: (2147483647, 2147483647, 3) has over 2^63 items; a data file may hold at most 33554432"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (1000, 24, 3), }",
                "data: truncated: shape (1000, 24, 3) of <f4 needs 288000 bytes after the header, the file holds 288"},
            {"{'descr': '<U10', 'fortran_order': False, 'shape': (4,), }", "descr: unsupported dtype '<U10'"},
            {"{'descr': '|O', 'fortran_order': False, 'shape': (), }", "descr: '|O' is an array of Python objects"},
            {"{'descr': '<f4', 'shape': (1, 24, 3), }", "header: expected 'descr', 'fortran_order' and 'shape'"}};
        for (String[] c : cases) {
            Path f = dir.resolve("lie.npy");
            Files.write(f, Hostile.npy(c[0], data));
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.read(f), c[0]);
            Hostile.requireClearMessage(e.getMessage(), f.toString());
            assertTrue(e.getMessage().startsWith(f + ": " + c[1]), e.getMessage());
        }
        // A header length beyond the file.
        byte[] b = Hostile.npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 24, 3), }", data);
        b[8] = (byte) 0xff;
        b[9] = (byte) 0xff;
        Path f = dir.resolve("long-header.npy");
        Files.write(f, java.util.Arrays.copyOf(b, 200));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.read(f));
        assertEquals(f + ": header: declares 65535 bytes of header, the file holds 190 after the preamble (truncated?)", e.getMessage());
        // A shape of 2^31-1 items with the data missing: refused from the header, nothing allocated.
        Path big = dir.resolve("big.npy");
        Files.write(big, Hostile.npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2147483647,), }", new byte[8]));
        InvalidInputException m = assertThrows(InvalidInputException.class, () -> Npy.read(big));
        assertTrue(m.getMessage().contains("shape: (2147483647,) has 2147483647 items; a data file may hold at most 33554432"), m.getMessage());
    }

    @Test
    void malformedPicklesAreDescribedWithoutJavaText() throws IOException {
        // Before: raw Java messages such as "[B@4b79ac84" or "class java.util.HashMap cannot be cast…".
        String[][] cases = {
            {"a", "APPEND found too few values on the stack"},
            {"}K\u0001a", "APPEND expects a list, found a dict"},
            {"]K\u0001K\u0002s", "SETITEM expects a dict, found a list"},
            {"cnumpy\ndtype\nC\u0002f4\u0085R", "expected a dtype name (str), got bytes"},
            {"cnumpy\ndtype\n]R", "REDUCE expects a tuple of arguments, got list"},
            {"K\u0001)R", "it calls a value of type int; only the allow-listed numpy functions are called"},
            {"}]K\u0001s", "a list cannot be a dict key or set element"},
            {"(K\u0001d", "DICT expects keys and values in pairs, found 1 items"},
            {"h\u0005", "invalid memo key"},
            {"\u008c\u0003abc]\u0093", "STACK_GLOBAL expects a module and a name (str), got str and list"},
            {"F1.2.3\n", "the argument of FLOAT is not a number"},
            {"I" + "9".repeat(5000) + "\n", "the argument of INT runs past 4302 bytes"},
            {"\u00ff", "invalid pickle opcode: 255"},
            {"cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\u0000\u0085C\u0001b\u0087R]b", "expected the state (version, shape, dtype, is_fortran, data) of a numpy array, got a list"},
            {"cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\nK\u0000\u0085C\u0001b\u0087R", "a numpy array without its data (BUILD missing)"},
            {"cnumpy\ndtype\nX\u0002\u0000\u0000\u0000f4\u0085R", "a bare numpy dtype is not data"},
            {"1", "POP_MARK found too few values"},
            {"Sabc\n", "the argument of STRING is not a quoted string"},
            {"S'" + "x".repeat(1000), "truncated pickle"}};
        for (String[] c : cases) {
            byte[] p = Hostile.pickle(c[0]);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> NumpyPickle.read(new ByteArrayInputStream(p), "m.pkl"),
                    c[1]);
            Hostile.requireClearMessage(e.getMessage(), "m.pkl");
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        // Protocol 0's text opcodes still read (Python 2 kept array data in them).
        assertEquals("a\nb\u00e9", NumpyPickle.read(new ByteArrayInputStream(Hostile.pickle("S'a\\nb\\xe9'\n")), "p0.pkl"));
        assertEquals("\u00e9t\u00e9", NumpyPickle.read(new ByteArrayInputStream(Hostile.pickle("V\\u00e9t\\u00e9\n")), "p0.pkl"));
    }

    @Test
    void objectArraysAsNpSaveWritesThemAreReadAndStillRefuseCode(@TempDir Path dir) throws IOException {
        // np.save('<seq>.json.pkl', {'pred_position': joints}), as Bailando writes its results (numpy 1.24).
        String seq = "gBR_sBM_cAll_d04_mBR0_ch08";
        Object o = Npy.load(Reference.file("outputs/bailando/" + seq + ".json.pkl.npy"));
        ObjectArray a = (ObjectArray) o;
        assertArrayEquals(new int[0], a.shape(), "np.save of a dict stores a 0-d object array");
        NdArray p = (NdArray) ((Map<?, ?>) a.item()).get("pred_position");
        assertArrayEquals(new int[] {468, 72}, p.shape());
        assertEquals("<f4", p.dtype());
        assertArrayEquals(Npy.read(Reference.file("aistpp/joints_reference/" + seq + ".npy")).toFloats(), p.toFloats());
        // Npy.read wants numbers and says why it refuses.
        InvalidInputException n = assertThrows(InvalidInputException.class, () -> Npy.read(Reference.file("outputs/bailando/" + seq + ".json.pkl.npy")));
        assertTrue(n.getMessage().contains("descr: '|O' is an array of Python objects"), n.getMessage());

        // The pickle inside an object .npy goes through the same allow-list.
        Path marker = dir.resolve("pwned");
        byte[] evil = ("\u0080\u0003cposix\nsystem\nX" + le(("touch " + marker).length()) + "touch " + marker + "\u0085R.")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path f = dir.resolve("evil.npy");
        Files.write(f, Hostile.npy("{'descr': '|O', 'fortran_order': False, 'shape': (), }", evil));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Npy.load(f));
        Hostile.requireClearMessage(e.getMessage(), f.toString());
        assertTrue(e.getMessage().contains("refused to construct posix.system"), e.getMessage());
        assertFalse(Files.exists(marker), "nothing was executed");
    }

    private static String le(int n) {
        return new String(new byte[] {(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)}, StandardCharsets.ISO_8859_1);
    }
}
