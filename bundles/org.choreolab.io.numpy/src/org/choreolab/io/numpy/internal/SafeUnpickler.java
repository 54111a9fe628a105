package org.choreolab.io.numpy.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.choreolab.api.InvalidInputException;
import org.choreolab.io.numpy.NdArray;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler with every opcode that can name or call a class taken over: GLOBAL and
 * STACK_GLOBAL resolve only the allow-listed names below, BUILD only applies to our own array and
 * dtype builders, and INST, OBJ, NEWOBJ, persistent ids, the extension registry and out-of-band
 * buffers are refused. Nothing a pickle names outside the list is ever constructed.
 */
public final class SafeUnpickler extends Unpickler {

    private static final int GLOBAL = 'c', STACK_GLOBAL = 0x93, INST = 'i', OBJ = 'o', BUILD = 'b', PERSID = 'P',
            BINPERSID = 'Q', EXT1 = 0x82, EXT2 = 0x83, EXT4 = 0x84, NEWOBJ = 0x81, NEWOBJ_EX = 0x92,
            NEXT_BUFFER = 0x97, READONLY_BUFFER = 0x98;

    private static final Set<String> NUMPY_CORE = Set.of("numpy.core.multiarray", "numpy._core.multiarray");
    private static final Set<String> NUMPY_NUMERIC = Set.of("numpy.core.numeric", "numpy._core.numeric");

    private final String source;

    public SafeUnpickler(String source) {
        this.source = source;
    }

