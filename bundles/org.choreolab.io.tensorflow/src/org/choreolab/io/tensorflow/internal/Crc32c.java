package org.choreolab.io.tensorflow.internal;

import java.util.zip.CRC32C;

/**
 * CRC-32C as TensorFlow (and LevelDB) store it: the JDK computes the checksum; stored values are
 * "masked" (rotated and offset) so that a checksum of data containing checksums stays meaningful.
 */
public final class Crc32c {

    private static final int MASK_DELTA = 0xa282ead8;

    private Crc32c() {
    }

    public static int of(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    public static int unmask(int masked) {
        int rot = masked - MASK_DELTA;
        return (rot >>> 17) | (rot << 15);
    }
}
