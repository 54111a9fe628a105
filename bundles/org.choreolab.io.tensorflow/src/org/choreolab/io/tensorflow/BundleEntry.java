package org.choreolab.io.tensorflow;

import java.util.Arrays;

/**
 * One tensor of a checkpoint as its index describes it ({@code BundleEntryProto}): the key, element
 * type, shape and where its bytes are. {@code slices} is the number of pieces of a partitioned
 * variable (0 for a whole tensor). The shape array is the record's own: do not modify it.
 *
 * @param dtype the {@code DataType} code; {@link #type()} names it
 * @param crc32c the masked CRC-32C of the tensor's bytes, as stored
 */
public record BundleEntry(String key, int dtype, long[] shape, int shard, long offset, long size, int crc32c, int slices) {

    /** The element type, or null for a code this reader does not know. */
    public TensorType type() {
        return TensorType.of(dtype);
    }

    /** The number of elements, or -1 when it overflows a long. */
    public long elements() {
        long n = 1;
        for (long d : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    /** The type and shape as numpy prints them, e.g. {@code float32 (16, 48)}. */
    public String describe() {
        TensorType t = type();
        StringBuilder sb = new StringBuilder(t == null ? "dtype " + dtype : t.toString()).append(" (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BundleEntry e && key.equals(e.key) && dtype == e.dtype && Arrays.equals(shape, e.shape) && shard == e.shard
                && offset == e.offset && size == e.size && crc32c == e.crc32c && slices == e.slices;
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return key + ": " + describe();
    }
}
