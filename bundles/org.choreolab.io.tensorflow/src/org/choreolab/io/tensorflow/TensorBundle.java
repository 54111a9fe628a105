package org.choreolab.io.tensorflow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.choreolab.io.tensorflow.internal.Crc32c;
import org.choreolab.io.tensorflow.internal.ObjectGraphParser;
import org.choreolab.io.tensorflow.internal.ProtoReader;
import org.choreolab.io.tensorflow.internal.ProtoReader.Malformed;
import org.choreolab.io.tensorflow.internal.Table;

/**
 * A TensorFlow checkpoint (tensor bundle, "V2" format, as written by {@code tf.train.Checkpoint},
 * {@code tf.compat.v1.train.Saver} and the {@code SaveV2} op): the index is read when opening, tensors
 * when asked for. Reading checks the index's block checksums, each tensor's size against its type and
 * shape and against its data file, and each tensor's CRC-32C; errors name the file and the key.
 *
 * <pre>{@code
 * TensorBundle ckpt = TensorBundle.open(Path.of("checkpoints"));   // the latest, as 'checkpoint' names it
 * for (BundleEntry e : ckpt.entries()) System.out.println(e);        // key: float32 (800, 2400)
 * float[] kernel = ckpt.floats("model/…/kernel/.ATTRIBUTES/VARIABLE_VALUE");
 * }</pre>
 */
public final class TensorBundle {

    /** The key under which {@code tf.train.Checkpoint} saves its {@link ObjectGraph}. */
    public static final String OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH";
    /** The format version this reader implements (TensorFlow's kTensorBundleVersion). */
    static final int CONSUMER_VERSION = 1;
    /** The most bytes one tensor may have to be read into a Java array. */
    static final long MAX_TENSOR_BYTES = Integer.MAX_VALUE - 8;

    private final Path prefix;
    private final int shards;
    private final ByteOrder order;
    private final Map<String, BundleEntry> entries;
    private ObjectGraph graph;
    private boolean graphRead;

    private TensorBundle(Path prefix, int shards, ByteOrder order, Map<String, BundleEntry> entries) {
        this.prefix = prefix;
        this.shards = shards;
        this.order = order;
        this.entries = entries;
    }

