package org.choreolab.io.numpy.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** numpy's simple dtypes: kind, item size and byte order, and how to decode raw bytes. */
public final class DType {

    public final char kind;
    public final int itemSize;
    public final ByteOrder order;

    private DType(char kind, int itemSize, ByteOrder order) {
        this.kind = kind;
        this.itemSize = itemSize;
        this.order = order;
    }

    /** Parses a descr such as {@code <f4}, {@code |b1}, {@code f8} (native order is little-endian here). */
    public static DType parse(String descr) {
        String d = descr.trim();
        descr = Input.printable(descr, 40);
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        if (!d.isEmpty() && "<>|=".indexOf(d.charAt(0)) >= 0) {
            order = d.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            d = d.substring(1);
        }
        if (d.length() < 2) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        char kind = d.charAt(0);
        int size;
        try {
            size = Integer.parseInt(d.substring(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        boolean ok = switch (kind) {
            case 'f' -> size == 2 || size == 4 || size == 8;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'b' -> size == 1;
            default -> false;
        };
        if (!ok) {
            throw new IllegalArgumentException("unsupported dtype '" + descr
                    + "' (expected floats f2/f4/f8, integers i1-i8/u1-u8 or bool b1)");
        }
        return new DType(kind, size, order);
    }

    public DType withOrder(ByteOrder o) {
        return new DType(kind, itemSize, o);
    }

    public String descr() {
        return (itemSize == 1 ? "|" : order == ByteOrder.BIG_ENDIAN ? ">" : "<") + kind + itemSize;
    }

    /**
     * Whether a descr names numpy's object dtype ({@code |O}, {@code O}, {@code O8}): an array of
     * Python objects, which numpy stores as a pickle.
     */
    public static boolean isObject(String descr) {
        String d = descr.trim();
        if (!d.isEmpty() && "<>|=".indexOf(d.charAt(0)) >= 0) {
            d = d.substring(1);
        }
        return d.equals("O") || d.equals("O8") || d.equals("O4");
    }

    /** Decodes {@code count} items from {@code raw}, which must hold exactly that many. */
    public double[] decode(byte[] raw, int count) {
        if ((long) count * itemSize != raw.length) {
            throw new IllegalArgumentException("expected " + (long) count * itemSize + " bytes of " + descr() + " data, got " + raw.length);
        }
        return decode(raw, 0, count);
    }

    /** Decodes {@code count} items from {@code raw} starting at {@code offset}; the caller checks the length. */
    public double[] decode(byte[] raw, int offset, int count) {
        ByteBuffer b = ByteBuffer.wrap(raw, offset, count * itemSize).order(order);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = switch (kind) {
                case 'f' -> itemSize == 8 ? b.getDouble() : itemSize == 4 ? b.getFloat() : Float.float16ToFloat(b.getShort());
                case 'i' -> itemSize == 8 ? b.getLong() : itemSize == 4 ? b.getInt() : itemSize == 2 ? b.getShort() : b.get();
                case 'u' -> itemSize == 8 ? unsignedLong(b.getLong()) : itemSize == 4 ? Integer.toUnsignedLong(b.getInt())
                        : itemSize == 2 ? Short.toUnsignedInt(b.getShort()) : Byte.toUnsignedInt(b.get());
                default -> b.get() != 0 ? 1 : 0;
            };
        }
        return out;
    }

    private static double unsignedLong(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }
}
