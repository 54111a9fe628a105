package org.choreolab.io.numpy.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.Problem;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.ObjectArray;
import org.choreolab.io.numpy.ReadLimits;

import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.PickleUtils;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler (its machine: stack, memo, opcode loop, number and string decoding) with every
 * opcode that can name or call a class, allocate by a declared length or build a container taken
 * over:
 *
 * <ul>
 * <li>GLOBAL and STACK_GLOBAL resolve only the allow-listed numpy names below, REDUCE calls only
 * those, BUILD applies only to our array and dtype builders; INST, OBJ, NEWOBJ, persistent ids, the
 * extension registry and out-of-band buffers are refused. Nothing a pickle names outside the list is
 * ever constructed, and no code of the pickle runs.</li>
 * <li>Every declared length (BINBYTES, BINUNICODE, LONG4, …) is checked against the bytes left in
 * the file before anything is allocated; decimal numbers are limited to Python's own 4,300 digits.</li>
 * <li>Containers are checked as Python would check them (appending to a list, setting a dict item,
 * keys hashable), so a malformed pickle gives an error saying which opcode at which byte, never a
 * Java exception.</li>
 * <li>{@link ReadLimits}: values created, nesting depth, the expansion of shared (memoised) values and
 * array items are bounded, so no pickle can exhaust memory or the stack, or run for ever.</li>
 * </ul>
 *
 * <p>One instance reads one pickle.
 */
public final class SafeUnpickler extends Unpickler {

    /** Python refuses longer decimal integers by default ({@code sys.int_info.default_max_str_digits}). */
    private static final int MAX_INT_DIGITS = 4300;
    /** LONG1/LONG4 bytes: about as many as 4,300 decimal digits. */
    private static final int MAX_LONG_BYTES = 1800;
    /** STRING and UNICODE lines (protocol 0): a 3,000-frame AIST++ motion escaped takes about 5 MB. */
    private static final int MAX_TEXT_LINE = 64 << 20;

    private static final Set<String> NUMPY_CORE = Set.of("numpy.core.multiarray", "numpy._core.multiarray");
    private static final Set<String> NUMPY_NUMERIC = Set.of("numpy.core.numeric", "numpy._core.numeric");

    private final String source;
    private final ReadLimits limits;
    private Cursor cursor;
    private long values;
    private long arrayItems;
    private long expanded;

    public SafeUnpickler(String source) {
        this(source, ReadLimits.DEFAULT);
    }

    public SafeUnpickler(String source, ReadLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /** Reads one pickle from a stream (at most {@link ReadLimits#maxFileBytes()} of it); arrays come back as {@link NdArray}s. */
    public Object read(InputStream in) throws IOException {
        byte[] data = Input.readBounded(in, source, limits);
        return read(data, 0, data.length);
    }

    /** Reads one pickle held in {@code data[offset, offset + length)}. */
    public Object read(byte[] data, int offset, int length) throws IOException {
        cursor = new Cursor(data, offset, length);
        try {
            Object top = load(cursor);
            return finish(top, 0);
        } catch (Refused e) {
            throw new InvalidInputException(new Problem(source, e.field, e.getMessage()), null);
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException e) {
            // Pyrolite's only I/O errors are reads past the end.
            throw new InvalidInputException(new Problem(source, "", "truncated pickle: the file ends after " + cursor.consumed()
                    + " bytes, before the STOP opcode"), e);
        } catch (RuntimeException e) {
            // Not expected (every opcode's failures are translated in dispatch); kept as the cause for -Dchoreolab.debug.
            throw new InvalidInputException(new Problem(source, "", "not a readable pickle (malformed near byte " + cursor.consumed() + ")"), e);
        } finally {
            close();
        }
    }

    @Override
    protected Object dispatch(short key) throws PickleException, IOException {
        int at = cursor.consumed() - 1;
        int before = stack.size();
        Object result;
        try {
            result = step(key, at);
        } catch (Refused | IOException e) {
            throw e;
        } catch (PickleException e) {
            // Pyrolite's own messages describe the pickle (invalid memo key, unsupported protocol, …);
            // some quote the input, so they are cut short.
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.startsWith("invalid escape sequence")) {
                m = "invalid escape sequence"; // Pyrolite's message quotes the whole string
            }
            throw new Refused("", "malformed pickle at byte " + at + " (" + Opcode.name(key) + "): " + Input.printable(m, 120));
        } catch (IndexOutOfBoundsException | java.util.NoSuchElementException e) {
            throw new Refused("", "malformed pickle at byte " + at + ": " + Opcode.name(key)
                    + " found too few values on the stack (or no MARK before it)");
        } catch (NumberFormatException e) {
            throw new Refused("", "malformed pickle at byte " + at + ": the argument of " + Opcode.name(key) + " is not a number");
        } catch (ClassCastException e) {
            throw new Refused("", "malformed pickle at byte " + at + ": " + Opcode.name(key) + " found values of the wrong type");
        } catch (RuntimeException e) {
            throw new Refused("", "malformed pickle at byte " + at + ": " + Opcode.name(key) + " cannot be applied here");
        }
        int grown = stack.size() - before;
        if (grown > 0 && (values += grown) > limits.maxValues()) {
            throw new Refused("", "more than " + limits.maxValues() + " values, far more than a data file holds (ReadLimits.maxValues)");
        }
        return result;
    }

