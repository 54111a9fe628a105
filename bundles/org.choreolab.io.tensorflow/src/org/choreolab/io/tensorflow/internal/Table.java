package org.choreolab.io.tensorflow.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TensorFlow's sorted string table (tensorflow/core/lib/io/table*, LevelDB's format without its
 * filters): data blocks of prefix-compressed key/value entries with restart points, each followed by
 * a 5-byte trailer (compression type and the masked CRC-32C of the block and type), a metaindex
 * block, an index block mapping separator keys to data block handles, and a 48-byte footer ending
 * in a magic number. The whole table is read into memory (checkpoint indexes are small; a size
 * limit guards against files that are not) and every block's checksum is verified.
 */
public final class Table {

    /** A key and its value, in the table's order. */
    public record Entry(byte[] key, byte[] value) {
    }

    static final int FOOTER = 48;
    static final int TRAILER = 5;
    static final long MAGIC = 0xdb4775248b80fb57L;
    /** Larger than any checkpoint index we know of (a million variables take ~150 MB). */
    public static final long MAX_BYTES = 1L << 30;

    private final Path file;
    private final byte[] bytes;

    private Table(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /** Reads every entry of the table in {@code file}, in key order. */
    public static List<Entry> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + ": " + size + " bytes, more than a checkpoint index can plausibly be (limit " + MAX_BYTES + ")");
        }
        return new Table(file, Files.readAllBytes(file)).entries();
    }

    /** Reads the entries of a table held in memory ({@code file} names it in errors). */
    public static List<Entry> read(Path file, byte[] bytes) throws IOException {
        return new Table(file, bytes).entries();
    }

    private List<Entry> entries() throws IOException {
        if (bytes.length < FOOTER) {
            throw corrupt(bytes.length + " bytes, too short for a table (its footer alone is " + FOOTER + " bytes)");
        }
        int f = bytes.length - FOOTER;
        long magic = (le32(f + 40) & 0xffffffffL) | (le32(f + 44) & 0xffffffffL) << 32;
        if (magic != MAGIC) {
            throw corrupt(String.format("not a TensorFlow table: footer magic %016x, expected %016x", magic, MAGIC));
        }
        ProtoReader footer = new ProtoReader(bytes, f, f + 40);
        long[] meta, index;
        try {
            meta = handle(footer);
            index = handle(footer);
        } catch (ProtoReader.Malformed e) {
            throw corrupt("unreadable footer: " + e.getMessage());
        }
        // TensorFlow writes the metaindex block empty and never uses it; checked all the same, so
        // that every byte of the file but the footer's padding is covered by a checksum.
        block(meta, "metaindex block");
        List<Entry> out = new ArrayList<>();
        byte[] previous = null;
        for (Entry ie : block(index, "index block")) {
            long[] h;
            try {
                ProtoReader r = new ProtoReader(ie.value());
                h = handle(r);
            } catch (ProtoReader.Malformed e) {
                throw corrupt("index block: unreadable block handle: " + e.getMessage());
            }
            for (Entry e : block(h, "data block at byte " + h[0])) {
                if (previous != null && Arrays.compareUnsigned(previous, e.key()) >= 0) {
                    throw corrupt("keys out of order at '" + printable(e.key()) + "' (after '" + printable(previous) + "')");
                }
                previous = e.key();
                out.add(e);
            }
        }
        return out;
    }

    private static long[] handle(ProtoReader r) throws ProtoReader.Malformed {
        return new long[] {r.varint(), r.varint()};
    }

    /** One block's entries, after checking its place in the file and its checksum. */
    private List<Entry> block(long[] h, String what) throws IOException {
        long offset = h[0], size = h[1];
        if (offset < 0 || size < 0 || offset + size + TRAILER > bytes.length - FOOTER) {
            throw corrupt(what + ": handle (offset " + offset + ", size " + size + ") points outside the " + bytes.length + "-byte file");
        }
        int o = (int) offset, n = (int) size;
        byte type = bytes[o + n];
        int stored = le32(o + n + 1);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, o, n + 1);
        if (Crc32c.unmask(stored) != (int) crc.getValue()) {
            throw corrupt(what + ": checksum mismatch (the file is damaged)");
        }
        if (type != 0) {
            throw corrupt(what + ": compressed (type " + type + "); TensorFlow writes checkpoint indexes uncompressed and no other kind is supported");
        }
        if (n < 4) {
            throw corrupt(what + ": " + n + " bytes, too short for a block");
        }
        long restarts = le32(o + n - 4) & 0xffffffffL;
        if (restarts > (n - 4) / 4) {
            throw corrupt(what + ": " + restarts + " restart points do not fit in " + n + " bytes");
        }
        int limit = o + n - 4 - 4 * (int) restarts;
        List<Entry> out = new ArrayList<>();
        ProtoReader r = new ProtoReader(bytes, o, limit);
        byte[] last = new byte[0];
        try {
            while (r.more()) {
                long shared = r.varint(), unshared = r.varint(), valueLength = r.varint();
                if (shared < 0 || shared > last.length) {
                    throw corrupt(what + ": entry shares " + shared + " bytes with a " + last.length + "-byte previous key");
                }
                byte[] tail = r.raw(unshared);
                byte[] key = Arrays.copyOf(last, (int) shared + tail.length);
                System.arraycopy(tail, 0, key, (int) shared, tail.length);
                out.add(new Entry(key, r.raw(valueLength)));
                last = key;
            }
        } catch (ProtoReader.Malformed e) {
            throw corrupt(what + ": " + e.getMessage());
        }
        return out;
    }

    private int le32(int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    private IOException corrupt(String message) {
        return new IOException(file + ": " + message);
    }

    static String printable(byte[] key) {
        String s = new String(key, java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
