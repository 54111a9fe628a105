package org.choreolab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Writes TensorFlow checkpoints (tensor bundles) the way TensorFlow's BundleWriter, TableBuilder and
 * MergeBundles do, so that tests can make checkpoints TensorFlow never would: with a variable
 * renamed, reshaped, damaged or absurdly large. Byte for byte the same as TensorFlow's output for
 * the same tensors (a test in org.choreolab.io.tensorflow.tests checks it against a checkpoint
 * written by TensorFlow). Test code only.
 */
public final class TensorBundleWriter {

    public static final int DT_FLOAT = 1, DT_STRING = 7, DT_INT64 = 9;

    private record Tensor(byte[] key, int dtype, long[] shape, byte[] data, int crc, byte[] entryOverride) {
    }

    private final Path prefix;
    /** In the order added, which is the order of the data file (the index is sorted by key). */
    private final List<Tensor> tensors = new ArrayList<>();

    public TensorBundleWriter(Path prefix) {
        this.prefix = prefix;
    }

    /** A tensor of a fixed-size type, its bytes little-endian in row-major order. */
    public TensorBundleWriter add(String key, int dtype, long[] shape, byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        tensors.add(new Tensor(key.getBytes(StandardCharsets.UTF_8), dtype, shape.clone(), data.clone(), (int) crc.getValue(), null));
        return this;
    }

    public TensorBundleWriter addFloats(String key, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return add(key, DT_FLOAT, shape, b.array());
    }

    public TensorBundleWriter addLong(String key, long value) {
        return add(key, DT_INT64, new long[0], ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array());
    }

