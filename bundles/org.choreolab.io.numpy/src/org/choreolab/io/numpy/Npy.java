package org.choreolab.io.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.choreolab.api.InvalidInputException;
import org.choreolab.io.numpy.internal.DType;
import org.choreolab.io.numpy.internal.Input;
import org.choreolab.io.numpy.internal.Layout;
import org.choreolab.io.numpy.internal.SafeUnpickler;

/**
 * numpy's {@code .npy} format: writes version 1.0 float32 files (what numpy writes for such arrays,
 * header padded to 64 bytes), reads versions 1.0 to 3.0 of any simple dtype, C or Fortran order, and
 * object arrays through the safe unpickler ({@link #load}). Reading is bounded by {@link ReadLimits}:
 * every length the header declares is checked against the file before anything is allocated.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy itself refuses headers over 10,000 bytes by default (max_header_size, numpy 1.24). */
    private static final int MAX_HEADER = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Writes {@code values} as a float32 array of {@code shape}, atomically (temporary file, then move). */
    public static void writeFloat32(Path file, float[] values, int... shape) throws IOException {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + NdArray.shapeString(shape) + " needs " + n + " values, got " + values.length);
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + NdArray.shapeString(shape) + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(total + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes(StandardCharsets.US_ASCII));
        buf.asFloatBuffer().put(values);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(buf.array());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a numeric array; a malformed file gives an error naming the file, the field and what was
     * expected. Only regular files are read (a named pipe is refused, not waited on), at most
     * {@link ReadLimits#DEFAULT}'s size.
     */
    public static NdArray read(Path file) throws IOException {
        return read(file, ReadLimits.DEFAULT);
    }

    public static NdArray read(Path file, ReadLimits limits) throws IOException {
        return numeric(parse(Input.readRegularFile(file, limits), file.toString(), limits, false));
    }

    public static NdArray read(InputStream stream, String source) throws IOException {
        return read(stream, source, ReadLimits.DEFAULT);
    }

    public static NdArray read(InputStream stream, String source, ReadLimits limits) throws IOException {
        return numeric(parse(Input.readBounded(stream, source, limits), source, limits, false));
    }

    /**
     * Reads any array numpy's {@code np.load(file, allow_pickle=True)} reads, but safely: a numeric
     * array gives an {@link NdArray}; an object array ({@code |O}, what {@code np.save} writes for a
     * dict or list) gives an {@link ObjectArray} whose items were unpickled behind the allow-list of
     * {@link NumpyPickle} (plain containers, numbers, strings and arrays; nothing else is constructed).
     */
    public static Object load(Path file) throws IOException {
        return load(file, ReadLimits.DEFAULT);
    }

    public static Object load(Path file, ReadLimits limits) throws IOException {
        return parse(Input.readRegularFile(file, limits), file.toString(), limits, true);
    }

    private static NdArray numeric(Object o) {
        return (NdArray) o;
    }

    /** Parses a whole {@code .npy} file held in memory; every size it declares is checked against what it holds. */
    private static Object parse(byte[] d, String source, ReadLimits limits, boolean allowObjects) throws IOException {
        if (d.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(d, MAGIC.length), MAGIC)) {
            throw new InvalidInputException(source, "magic", "not a .npy file (expected the bytes \\x93NUMPY at the start)");
        }
        if (d.length < 10) {
            throw new InvalidInputException(source, "header", "truncated file: " + d.length + " bytes, the header alone needs 10");
        }
        int major = d[6] & 0xff;
        long headerLen;
        int start;
        if (major == 1) {
            headerLen = (d[8] & 0xff) | (d[9] & 0xff) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (d.length < 12) {
                throw new InvalidInputException(source, "header", "truncated file: " + d.length + " bytes, the header alone needs 12");
            }
            headerLen = ByteBuffer.wrap(d, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            start = 12;
        } else {
            throw new InvalidInputException(source, "version", "unsupported .npy version " + major + " (expected 1, 2 or 3)");
        }
        if (headerLen > MAX_HEADER) {
            throw new InvalidInputException(source, "header", "declares " + headerLen + " bytes of header: numpy writes a few hundred "
                    + "(at most " + MAX_HEADER + " accepted)");
        }
        if (headerLen > d.length - start) {
            throw new InvalidInputException(source, "header", "declares " + headerLen + " bytes of header, the file holds "
                    + (d.length - start) + " after the preamble (truncated?)");
        }
        String header = new String(d, start, (int) headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeM = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeM.find()) {
            String h = header.trim();
            throw new InvalidInputException(source, "header", "expected 'descr', 'fortran_order' and 'shape', got "
                    + Input.printable(h, 160));
        }
        int[] shape = parseShape(shapeM.group(1), source);
        long count = NdArray.count(shape);
        int dataStart = start + (int) headerLen;
        long available = d.length - dataStart;
        if (DType.isObject(descr.group(1))) {
            if (!allowObjects) {
                throw new InvalidInputException(source, "descr", "'" + Input.printable(descr.group(1), 40) + "' is an array of Python objects (np.save of a dict "
                        + "or list, a pickle inside): expected numbers");
            }
            Object o = new SafeUnpickler(source, limits).read(d, dataStart, (int) available);
            if (!(o instanceof ObjectArray a)) {
                throw new InvalidInputException(source, "data", "expected the pickled object array the header announces, got a "
                        + Input.typeName(o));
            }
            if (!Arrays.equals(a.shape(), shape)) {
                throw new InvalidInputException(source, "shape", "the header says " + NdArray.shapeString(shape)
                        + ", the pickled array is " + a.shapeString());
            }
            return a;
        }
        DType type;
        try {
            type = DType.parse(descr.group(1));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, "descr", e.getMessage());
        }
        if (count > limits.maxArrayItems()) {
            throw new InvalidInputException(source, "shape", NdArray.shapeString(shape) + " has " + (count == Long.MAX_VALUE ? "over 2^63"
                    : count) + " items; a data file may hold at most " + limits.maxArrayItems() + " (ReadLimits.maxArrayItems)");
        }
        long need = count * type.itemSize;
        if (need > available) {
            throw new InvalidInputException(source, "data", "truncated: shape " + NdArray.shapeString(shape) + " of " + type.descr()
                    + " needs " + need + " bytes after the header, the file holds " + available);
        }
        double[] values = type.decode(d, dataStart, (int) count);
        if (fortran.group(1).equals("True")) {
            values = Layout.fortranToC(values, shape);
        }
        return new NdArray(shape, type.descr(), values);
    }

    private static int[] parseShape(String s, String source) throws InvalidInputException {
        String[] parts = s.split(",", -1);
        List<Integer> dims = new ArrayList<>();
        for (String p : parts) {
            if (p.isBlank()) {
                continue;
            }
            long v;
            try {
                v = Long.parseLong(p.trim().replace("L", ""));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(source, "shape", "not a shape: (" + Input.printable(s, 80) + ")");
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new InvalidInputException(source, "shape", "expected non-negative dimensions below 2^31, got (" + Input.printable(s.trim(), 80) + ")");
            }
            dims.add((int) v);
        }
        if (dims.size() > 32) {
            throw new InvalidInputException(source, "shape", "expected at most 32 dimensions (numpy's limit), got " + dims.size());
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
