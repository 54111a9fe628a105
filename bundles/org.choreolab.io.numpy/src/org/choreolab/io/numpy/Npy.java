package org.choreolab.io.numpy;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.choreolab.api.InvalidInputException;
import org.choreolab.io.numpy.internal.DType;
import org.choreolab.io.numpy.internal.Layout;

/**
 * numpy's {@code .npy} format: writes version 1.0 float32 files (what numpy writes for such arrays,
 * header padded to 64 bytes), reads versions 1.0 to 3.0 of any simple dtype, C or Fortran order.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
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

    /** Reads an array; a malformed file gives an error naming the file and what was wrong. */
    public static NdArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    public static NdArray read(InputStream stream, String source) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        try {
            byte[] magic = new byte[6];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(source, "magic", "not a .npy file (expected the bytes \\x93NUMPY at the start)");
            }
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLen;
            if (major == 1) {
                headerLen = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLen = Integer.reverseBytes(in.readInt());
            } else {
                throw new InvalidInputException(source, "version", "unsupported .npy version " + major + " (expected 1, 2 or 3)");
            }
            if (headerLen < 0 || headerLen > 1 << 20) {
                throw new InvalidInputException(source, "header", "implausible header length " + headerLen);
            }
            byte[] h = new byte[headerLen];
            in.readFully(h);
            String header = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher descr = DESCR.matcher(header);
            Matcher fortran = FORTRAN.matcher(header);
            Matcher shapeM = SHAPE.matcher(header);
            if (!descr.find() || !fortran.find() || !shapeM.find()) {
                throw new InvalidInputException(source, "header", "expected 'descr', 'fortran_order' and 'shape', got " + header.trim());
            }
            DType type;
            try {
                type = DType.parse(descr.group(1));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, "descr", e.getMessage());
            }
            int[] shape = parseShape(shapeM.group(1), source);
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            if (count * type.itemSize > Integer.MAX_VALUE) {
                throw new InvalidInputException(source, "shape", "array of " + count + " items is too large");
            }
            byte[] raw = new byte[(int) (count * type.itemSize)];
            try {
                in.readFully(raw);
            } catch (EOFException e) {
                throw new InvalidInputException(source, "data", "truncated: expected " + raw.length + " bytes of "
                        + type.descr() + " data for shape " + NdArray.shapeString(shape));
            }
            double[] values = type.decode(raw, (int) count);
            if (fortran.group(1).equals("True")) {
                values = Layout.fortranToC(values, shape);
            }
            return new NdArray(shape, type.descr(), values);
        } catch (EOFException e) {
            throw new InvalidInputException(source, "header", "truncated file");
        }
    }

    private static int[] parseShape(String s, String source) throws InvalidInputException {
        String[] parts = s.split(",");
        java.util.List<Integer> dims = new java.util.ArrayList<>();
        for (String p : parts) {
            if (!p.isBlank()) {
                try {
                    dims.add(Integer.parseInt(p.trim().replace("L", "")));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(source, "shape", "not a shape: (" + s + ")");
                }
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }
}