    /** Reads one pickle; arrays come back as {@link NdArray}s. */
    public Object read(InputStream in) throws IOException {
        try {
            return finish(load(in));
        } catch (InvalidInputException e) {
            throw e;
        } catch (Refused e) {
            throw new InvalidInputException(source, e.field, e.getMessage());
        } catch (EOFException e) {
            throw new InvalidInputException(source, "", "truncated pickle (the file ends before the STOP opcode)");
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (m.contains("premature end") || m.contains("end of file") || m.contains("expected more bytes")) {
                m = "truncated pickle (the file ends before the STOP opcode)";
            }
            throw new InvalidInputException(source, "", "not a readable pickle: " + m);
        } finally {
            close();
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        switch (key) {
            case GLOBAL -> {
                String module = readLine();
                String name = readLine();
                stack.add(resolve(module, name));
                return NO_RETURN_VALUE;
            }
            case STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                stack.add(resolve(String.valueOf(module), String.valueOf(name)));
                return NO_RETURN_VALUE;
            }
            case BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (target instanceof ArrayBuilder a) {
                    a.setState(state);
                } else if (target instanceof DTypeBuilder d) {
                    d.setState(state);
                } else {
                    throw new Refused("", "refused BUILD on " + describe(target) + ": only numpy arrays and dtypes are rebuilt");
                }
                return NO_RETURN_VALUE;
            }
            case INST, OBJ, NEWOBJ, NEWOBJ_EX -> throw new Refused("", "refused to instantiate a class (opcode "
                    + opName(key) + "): only numpy arrays and plain containers are allowed");
            case PERSID, BINPERSID -> throw new Refused("", "refused a persistent id: not allowed in data files");
            case EXT1, EXT2, EXT4 -> throw new Refused("", "refused a copyreg extension code: not allowed in data files");
            case NEXT_BUFFER, READONLY_BUFFER -> throw new Refused("", "refused an out-of-band buffer: not allowed in data files");
            default -> {
                return super.dispatch(key);
            }
        }
    }

    private static String opName(short key) {
        return switch (key) {
            case INST -> "INST";
            case OBJ -> "OBJ";
            case NEWOBJ -> "NEWOBJ";
            default -> "NEWOBJ_EX";
        };
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = input.read();
            if (c < 0) {
                throw new EOFException();
            }
            if (c == '\n') {
                break;
            }
            b.write(c);
            if (b.size() > 1024) {
                throw new Refused("", "refused a GLOBAL name longer than 1024 bytes");
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private IObjectConstructor resolve(String module, String name) {
        if (NUMPY_CORE.contains(module) && name.equals("_reconstruct")) {
            return args -> new ArrayBuilder();
        }
        if (module.equals("numpy") && name.equals("ndarray")) {
            return NDARRAY_TYPE;
        }
        if (module.equals("numpy") && name.equals("dtype")) {
            return args -> new DTypeBuilder(String.valueOf(args[0]));
        }
        if (NUMPY_CORE.contains(module) && name.equals("scalar")) {
            return args -> scalar(args);
        }
        if (NUMPY_NUMERIC.contains(module) && name.equals("_frombuffer")) {
            return args -> fromBuffer(args);
        }
        if (module.equals("_codecs") && name.equals("encode")) {
            return args -> latin1(args);
        }
        throw new Refused(module + "." + name, "refused to construct " + module + "." + name
                + ": only numpy arrays, numpy scalars and plain containers are allowed in data files");
    }

    /** The class object numpy.ndarray, only ever passed to _reconstruct. */
    private static final IObjectConstructor NDARRAY_TYPE = args -> {
        throw new Refused("numpy.ndarray", "refused to call numpy.ndarray directly");
    };

    private static byte[] latin1(Object[] args) {
        if (args.length == 2 && args[0] instanceof String s
                && ("latin1".equals(args[1]) || "latin-1".equals(args[1]) || "iso-8859-1".equals(args[1]))) {
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new Refused("_codecs.encode", "refused _codecs.encode with arguments other than (str, 'latin1')");
    }

    private Object scalar(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof DTypeBuilder d)) {
            throw new Refused("numpy scalar", "expected (dtype, bytes) for a numpy scalar");
        }
        double v = d.type().decode(bytes(args[1], "numpy scalar"), 1)[0];
        return d.type().kind == 'f' ? (Object) v : (Object) (long) v;
    }

    private NdArray fromBuffer(Object[] args) {
        if (args.length != 4 || !(args[1] instanceof DTypeBuilder d)) {
            throw new Refused("_frombuffer", "expected (buffer, dtype, shape, order)");
        }
        int[] shape = shape(args[2], "_frombuffer shape");
        int n = count(shape);
        double[] v = d.type().decode(bytes(args[0], "_frombuffer buffer"), n);
        if ("F".equals(args[3])) {
            v = ArrayBuilder.fortranToC(v, shape);
        }
        return new NdArray(shape, d.type().descr(), v);
    }

    static byte[] bytes(Object o, String field) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) {
            // Python 2 pickles carry raw bytes as str.
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new Refused(field, "expected bytes, got " + describe(o));
    }

    static int[] shape(Object o, String field) {
        Object[] t = o instanceof Object[] a ? a : o instanceof List<?> l ? l.toArray() : null;
        if (t == null) {
            throw new Refused(field, "expected a shape tuple, got " + describe(o));
        }
        int[] s = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            if (!(t[i] instanceof Number n) || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE) {
                throw new Refused(field, "expected non-negative integer dimensions, got " + describe(t[i]));
            }
            s[i] = n.intValue();
        }
        return s;
    }

    static int count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE / 8) {
            throw new Refused("shape", "array of " + n + " items is too large");
        }
        return (int) n;
    }

    static String describe(Object o) {
        return o == null ? "None" : o instanceof Object[] ? "tuple" : o.getClass().getSimpleName();
    }

    /** Replaces builders by the arrays they describe, throughout the containers. */
    private Object finish(Object o) {
        if (o instanceof ArrayBuilder a) {
            return a.build();
        }
        if (o instanceof DTypeBuilder) {
            throw new Refused("dtype", "a bare numpy dtype is not data");
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(e.getKey(), finish(e.getValue()));
            }
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(finish(x));
            }
            return out;
        }
        if (o instanceof Object[] t) {
            Object[] out = new Object[t.length];
            for (int i = 0; i < t.length; i++) {
                out[i] = finish(t[i]);
            }
            return out;
        }
        return o;
    }

    /** numpy.dtype(descr, align, copy), then BUILD (version, byteorder, …). */
    static final class DTypeBuilder {
        private final String descr;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        DTypeBuilder(String descr) {
            this.descr = descr;
        }

        void setState(Object state) {
            if (state instanceof Object[] t && t.length >= 2 && t[1] instanceof String bo) {
                order = ">".equals(bo) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
        }

        DType type() {
            try {
                return DType.parse(descr).withOrder(order);
            } catch (IllegalArgumentException e) {
                throw new Refused("dtype", e.getMessage());
            }
        }
    }

    /** _reconstruct(ndarray, (0,), b'b'), then BUILD (version, shape, dtype, fortran, raw). */
    static final class ArrayBuilder {
        private NdArray array;

        void setState(Object state) {
            if (!(state instanceof Object[] t) || t.length != 5 || !(t[2] instanceof DTypeBuilder d)) {
                throw new Refused("ndarray", "expected the state (version, shape, dtype, is_fortran, data) of a numpy array");
            }
            int[] shape = shape(t[1], "shape");
            int n = count(shape);
            if (t[4] instanceof List<?>) {
                throw new Refused("ndarray", "object arrays are not data: expected a numeric dtype");
            }
            byte[] raw = bytes(t[4], "data");
            var type = d.type();
            if ((long) n * type.itemSize != raw.length) {
                throw new Refused("data", "array of shape " + NdArray.shapeString(shape) + " and dtype " + type.descr()
                        + " needs " + (long) n * type.itemSize + " bytes, the pickle holds " + raw.length);
            }
            double[] v = type.decode(raw, n);
            if (Boolean.TRUE.equals(t[3])) {
                v = fortranToC(v, shape);
            }
            array = new NdArray(shape, type.descr(), v);
        }

        NdArray build() {
            if (array == null) {
                throw new Refused("ndarray", "a numpy array without its data (BUILD missing)");
            }
            return array;
        }

        static double[] fortranToC(double[] f, int[] shape) {
            return Layout.fortranToC(f, shape);
        }
    }

    /** A refusal or malformation, turned into an {@link InvalidInputException} naming the file. */
    static final class Refused extends PickleException {
        private static final long serialVersionUID = 1L;
        final String field;

        Refused(String field, String message) {
            super(message);
            this.field = field;
        }
    }
}