    private Object step(short key, int at) throws IOException {
        switch (key) {
            case Opcodes.GLOBAL -> {
                String module = line(1024, "GLOBAL");
                String name = line(1024, "GLOBAL");
                stack.add(resolve(module, name));
            }
            case Opcodes.STACK_GLOBAL -> {
                Object name = stack.pop();
                Object module = stack.pop();
                if (!(module instanceof String m) || !(name instanceof String n)) {
                    throw new Refused("", "malformed pickle at byte " + at + ": STACK_GLOBAL expects a module and a name (str), got "
                            + Input.typeName(module) + " and " + Input.typeName(name));
                }
                stack.add(resolve(m, n));
            }
            case Opcodes.REDUCE -> {
                Object args = stack.pop();
                Object callable = stack.pop();
                if (!(callable instanceof NumpyCallable f)) {
                    throw new Refused("", "refused REDUCE at byte " + at + ": it calls a value of type " + Input.typeName(callable)
                            + "; only the allow-listed numpy functions are called");
                }
                if (!(args instanceof Object[] a)) {
                    throw new Refused("", "malformed pickle at byte " + at + ": REDUCE expects a tuple of arguments, got " + Input.typeName(args));
                }
                stack.add(f.call(a));
            }
            case Opcodes.BUILD -> {
                Object state = stack.pop();
                Object target = stack.peek();
                if (target instanceof ArrayBuilder a) {
                    a.setState(state);
                } else if (target instanceof DTypeBuilder d) {
                    d.setState(state);
                } else {
                    throw new Refused("", "refused BUILD at byte " + at + " on a " + Input.typeName(target)
                            + ": only numpy arrays and dtypes are rebuilt");
                }
            }
            case Opcodes.INST, Opcodes.OBJ, Opcodes.NEWOBJ, Opcodes.NEWOBJ_EX -> throw new Refused("", "refused to instantiate a class ("
                    + Opcode.name(key) + " at byte " + at + "): only numpy arrays and plain containers are allowed");
            case Opcodes.PERSID, Opcodes.BINPERSID -> throw new Refused("", "refused a persistent id at byte " + at + ": not allowed in data files");
            case Opcodes.EXT1, Opcodes.EXT2, Opcodes.EXT4 -> throw new Refused("", "refused a copyreg extension code at byte " + at
                    + ": not allowed in data files");
            case Opcodes.NEXT_BUFFER, Opcodes.READONLY_BUFFER -> throw new Refused("", "refused an out-of-band buffer at byte " + at
                    + ": not allowed in data files");

            // Declared lengths: checked against what the file still holds before anything is allocated.
            case Opcodes.BINSTRING -> stack.add(PickleUtils.rawStringFromBytes(counted(int32(), at, key)));
            case Opcodes.BINUNICODE -> stack.add(new String(counted(uint32(), at, key), StandardCharsets.UTF_8));
            case Opcodes.BINUNICODE8 -> stack.add(new String(counted(int64(), at, key), StandardCharsets.UTF_8));
            case Opcodes.BINBYTES -> stack.add(counted(uint32(), at, key));
            case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(counted(int64(), at, key));
            case Opcodes.LONG4 -> {
                long n = int32();
                if (n > MAX_LONG_BYTES) {
                    throw new Refused("", "refused LONG4 at byte " + at + ": an integer of " + n + " bytes (data files need at most 8)");
                }
                stack.add(PickleUtils.decode_long(counted(n, at, key)));
            }

            // Decimal arguments: bounded lines.
            case Opcodes.INT -> {
                String s = line(MAX_INT_DIGITS + 2, "INT");
                stack.add(s.equals("01") ? (Object) Boolean.TRUE : s.equals("00") ? (Object) Boolean.FALSE : integer(s, at));
            }
            case Opcodes.LONG -> {
                String s = line(MAX_INT_DIGITS + 2, "LONG");
                stack.add(integer(s.endsWith("L") ? s.substring(0, s.length() - 1) : s, at));
            }
            case Opcodes.FLOAT -> stack.add(Double.parseDouble(line(1024, "FLOAT").trim()));
            case Opcodes.STRING -> {
                // Python 2's protocol 0 keeps array data in such lines: long, but not without end.
                String rep = line(MAX_TEXT_LINE, "STRING");
                if (rep.length() < 2 || rep.charAt(0) != rep.charAt(rep.length() - 1) || (rep.charAt(0) != '\'' && rep.charAt(0) != '"')) {
                    throw new Refused("", "malformed pickle at byte " + at + ": the argument of STRING is not a quoted string");
                }
                stack.add(PickleUtils.decode_escaped(rep.substring(1, rep.length() - 1)));
            }
            case Opcodes.UNICODE -> stack.add(PickleUtils.decode_unicode_escaped(line(MAX_TEXT_LINE, "UNICODE")));
            case Opcodes.GET -> {
                int i = Integer.parseInt(line(32, "GET").trim());
                if (!memo.containsKey(i)) {
                    throw new Refused("", "malformed pickle at byte " + at + ": GET of memo entry " + i + ", which was never stored");
                }
                stack.add(memo.get(i));
            }
            case Opcodes.PUT -> memo.put(Integer.parseInt(line(32, "PUT").trim()), stack.peek());

            // Containers, as Python builds them (insertion-ordered dicts, hashable keys).
            case Opcodes.EMPTY_LIST -> stack.add(new ArrayList<>());
            case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
            case Opcodes.EMPTY_SET -> stack.add(new LinkedHashSet<>());
            case Opcodes.LIST -> stack.add(new ArrayList<>(stack.pop_all_since_marker()));
            case Opcodes.DICT -> {
                List<Object> items = stack.pop_all_since_marker();
                Map<Object, Object> d = new LinkedHashMap<>();
                putPairs(d, items, at, key);
                stack.add(d);
            }
            case Opcodes.FROZENSET -> {
                List<Object> items = stack.pop_all_since_marker();
                Set<Object> s = new LinkedHashSet<>();
                for (Object o : items) {
                    s.add(hashable(o, at, key));
                }
                stack.add(s);
            }
            case Opcodes.APPEND -> {
                Object v = stack.pop();
                list(stack.peek(), at, key).add(v);
            }
            case Opcodes.APPENDS -> {
                List<Object> items = stack.pop_all_since_marker();
                list(stack.peek(), at, key).addAll(items);
            }
            case Opcodes.SETITEM -> {
                Object v = stack.pop();
                Object k = stack.pop();
                dict(stack.peek(), at, key).put(hashable(k, at, key), v);
            }
            case Opcodes.SETITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                putPairs(dict(stack.peek(), at, key), items, at, key);
            }
            case Opcodes.ADDITEMS -> {
                List<Object> items = stack.pop_all_since_marker();
                Object target = stack.peek();
                if (!(target instanceof Set<?>)) {
                    throw new Refused("", "malformed pickle at byte " + at + ": ADDITEMS expects a set, found a " + Input.typeName(target));
                }
                @SuppressWarnings("unchecked")
                Set<Object> s = (Set<Object>) target;
                for (Object o : items) {
                    s.add(hashable(o, at, key));
                }
            }
            default -> {
                // Pyrolite's own: MARK, STOP, POP, POP_MARK, DUP, fixed-size numbers, short strings,
                // tuples, memo by index, PROTO, FRAME. Unknown opcodes are refused there.
                return super.dispatch(key);
            }
        }
        return NO_RETURN_VALUE;
    }

    private void putPairs(Map<Object, Object> d, List<Object> items, int at, short key) {
        if (items.size() % 2 != 0) {
            throw new Refused("", "malformed pickle at byte " + at + ": " + Opcode.name(key) + " expects keys and values in pairs, found "
                    + items.size() + " items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            d.put(hashable(items.get(i), at, key), items.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object target, int at, short key) {
        if (!(target instanceof List<?>)) {
            throw new Refused("", "malformed pickle at byte " + at + ": " + Opcode.name(key) + " expects a list, found a "
                    + Input.typeName(target));
        }
        return (List<Object>) target;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> dict(Object target, int at, short key) {
        if (!(target instanceof Map<?, ?>)) {
            throw new Refused("", "malformed pickle at byte " + at + ": " + Opcode.name(key) + " expects a dict, found a "
                    + Input.typeName(target));
        }
        return (Map<Object, Object>) target;
    }

    /**
     * A dict key or set element must be hashable, as in Python: a string, number, bool, None, bytes or
     * a tuple of those. (Hashing a Java list would walk it, without end if it holds itself.)
     */
    private static Object hashable(Object k, int at, short key) {
        if (isScalar(k)) {
            return k;
        }
        if (k instanceof Object[] t) {
            for (Object e : t) {
                if (!isScalar(e)) {
                    throw new Refused("", "refused " + Opcode.name(key) + " at byte " + at
                            + ": a tuple used as a key may hold only strings, numbers, bytes, booleans and None, found a " + Input.typeName(e));
                }
            }
            return k;
        }
        throw new Refused("", "malformed pickle at byte " + at + ": a " + Input.typeName(k) + " cannot be a dict key or set element "
                + "(unhashable)");
    }

    private static boolean isScalar(Object o) {
        return o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof byte[];
    }

    private Object integer(String digits, int at) {
        String s = digits.trim();
        if (s.length() > MAX_INT_DIGITS + 1) {
            throw new Refused("", "refused an integer of " + s.length() + " digits at byte " + at + " (Python's limit is " + MAX_INT_DIGITS + ")");
        }
        return PickleUtils.optimizeBigint(new BigInteger(s));
    }

    /** A newline-terminated argument of at most {@code max} bytes. */
    private String line(int max, String op) throws IOException {
        int start = cursor.consumed();
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = cursor.read();
            if (c < 0) {
                throw new java.io.EOFException();
            }
            if (c == '\n') {
                return b.toString();
            }
            if (b.length() >= max) {
                throw new Refused("", "malformed pickle at byte " + start + ": the argument of " + op + " runs past " + max + " bytes");
            }
            b.append((char) c);
        }
    }

    private int int32() throws IOException {
        return PickleUtils.bytes_to_integer(PickleUtils.readbytes(cursor, 4));
    }

    private long uint32() throws IOException {
        return Integer.toUnsignedLong(int32());
    }

    private long int64() throws IOException {
        return PickleUtils.bytes_to_long(PickleUtils.readbytes(cursor, 8), 0);
    }

    /** The {@code n} bytes an opcode declares, refused unless the file still holds them. */
    private byte[] counted(long n, int at, short key) throws IOException {
        if (n < 0 || n > cursor.remaining()) {
            throw new Refused("", "truncated or corrupt pickle: " + Opcode.name(key) + " at byte " + at + " declares " + n
                    + " bytes, the file holds only " + cursor.remaining() + " more");
        }
        return PickleUtils.readbytes(cursor, (int) n);
    }

    // ---------------------------------------------------------------------------------------------
    // The allow-list

    /** What GLOBAL may push and REDUCE may call. */
    @FunctionalInterface
    private interface NumpyCallable {
        Object call(Object[] args);
    }

    private NumpyCallable resolve(String module, String name) {
        if (NUMPY_CORE.contains(module) && name.equals("_reconstruct")) {
            return args -> {
                if (args.length != 3 || args[0] != NDARRAY_TYPE) {
                    throw new Refused("numpy _reconstruct", "expected (numpy.ndarray, shape, typecode)");
                }
                return new ArrayBuilder();
            };
        }
        if (module.equals("numpy") && name.equals("ndarray")) {
            return NDARRAY_TYPE;
        }
        if (module.equals("numpy") && name.equals("dtype")) {
            return args -> {
                if (args.length < 1 || !(args[0] instanceof String descr)) {
                    throw new Refused("numpy.dtype", "expected a dtype name (str), got " + (args.length == 0 ? "nothing" : Input.typeName(args[0])));
                }
                return new DTypeBuilder(descr);
            };
        }
        if (NUMPY_CORE.contains(module) && name.equals("scalar")) {
            return this::scalar;
        }
        if (NUMPY_NUMERIC.contains(module) && name.equals("_frombuffer")) {
            return this::fromBuffer;
        }
        if (module.equals("_codecs") && name.equals("encode")) {
            return SafeUnpickler::latin1;
        }
        String shown = Input.printable(module, 80) + "." + Input.printable(name, 80);
        throw new Refused(shown, "refused to construct " + shown + ": only numpy arrays, numpy scalars and plain containers are allowed in data files");
    }

    /** The class object numpy.ndarray, only ever passed to _reconstruct. */
    private static final NumpyCallable NDARRAY_TYPE = args -> {
        throw new Refused("numpy.ndarray", "refused to call numpy.ndarray directly");
    };

    private static byte[] latin1(Object[] args) {
        if (args.length == 2 && args[0] instanceof String s
                && ("latin1".equals(args[1]) || "latin-1".equals(args[1]) || "iso-8859-1".equals(args[1]))) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0xff) {
                    throw new Refused("_codecs.encode", "a latin-1 string holds a character above U+00FF");
                }
            }
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new Refused("_codecs.encode", "refused _codecs.encode with arguments other than (str, 'latin1')");
    }

    private Object scalar(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof DTypeBuilder d) || d.isObject()) {
            throw new Refused("numpy scalar", "expected (numeric dtype, bytes) for a numpy scalar");
        }
        DType type = d.type();
        byte[] b = bytes(args[1], "numpy scalar");
        if (b.length != type.itemSize) {
            throw new Refused("numpy scalar", "a " + type.descr() + " scalar needs " + type.itemSize + " bytes, the pickle holds " + b.length);
        }
        double v = type.decode(b, 1)[0];
        return type.kind == 'f' ? (Object) v : type.kind == 'b' ? (Object) (v != 0) : (Object) (long) v;
    }

    private NdArray fromBuffer(Object[] args) {
        if (args.length != 4 || !(args[1] instanceof DTypeBuilder d) || d.isObject()) {
            throw new Refused("_frombuffer", "expected (buffer, numeric dtype, shape, order)");
        }
        int[] shape = shape(args[2], "_frombuffer shape");
        int n = items(shape);
        DType type = d.type();
        byte[] raw = bytes(args[0], "_frombuffer buffer");
        if ((long) n * type.itemSize != raw.length) {
            throw new Refused("data", "array of shape " + NdArray.shapeString(shape) + " and dtype " + type.descr() + " needs "
                    + (long) n * type.itemSize + " bytes, the pickle holds " + raw.length);
        }
        double[] v = type.decode(raw, n);
        if ("F".equals(args[3])) {
            v = Layout.fortranToC(v, shape);
        }
        return new NdArray(shape, type.descr(), v);
    }

    static byte[] bytes(Object o, String field) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) {
            // Python 2 pickles carry raw bytes as str.
            return s.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new Refused(field, "expected bytes, got " + Input.typeName(o));
    }

    static int[] shape(Object o, String field) {
        Object[] t = o instanceof Object[] a ? a : o instanceof List<?> l ? l.toArray() : null;
        if (t == null) {
            throw new Refused(field, "expected a shape tuple, got " + Input.typeName(o));
        }
        if (t.length > 32) {
            throw new Refused(field, "expected at most 32 dimensions (numpy's limit), got " + t.length);
        }
        int[] s = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            if (!(t[i] instanceof Number n) || t[i] instanceof Double || n.longValue() < 0 || n.longValue() > Integer.MAX_VALUE
                    || (t[i] instanceof BigInteger b && b.bitLength() > 31)) {
                throw new Refused(field, "expected non-negative integer dimensions, got " + (t[i] instanceof Number ? t[i] : Input.typeName(t[i])));
            }
            s[i] = n.intValue();
        }
        return s;
    }

    /** The item count of a shape, counted against the file's array budget. */
    private int items(int[] shape) {
        long n = NdArray.count(shape);
        if (n > Integer.MAX_VALUE / 8 || (arrayItems += n) > limits.maxArrayItems()) {
            throw new Refused("shape", "an array of shape " + NdArray.shapeString(shape) + " takes the file's arrays beyond "
                    + limits.maxArrayItems() + " items (ReadLimits.maxArrayItems)");
        }
        return (int) n;
    }

    // ---------------------------------------------------------------------------------------------
    // After STOP: builders become arrays, containers are copied out under the depth and expansion limits

    /**
     * Replaces builders by the arrays they describe, throughout the containers. Recursion is bounded
     * by {@link ReadLimits#maxDepth()} (a container that holds itself is refused as too deep), and the
     * total of values visited, shared ones once per reference, by {@link ReadLimits#maxValues()}
     * (a list doubled through the memo forty times would otherwise be walked 2^40 times).
     */
    private Object finish(Object o, int depth) {
        if (++expanded > limits.maxValues()) {
            throw new Refused("", "its shared values expand to more than " + limits.maxValues()
                    + " values, far more than a data file holds (ReadLimits.maxValues)");
        }
        if (depth > limits.maxDepth()) {
            throw new Refused("", "containers nested deeper than " + limits.maxDepth()
                    + " levels, or a container that holds itself (ReadLimits.maxDepth)");
        }
        if (o instanceof ArrayBuilder a) {
            Object built = a.build();
            if (built instanceof ObjectArray oa) {
                List<Object> items = new ArrayList<>(oa.size());
                for (Object x : oa.items()) {
                    items.add(finish(x, depth + 1));
                }
                return new ObjectArray(oa.shape(), items);
            }
            return built;
        }
        if (o instanceof DTypeBuilder) {
            throw new Refused("dtype", "a bare numpy dtype is not data");
        }
        if (o instanceof NumpyCallable) {
            throw new Refused("", "a bare reference to a numpy function is not data");
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(e.getKey(), finish(e.getValue(), depth + 1));
            }
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(finish(x, depth + 1));
            }
            return out;
        }
        if (o instanceof Object[] t) {
            Object[] out = new Object[t.length];
            for (int i = 0; i < t.length; i++) {
                out[i] = finish(t[i], depth + 1);
            }
            return out;
        }
        if (o instanceof Set<?> s) {
            expanded += s.size();
            return new LinkedHashSet<>(s);
        }
        return o;
    }

    /** numpy.dtype(descr, align, copy), then BUILD (version, byteorder, …). */
    static final class DTypeBuilder {
        private final String descr;
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        DTypeBuilder(String descr) {
            this.descr = Input.printable(descr, 64);
        }

        void setState(Object state) {
            if (state instanceof Object[] t && t.length >= 2 && t[1] instanceof String bo) {
                order = ">".equals(bo) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
        }

        boolean isObject() {
            return DType.isObject(descr);
        }

        DType type() {
            try {
                return DType.parse(descr).withOrder(order);
            } catch (IllegalArgumentException e) {
                throw new Refused("dtype", e.getMessage());
            }
        }
    }

    /** _reconstruct(ndarray, (0,), b'b'), then BUILD (version, shape, dtype, is_fortran, data). */
    final class ArrayBuilder {
        private Object array;

        void setState(Object state) {
            Object[] t = state instanceof Object[] a ? a : null;
            if (t != null && t.length == 4) {
                // numpy also reads the state without its version number
                t = new Object[] {1, t[0], t[1], t[2], t[3]};
            }
            if (t == null || t.length != 5 || !(t[2] instanceof DTypeBuilder d)) {
                throw new Refused("ndarray", "expected the state (version, shape, dtype, is_fortran, data) of a numpy array, got a "
                        + Input.typeName(state));
            }
            int[] shape = shape(t[1], "shape");
            int n = items(shape);
            boolean fortran = Boolean.TRUE.equals(t[3]);
            if (d.isObject()) {
                // numpy pickles an object array's items as a list, in C order unless is_fortran.
                if (!(t[4] instanceof List<?> l) || l.size() != n) {
                    throw new Refused("data", "an object array of shape " + NdArray.shapeString(shape) + " needs a list of " + n
                            + " items, the pickle holds " + (t[4] instanceof List<?> l2 ? l2.size() + " items" : "a " + Input.typeName(t[4])));
                }
                List<Object> items = new ArrayList<>(l);
                if (fortran && shape.length > 1) {
                    double[] idx = new double[n];
                    for (int i = 0; i < n; i++) {
                        idx[i] = i;
                    }
                    double[] c = Layout.fortranToC(idx, shape);
                    List<Object> reordered = new ArrayList<>(n);
                    for (double i : c) {
                        reordered.add(items.get((int) i));
                    }
                    items = reordered;
                }
                array = new ObjectArray(shape, items);
                return;
            }
            if (t[4] instanceof List<?>) {
                throw new Refused("data", "a numeric array (" + d.type().descr() + ") whose data is a list: expected bytes");
            }
            byte[] raw = bytes(t[4], "data");
            DType type = d.type();
            if ((long) n * type.itemSize != raw.length) {
                throw new Refused("data", "array of shape " + NdArray.shapeString(shape) + " and dtype " + type.descr()
                        + " needs " + (long) n * type.itemSize + " bytes, the pickle holds " + raw.length);
            }
            double[] v = type.decode(raw, n);
            if (fortran) {
                v = Layout.fortranToC(v, shape);
            }
            array = new NdArray(shape, type.descr(), v);
        }

        Object build() {
            if (array == null) {
                throw new Refused("ndarray", "a numpy array without its data (BUILD missing)");
            }
            return array;
        }
    }

    /** The input, whose position says where an error is and how much a declared length may claim. */
    private static final class Cursor extends ByteArrayInputStream {
        private final int start;

        Cursor(byte[] data, int offset, int length) {
            super(data, offset, length);
            this.start = offset;
        }

        int consumed() {
            return pos - start;
        }

        int remaining() {
            return count - pos;
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
