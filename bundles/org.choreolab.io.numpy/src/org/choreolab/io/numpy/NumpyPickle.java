package org.choreolab.io.numpy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.choreolab.api.InvalidInputException;
import org.choreolab.io.numpy.internal.Input;
import org.choreolab.io.numpy.internal.SafeUnpickler;

/**
 * Pickles of numpy arrays in plain containers, as Python's {@code pickle.dump} writes them for the
 * AIST++ files.
 *
 * <p>Reading goes through an allow-list: the only callables a pickle may name are numpy's array and
 * dtype reconstructors, numpy scalars and {@code _codecs.encode}; anything else (for instance
 * {@code os.system} in a {@code __reduce__}) is refused with an error and nothing of it is constructed.
 * Dicts become {@link Map}s (insertion order kept), lists {@link List}s, tuples {@code Object[]},
 * numeric arrays {@link NdArray}s, object arrays {@link ObjectArray}s. {@link ReadLimits} bound the
 * size, nesting, values and array items of a pickle, so a hostile file gives an error, never a crash
 * or a hang.
 *
 * <p>Writing produces protocol-3 pickles of a string-keyed dict of arrays, numbers and strings that
 * Python's pickle and numpy read back as the same dict of {@code ndarray}s.
 */
public final class NumpyPickle {

    private NumpyPickle() {
    }

    /**
     * Reads a pickle file. Only regular files are read (a named pipe is refused, not waited on), and
     * every bound of {@link ReadLimits#DEFAULT} applies.
     */
    public static Object read(Path file) throws IOException {
        return read(file, ReadLimits.DEFAULT);
    }

    public static Object read(Path file, ReadLimits limits) throws IOException {
        byte[] data = Input.readRegularFile(file, limits);
        return new SafeUnpickler(file.toString(), limits).read(data, 0, data.length);
    }

    public static Object read(InputStream in, String source) throws IOException {
        return read(in, source, ReadLimits.DEFAULT);
    }

    public static Object read(InputStream in, String source, ReadLimits limits) throws IOException {
        return new SafeUnpickler(source, limits).read(in);
    }

    /** Reads a pickle whose top level must be a dict with string keys. */
    public static Map<String, Object> readDict(Path file) throws IOException {
        return readDict(file, ReadLimits.DEFAULT);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> readDict(Path file, ReadLimits limits) throws IOException {
        Object o = read(file, limits);
        if (!(o instanceof Map<?, ?> m)) {
            throw new InvalidInputException(file.toString(), "", "expected a pickled dict at the top level, got a " + typeName(o));
        }
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new InvalidInputException(file.toString(), "", "expected string keys, found a " + typeName(k) + " key");
            }
        }
        return (Map<String, Object>) m;
    }

    /**
     * Python's name for the type of a value read by this package ({@code dict}, {@code list},
     * {@code tuple}, {@code str}, {@code numpy array (3, 72) <f4}, …), for messages to users.
     */
    public static String typeName(Object value) {
        return Input.typeName(value);
    }

    /**
     * A dict's keys as a message shows them: {@code [smpl_poses, smpl_trans]}, at most ten, control
     * characters replaced and long keys cut, so that a hostile file cannot break a one-line message.
     */
    public static String keys(java.util.Collection<?> keys) {
        return Input.keys(keys);
    }

    /** Writes a dict (insertion order kept) atomically: temporary file, then move. */
    public static void writeDict(Path file, Map<String, ?> dict) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
            writeDict(out, dict);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static void writeDict(OutputStream out, Map<String, ?> dict) throws IOException {
        Writer w = new Writer();
        w.op(0x80).op(3); // PROTO 3
        w.op('}');
        if (!dict.isEmpty()) {
            w.op('(');
            for (Map.Entry<String, ?> e : dict.entrySet()) {
                w.string(e.getKey());
                w.value(e.getValue());
            }
            w.op('u');
        }
        w.op('.');
        out.write(w.buf.toByteArray());
    }

    /** Encodes values the way CPython's pickle protocol 3 does, with numpy's reduce for arrays. */
    private static final class Writer {
        final ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);

        Writer op(int c) {
            buf.write(c);
            return this;
        }

        void int32(int v) {
            buf.write(v & 0xff);
            buf.write((v >>> 8) & 0xff);
            buf.write((v >>> 16) & 0xff);
            buf.write((v >>> 24) & 0xff);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            op('X');
            int32(b.length);
            buf.writeBytes(b);
        }

        void bytes(byte[] b) {
            op('B');
            int32(b.length);
            buf.writeBytes(b);
        }

        void global(String module, String name) {
            op('c');
            buf.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        }

        void value(Object v) throws IOException {
            if (v == null) {
                op('N');
            } else if (v instanceof Boolean b) {
                op(b ? 0x88 : 0x89);
            } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
                op('J');
                int32(((Number) v).intValue());
            } else if (v instanceof Number n) {
                op('G');
                buf.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(n.doubleValue()).array());
            } else if (v instanceof String s) {
                string(s);
            } else if (v instanceof NdArray a) {
                array(a);
            } else {
                throw new IOException("cannot pickle a " + v.getClass().getName());
            }
        }

        void array(NdArray a) {
            boolean f8 = a.dtype().endsWith("f8");
            // ndarray: _reconstruct(ndarray, (0,), b'b') then BUILD (1, shape, dtype, False, raw bytes).
            global("numpy.core.multiarray", "_reconstruct");
            global("numpy", "ndarray");
            op('K').op(0).op(0x85);
            op('C').op(1).op('b');
            op(0x87).op('R');
            op('(');
            op('K').op(1);
            op('(');
            for (int d : a.shape()) {
                op('J');
                int32(d);
            }
            op('t');
            global("numpy", "dtype");
            string(f8 ? "f8" : "f4");
            op(0x89).op(0x88).op(0x87).op('R');
            op('(').op('K').op(3);
            string("<");
            op('N').op('N').op('N');
            op('J');
            int32(-1);
            op('J');
            int32(-1);
            op('K').op(0);
            op('t').op('b');
            op(0x89);
            ByteBuffer raw = ByteBuffer.allocate(a.size() * (f8 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < a.size(); i++) {
                if (f8) {
                    raw.putDouble(a.get(i));
                } else {
                    raw.putFloat((float) a.get(i));
                }
            }
            bytes(raw.array());
            op('t').op('b');
        }
    }
}