    /**
     * Opens a checkpoint: its prefix ({@code DIR/ckpt-5}), its {@code .index} or data file, or a folder
     * (the checkpoint its {@code checkpoint} file names as the latest, or its only {@code .index}).
     */
    public static TensorBundle open(Path path) throws IOException {
        Path prefix = locate(path);
        Path index = indexFile(prefix);
        List<Table.Entry> table = Table.read(index);
        if (table.isEmpty() || table.get(0).key().length != 0) {
            throw new IOException(index + ": no header entry (a checkpoint index starts with the empty key)");
        }
        int shards;
        ByteOrder order;
        try {
            ProtoReader r = new ProtoReader(table.get(0).value());
            int numShards = 0, endianness = 0, producer = 0, minConsumer = 0;
            List<Integer> bad = new ArrayList<>();
            while (r.more()) {
                int tag = r.tag();
                switch (tag >>> 3) {
                    case 1 -> numShards = r.int32(tag);
                    case 2 -> endianness = r.int32(tag);
                    case 3 -> {
                        ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED);
                        ProtoReader v = r.message();
                        while (v.more()) {
                            int t = v.tag();
                            switch (t >>> 3) {
                                case 1 -> producer = v.int32(t);
                                case 2 -> minConsumer = v.int32(t);
                                case 3 -> {
                                    if ((t & 7) == ProtoReader.LENGTH_DELIMITED) {
                                        ProtoReader packed = v.message();
                                        while (packed.more()) {
                                            bad.add(packed.int32());
                                        }
                                    } else {
                                        bad.add(v.int32(t));
                                    }
                                }
                                default -> v.skip(t & 7);
                            }
                        }
                    }
                    default -> r.skip(tag & 7);
                }
            }
            if (numShards < 1) {
                throw new IOException(index + ": header: num_shards " + numShards + ", expected at least 1");
            }
            if (endianness != 0 && endianness != 1) {
                throw new IOException(index + ": header: endianness " + endianness + ", expected 0 (little) or 1 (big)");
            }
            if (producer < 0 || minConsumer > CONSUMER_VERSION || bad.contains(CONSUMER_VERSION)) {
                throw new IOException(index + ": written in tensor bundle format version " + producer + " (readers need at least "
                        + minConsumer + "); this reader implements version " + CONSUMER_VERSION);
            }
            shards = numShards;
            order = endianness == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        } catch (Malformed e) {
            throw new IOException(index + ": header: " + e.getMessage(), e);
        }
        Map<String, BundleEntry> entries = new LinkedHashMap<>();
        for (Table.Entry t : table.subList(1, table.size())) {
            String key = new String(t.key(), StandardCharsets.UTF_8);
            try {
                entries.put(key, entry(key, t.value(), shards));
            } catch (Malformed e) {
                throw new IOException(index + ": entry '" + key + "': " + e.getMessage(), e);
            }
        }
        return new TensorBundle(prefix, shards, order, Collections.unmodifiableMap(entries));
    }

    private static BundleEntry entry(String key, byte[] value, int shards) throws Malformed {
        ProtoReader r = new ProtoReader(value);
        int dtype = 0, shard = 0, crc = 0, slices = 0;
        long offset = 0, size = 0;
        List<Long> dims = new ArrayList<>();
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> dtype = r.int32(tag);
                case 2 -> {
                    ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    ProtoReader s = r.message();
                    while (s.more()) {
                        int t = s.tag();
                        if ((t >>> 3) == 2) {
                            ProtoReader.expect(t, ProtoReader.LENGTH_DELIMITED);
                            ProtoReader d = s.message();
                            long dim = 0;
                            while (d.more()) {
                                int u = d.tag();
                                if ((u >>> 3) == 1) {
                                    dim = d.varint(u);
                                } else {
                                    d.skip(u & 7);
                                }
                            }
                            if (dim < 0) {
                                throw new Malformed("shape has a dimension of " + dim + "; a saved tensor has a known shape");
                            }
                            dims.add(dim);
                        } else if ((t >>> 3) == 3) {
                            if (s.varint(t) != 0) {
                                throw new Malformed("shape of unknown rank; a saved tensor has a known shape");
                            }
                        } else {
                            s.skip(t & 7);
                        }
                    }
                }
                case 3 -> shard = r.int32(tag);
                case 4 -> offset = r.varint(tag);
                case 5 -> size = r.varint(tag);
                case 6 -> {
                    ProtoReader.expect(tag, ProtoReader.FIXED32);
                    crc = r.fixed32();
                }
                case 7 -> {
                    r.skip(tag & 7);
                    slices++;
                }
                default -> r.skip(tag & 7);
            }
        }
        if (shard < 0 || shard >= shards) {
            throw new Malformed("shard " + shard + ", but the checkpoint has " + shards);
        }
        if (offset < 0 || size < 0) {
            throw new Malformed("offset " + offset + " and size " + size + " must not be negative");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        return new BundleEntry(key, dtype, shape, shard, offset, size, crc, slices);
    }

    /** The prefix, e.g. {@code DIR/ckpt-5}. */
    public Path prefix() {
        return prefix;
    }

    public Path indexFile() {
        return indexFile(prefix);
    }

    public Path dataFile(int shard) {
        return Path.of(String.format(java.util.Locale.ROOT, "%s.data-%05d-of-%05d", prefix, shard, shards));
    }

    public int shards() {
        return shards;
    }

    /** Every tensor, in the index's (byte-wise sorted) key order; the header is not one. */
    public List<BundleEntry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<BundleEntry> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** A float32 tensor's values in row-major order. */
    public float[] floats(String key) throws IOException {
        java.nio.FloatBuffer b = read(require(key, TensorType.FLOAT32)).asFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    /** An int64 tensor's values in row-major order. */
    public long[] longs(String key) throws IOException {
        java.nio.LongBuffer b = read(require(key, TensorType.INT64)).asLongBuffer();
        long[] out = new long[b.remaining()];
        b.get(out);
        return out;
    }

    /**
     * A fixed-size tensor's bytes (checksum verified), ordered as the file's header says
     * ({@link ByteBuffer#order()} is set to it).
     */
    public ByteBuffer bytes(String key) throws IOException {
        BundleEntry e = entry(key).orElseThrow(() -> missing(key));
        TensorType t = e.type();
        if (t == null || t.bytes() < 0) {
            throw new IOException(indexFile() + ": '" + key + "' is " + e.describe() + ", not a fixed-size type");
        }
        return read(e);
    }

    /** A string tensor's elements as bytes (strings in checkpoints are often serialized protos). */
    public byte[][] strings(String key) throws IOException {
        BundleEntry e = require(key, TensorType.STRING);
        byte[] b = raw(e);
        long n = e.elements();
        // Each element takes at least one byte (its length varint): more elements than bytes is corrupt.
        if (n < 0 || n > b.length) {
            throw new IOException(dataFile(e.shard()) + ": '" + key + "': " + n + " strings cannot fit in " + b.length + " bytes");
        }
        try {
            ProtoReader r = new ProtoReader(b);
            long[] lengths = new long[(int) n];
            CRC32C crc = new CRC32C();
            ByteBuffer word = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                lengths[i] = r.varint();
                word.clear();
                if (lengths[i] >= 0 && lengths[i] <= 0xffffffffL) {
                    word.putInt((int) lengths[i]);
                } else {
                    word.putLong(lengths[i]);
                }
                crc.update(word.array(), 0, word.position());
            }
            byte[] lengthCrc = r.raw(4);
            int storedLengthCrc = ByteBuffer.wrap(lengthCrc).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (Crc32c.unmask(storedLengthCrc) != (int) crc.getValue()) {
                throw new IOException(dataFile(e.shard()) + ": '" + key + "': checksum of the string lengths does not match (the file is damaged)");
            }
            crc.update(lengthCrc);
            byte[][] out = new byte[(int) n][];
            for (int i = 0; i < n; i++) {
                out[i] = r.raw(lengths[i]);
                crc.update(out[i]);
            }
            if (r.more()) {
                throw new IOException(dataFile(e.shard()) + ": '" + key + "': " + n + " strings end before the entry's " + b.length + " bytes");
            }
            checksum(e, (int) crc.getValue());
            return out;
        } catch (Malformed m) {
            throw new IOException(dataFile(e.shard()) + ": '" + key + "': malformed string tensor: " + m.getMessage(), m);
        }
    }

    /**
     * The object graph of a checkpoint written by {@code tf.train.Checkpoint} (or Keras'
     * {@code save_weights} in TensorFlow format); empty for name-based checkpoints.
     */
    public Optional<ObjectGraph> objectGraph() throws IOException {
        if (!graphRead) {
            if (entries.containsKey(OBJECT_GRAPH_KEY)) {
                BundleEntry e = entries.get(OBJECT_GRAPH_KEY);
                byte[][] s = strings(OBJECT_GRAPH_KEY);
                if (s.length != 1) {
                    throw new IOException(indexFile() + ": '" + OBJECT_GRAPH_KEY + "' is " + e.describe() + ", expected one string");
                }
                try {
                    graph = ObjectGraphParser.parse(s[0]);
                } catch (Malformed m) {
                    throw new IOException(dataFile(e.shard()) + ": '" + OBJECT_GRAPH_KEY + "': not a TrackableObjectGraph: " + m.getMessage(), m);
                }
            }
            graphRead = true;
        }
        return Optional.ofNullable(graph);
    }

    private BundleEntry require(String key, TensorType type) throws IOException {
        BundleEntry e = entry(key).orElseThrow(() -> missing(key));
        if (e.dtype() != type.code()) {
            throw new IOException(indexFile() + ": '" + key + "' is " + e.describe() + ", expected " + type);
        }
        return e;
    }

    private IOException missing(String key) {
        return new IOException(indexFile() + ": no tensor '" + key + "'");
    }

    /** A fixed-size tensor's bytes, size and checksum checked. */
    private ByteBuffer read(BundleEntry e) throws IOException {
        long n = e.elements();
        long expected = n < 0 || n > MAX_TENSOR_BYTES ? -1 : n * e.type().bytes();
        if (expected < 0 || expected > MAX_TENSOR_BYTES) {
            throw new IOException(indexFile() + ": '" + e.key() + "' is " + e.describe() + ", too large to read into memory here");
        }
        if (e.size() != expected) {
            throw new IOException(indexFile() + ": '" + e.key() + "' is " + e.describe() + ", which takes " + expected
                    + " bytes, but its entry says " + e.size());
        }
        byte[] b = raw(e);
        checksum(e, Crc32c.of(b, 0, b.length));
        return ByteBuffer.wrap(b).order(order);
    }

    private void checksum(BundleEntry e, int actual) throws IOException {
        if (Crc32c.unmask(e.crc32c()) != actual) {
            throw new IOException(dataFile(e.shard()) + ": '" + e.key() + "': checksum mismatch (bytes " + e.offset() + "–"
                    + (e.offset() + e.size()) + " are damaged)");
        }
    }

    /** The entry's bytes from its data file, after checking they lie inside it. */
    private byte[] raw(BundleEntry e) throws IOException {
        if (e.slices() > 0) {
            throw new IOException(indexFile() + ": '" + e.key() + "' is a partitioned variable saved in " + e.slices()
                    + " slices; reading slices is not supported");
        }
        Path data = dataFile(e.shard());
        if (e.size() > MAX_TENSOR_BYTES) {
            throw new IOException(indexFile() + ": '" + e.key() + "': " + e.size() + " bytes, too large to read into memory here");
        }
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.READ)) {
            long length = ch.size();
            if (e.offset() > length || e.size() > length - e.offset()) {
                throw new IOException(data + ": " + length + " bytes, but '" + e.key() + "' is said to be at bytes " + e.offset() + "–"
                        + (e.offset() + e.size()) + " (truncated or mismatched data file)");
            }
            ByteBuffer b = ByteBuffer.allocate((int) e.size());
            while (b.hasRemaining()) {
                if (ch.read(b, e.offset() + b.position()) < 0) {
                    throw new IOException(data + ": ends early while reading '" + e.key() + "'");
                }
            }
            return b.array();
        } catch (NoSuchFileException nf) {
            throw new IOException(data + ": data file missing (the index " + indexFile().getFileName() + " refers to it)");
        }
    }

    static Path indexFile(Path prefix) {
        return Path.of(prefix + ".index");
    }

    private static final Pattern DATA = Pattern.compile("\\.data-\\d{5}-of-\\d{5}$");
    private static final Pattern LATEST = Pattern.compile("(?m)^\\s*model_checkpoint_path\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The prefix of the checkpoint at {@code path} (see {@link #open}). */
    public static Path locate(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path state = path.resolve("checkpoint");
            if (Files.isRegularFile(state)) {
                if (Files.size(state) > 1 << 20) {
                    throw new IOException(state + ": " + Files.size(state) + " bytes, too large for a checkpoint state file");
                }
                Matcher m = LATEST.matcher(Files.readString(state, StandardCharsets.UTF_8));
                if (!m.find()) {
                    throw new IOException(state + ": field model_checkpoint_path missing; expected model_checkpoint_path: \"NAME\"");
                }
                Path named = Path.of(unescape(m.group(1)));
                Path prefix = named.isAbsolute() ? named : path.resolve(named);
                // Checkpoints are often moved after training: an absolute path of another machine
                // is looked for beside the state file too.
                if (!Files.isRegularFile(indexFile(prefix)) && named.getFileName() != null) {
                    Path beside = path.resolve(named.getFileName().toString());
                    if (Files.isRegularFile(indexFile(beside))) {
                        prefix = beside;
                    }
                }
                if (!Files.isRegularFile(indexFile(prefix))) {
                    throw new IOException(state + ": names the checkpoint '" + m.group(1) + "', but " + indexFile(prefix) + " does not exist");
                }
                return prefix;
            }
            List<Path> indexes;
            try (Stream<Path> s = Files.list(path)) {
                indexes = s.filter(p -> p.getFileName().toString().endsWith(".index") && Files.isRegularFile(p)).sorted().toList();
            }
            if (indexes.isEmpty()) {
                throw new IOException(path + ": no TensorFlow checkpoint here (no PREFIX.index file)");
            }
            if (indexes.size() > 1) {
                throw new IOException(path + ": " + indexes.size() + " checkpoints (" + String.join(", ",
                        indexes.stream().map(p -> p.getFileName().toString()).toList())
                        + ") and no 'checkpoint' file naming the latest; give one, e.g. " + stripIndex(indexes.get(indexes.size() - 1)));
            }
            return stripIndex(indexes.get(0));
        }
        String s = path.toString();
        Path prefix = s.endsWith(".index") ? stripIndex(path) : Path.of(DATA.matcher(s).replaceFirst(""));
        if (!Files.isRegularFile(indexFile(prefix))) {
            throw new IOException(path + ": no TensorFlow checkpoint (expected a folder, a prefix with PREFIX.index beside it, or the .index file)");
        }
        return prefix;
    }

    private static Path stripIndex(Path index) {
        String s = index.toString();
        return Path.of(s.substring(0, s.length() - ".index".length()));
    }

    /** Text-format string escapes (as protobuf's text format writes them). */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                default -> {
                    if (n >= '0' && n <= '7') {
                        int v = 0, k = 0;
                        while (k < 3 && i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7') {
                            v = v * 8 + (s.charAt(i++) - '0');
                            k++;
                        }
                        i--;
                        out.append((char) v);
                    } else {
                        out.append(n);
                    }
                }
            }
        }
        return out.toString();
    }
}