    /**
     * A scalar string tensor (e.g. a serialized proto), in TensorFlow's string layout: the varint
     * length, the masked checksum of the length (as a uint32), the bytes. The entry's checksum covers
     * the length as a uint32, the length checksum and the bytes, not the varint.
     */
    public TensorBundleWriter addString(String key, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, value.length);
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value.length).array());
        byte[] lengthCrc = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(mask((int) crc.getValue())).array();
        crc.update(lengthCrc);
        crc.update(value);
        out.writeBytes(lengthCrc);
        out.writeBytes(value);
        tensors.add(new Tensor(key.getBytes(StandardCharsets.UTF_8), DT_STRING, new long[0], out.toByteArray(), (int) crc.getValue(), null));
        return this;
    }

    /** An index entry written as given (a hand-made BundleEntryProto), with no data of its own. */
    public TensorBundleWriter addRawEntry(String key, byte[] bundleEntryProto) {
        tensors.add(new Tensor(key.getBytes(StandardCharsets.UTF_8), 0, null, new byte[0], 0, bundleEntryProto.clone()));
        return this;
    }

    /** The serialized BundleEntryProto TensorFlow would write (proto3: zero fields left out). */
    public static byte[] entry(int dtype, long[] shape, int shard, long offset, long size, int maskedCrc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (dtype != 0) {
            varint(out, 1 << 3);
            varint(out, dtype);
        }
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (long d : shape) {
            ByteArrayOutputStream dim = new ByteArrayOutputStream();
            if (d != 0) {
                varint(dim, 1 << 3);
                varint(dim, d);
            }
            varint(s, 2 << 3 | 2);
            varint(s, dim.size());
            s.writeBytes(dim.toByteArray());
        }
        varint(out, 2 << 3 | 2);
        varint(out, s.size());
        out.writeBytes(s.toByteArray());
        if (shard != 0) {
            varint(out, 3 << 3);
            varint(out, shard);
        }
        if (offset != 0) {
            varint(out, 4 << 3);
            varint(out, offset);
        }
        if (size != 0) {
            varint(out, 5 << 3);
            varint(out, size);
        }
        if (maskedCrc != 0) {
            varint(out, 6 << 3 | 5);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(maskedCrc).array());
        }
        return out.toByteArray();
    }

    /** Writes PREFIX.data-00000-of-00001 and PREFIX.index. */
    public void write() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<byte[][]> index = new ArrayList<>();
        // The header: num_shards 1, little-endian (the default, left out), version { producer 1 }.
        index.add(new byte[][] {new byte[0], {0x08, 0x01, 0x1a, 0x02, 0x08, 0x01}});
        TreeMap<byte[], byte[]> sorted = new TreeMap<>(Arrays::compareUnsigned);
        for (Tensor t : tensors) {
            byte[] proto = t.entryOverride();
            if (proto == null) {
                proto = entry(t.dtype(), t.shape(), 0, data.size(), t.data().length, mask(t.crc()));
                data.writeBytes(t.data());
            }
            sorted.put(t.key(), proto);
        }
        sorted.forEach((k, v) -> index.add(new byte[][] {k, v}));
        Files.createDirectories(prefix.toAbsolutePath().getParent());
        Files.write(Path.of(prefix + ".data-00000-of-00001"), data.toByteArray());
        Files.write(Path.of(prefix + ".index"), table(index));
    }

    // TensorFlow's table::TableBuilder with its defaults: 256 KiB blocks, a restart every 16 keys
    // (every key in the index block), no compression.
    private static final int BLOCK_SIZE = 262144, RESTART_INTERVAL = 16;

    private static final class Block {
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        final List<Integer> restarts = new ArrayList<>(List.of(0));
        final int interval;
        int counter;
        byte[] last = new byte[0];

        Block(int interval) {
            this.interval = interval;
        }

        void add(byte[] key, byte[] value) {
            int shared = 0;
            if (counter < interval) {
                while (shared < Math.min(last.length, key.length) && last[shared] == key[shared]) {
                    shared++;
                }
            } else {
                restarts.add(buffer.size());
                counter = 0;
            }
            varint(buffer, shared);
            varint(buffer, key.length - shared);
            varint(buffer, value.length);
            buffer.write(key, shared, key.length - shared);
            buffer.writeBytes(value);
            last = key;
            counter++;
        }

        int estimate() {
            return buffer.size() + 4 * restarts.size() + 4;
        }

        boolean empty() {
            return buffer.size() == 0;
        }

        byte[] finish() {
            ByteBuffer b = ByteBuffer.allocate(4 * restarts.size() + 4).order(ByteOrder.LITTLE_ENDIAN);
            restarts.forEach(b::putInt);
            b.putInt(restarts.size());
            buffer.writeBytes(b.array());
            return buffer.toByteArray();
        }
    }

    static byte[] table(List<byte[][]> entries) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Block data = new Block(RESTART_INTERVAL), index = new Block(1);
        long[] pending = null;
        byte[] lastKey = null;
        for (byte[][] kv : entries) {
            if (lastKey != null && kv[0].length + kv[1].length >= 2 * BLOCK_SIZE && !data.empty()) {
                pending = writeBlock(file, data.finish());
                data = new Block(RESTART_INTERVAL);
            }
            if (pending != null) {
                index.add(shortestSeparator(lastKey, kv[0]), handle(pending));
                pending = null;
            }
            lastKey = kv[0];
            data.add(kv[0], kv[1]);
            if (data.estimate() >= BLOCK_SIZE) {
                pending = writeBlock(file, data.finish());
                data = new Block(RESTART_INTERVAL);
            }
        }
        if (!data.empty()) {
            pending = writeBlock(file, data.finish());
        }
        long[] meta = writeBlock(file, new Block(RESTART_INTERVAL).finish());
        if (pending != null) {
            index.add(shortSuccessor(lastKey), handle(pending));
        }
        long[] indexHandle = writeBlock(file, index.finish());
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        footer.writeBytes(handle(meta));
        footer.writeBytes(handle(indexHandle));
        byte[] f = Arrays.copyOf(footer.toByteArray(), 48);
        ByteBuffer.wrap(f, 40, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(0xdb4775248b80fb57L);
        file.writeBytes(f);
        return file.toByteArray();
    }

    private static long[] writeBlock(ByteArrayOutputStream file, byte[] contents) {
        long[] h = {file.size(), contents.length};
        file.writeBytes(contents);
        CRC32C crc = new CRC32C();
        crc.update(contents);
        crc.update(0); // the block type: no compression
        file.write(0);
        file.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(mask((int) crc.getValue())).array());
        return h;
    }

    private static byte[] handle(long[] h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, h[0]);
        varint(out, h[1]);
        return out.toByteArray();
    }

    private static byte[] shortestSeparator(byte[] start, byte[] limit) {
        int n = Math.min(start.length, limit.length), i = 0;
        while (i < n && start[i] == limit[i]) {
            i++;
        }
        if (i < n) {
            int b = start[i] & 0xff;
            if (b < 0xff && b + 1 < (limit[i] & 0xff)) {
                byte[] out = Arrays.copyOf(start, i + 1);
                out[i]++;
                return out;
            }
        }
        return start;
    }

    private static byte[] shortSuccessor(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if ((key[i] & 0xff) != 0xff) {
                byte[] out = Arrays.copyOf(key, i + 1);
                out[i]++;
                return out;
            }
        }
        return key;
    }

    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    public static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
