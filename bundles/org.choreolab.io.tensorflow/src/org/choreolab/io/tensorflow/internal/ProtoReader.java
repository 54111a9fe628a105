package org.choreolab.io.tensorflow.internal;

import java.nio.charset.StandardCharsets;

/**
 * Protocol buffers' wire format, as far as TensorFlow's checkpoint messages need it (varints,
 * fixed 32/64-bit, length-delimited fields; unknown fields skipped). Five small messages with no
 * generated code at hand make this simpler than protobuf-java. Every length is checked against the
 * bytes left, so a corrupt message fails with {@link Malformed}, never with a huge allocation.
 */
public final class ProtoReader {

    public static final int VARINT = 0, FIXED64 = 1, LENGTH_DELIMITED = 2, FIXED32 = 5;

    /** A message that does not parse; the text says what was wrong. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message);
        }
    }

    private final byte[] bytes;
    private int pos;
    private final int end;

    public ProtoReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    public ProtoReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    public boolean more() {
        return pos < end;
    }

    /** The next field's tag: field number × 8 + wire type. */
    public int tag() throws Malformed {
        long t = varint();
        if (t <= 0 || t > Integer.MAX_VALUE || (t >>> 3) == 0) {
            throw new Malformed("invalid field tag " + t + " at byte " + pos);
        }
        return (int) t;
    }

    public long varint() throws Malformed {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new Malformed("message ends inside a varint");
            }
            byte b = bytes[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new Malformed("varint longer than 10 bytes at byte " + pos);
    }

    /** A varint that must fit an int32 field (protobuf encodes negative int32 as 10-byte varints). */
    public int int32() throws Malformed {
        long v = varint();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new Malformed("value " + v + " does not fit a 32-bit field");
        }
        return (int) v;
    }

    /** A varint field's value, after checking that the field's tag says varint. */
    public long varint(int tag) throws Malformed {
        expect(tag, VARINT);
        return varint();
    }

    /** An int32 field's value, after checking that the field's tag says varint. */
    public int int32(int tag) throws Malformed {
        expect(tag, VARINT);
        return int32();
    }

    public int fixed32() throws Malformed {
        need(4);
        int v = (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8 | (bytes[pos + 2] & 0xff) << 16 | (bytes[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    public long fixed64() throws Malformed {
        long lo = fixed32() & 0xffffffffL;
        long hi = fixed32() & 0xffffffffL;
        return lo | hi << 32;
    }

    /** A length-delimited field as a reader of its own bytes. */
    public ProtoReader message() throws Malformed {
        int n = length();
        ProtoReader r = new ProtoReader(bytes, pos, pos + n);
        pos += n;
        return r;
    }

    public byte[] bytes() throws Malformed {
        int n = length();
        byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return out;
    }

    /** The next {@code n} bytes as they are (no length prefix: the caller knows the length). */
    public byte[] raw(long n) throws Malformed {
        if (n < 0 || n > end - pos) {
            throw new Malformed(n + " bytes wanted, " + (end - pos) + " left");
        }
        byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    public String string() throws Malformed {
        int n = length();
        String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    /** Skips a field of this wire type (groups, long deprecated, are refused). */
    public void skip(int wireType) throws Malformed {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> {
                need(8);
                pos += 8;
            }
            case LENGTH_DELIMITED -> pos += length();
            case FIXED32 -> {
                need(4);
                pos += 4;
            }
            default -> throw new Malformed("unsupported wire type " + wireType);
        }
    }

    /** Checks that a field has the wire type its schema gives it. */
    public static void expect(int tag, int wireType) throws Malformed {
        if ((tag & 7) != wireType) {
            throw new Malformed("field " + (tag >>> 3) + " has wire type " + (tag & 7) + ", expected " + wireType);
        }
    }

    private int length() throws Malformed {
        long n = varint();
        if (n < 0 || n > end - pos) {
            throw new Malformed("length " + n + " runs past the end of the message (" + (end - pos) + " bytes left)");
        }
        return (int) n;
    }

    private void need(int n) throws Malformed {
        if (end - pos < n) {
            throw new Malformed("message ends inside a " + n + "-byte field");
        }
    }
}
