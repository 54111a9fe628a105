package org.choreolab.io.tensorflow.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.choreolab.io.tensorflow.BundleEntry;
import org.choreolab.io.tensorflow.ObjectGraph;
import org.choreolab.io.tensorflow.TensorBundle;
import org.choreolab.io.tensorflow.TensorType;
import org.choreolab.io.tensorflow.internal.ObjectGraphParser;
import org.choreolab.io.tensorflow.internal.ProtoReader;
import org.choreolab.testing.Reference;
import org.choreolab.testing.TensorBundleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The reader against a checkpoint written by TensorFlow itself (TensorFlow Java 1.1.0's SaveV2 and
 * MergeV2Checkpoints, see reference/README.md): every tensor as TensorFlow's RestoreV2 read it back
 * ({@code expected.json}), the object graph, and damaged files.
 */
class TensorBundleTest {

    static Path dir() {
        return Reference.file("fact-checkpoint");
    }

    static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(dir().resolve("expected.json").toFile());
    }

    /** The reference checkpoint copied to {@code tmp} (to be damaged there). */
    static Path copy(Path tmp) throws IOException {
        for (String f : new String[] {"checkpoint", "ckpt-1.index", "ckpt-1.data-00000-of-00001"}) {
            Files.copy(dir().resolve(f), tmp.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return tmp.resolve("ckpt-1");
    }

    @Test
    void readsEveryTensorAsTensorFlowReadItBack() throws IOException {
        TensorBundle b = TensorBundle.open(dir());
        assertEquals(dir().resolve("ckpt-1"), b.prefix(), "the folder's 'checkpoint' file names ckpt-1");
        assertEquals(1, b.shards());
        JsonNode tensors = expected().get("tensors");
        Set<String> keys = new TreeSet<>();
        b.entries().forEach(e -> keys.add(e.key()));
        Set<String> want = new TreeSet<>();
        tensors.fieldNames().forEachRemaining(want::add);
        assertEquals(want, keys);
        for (Iterator<Map.Entry<String, JsonNode>> it = tensors.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> t = it.next();
            String key = t.getKey();
            JsonNode x = t.getValue();
            BundleEntry e = b.entry(key).orElseThrow();
            long[] shape = new long[x.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = x.get("shape").get(i).asLong();
            }
            assertArrayEquals(shape, e.shape(), key);
            assertEquals(x.get("dtype").asText(), e.type().toString(), key);
            switch (x.get("dtype").asText()) {
                case "float32" -> {
                    float[] v = b.floats(key);
                    assertEquals((float) x.get("first").asDouble(), v[0], key);
                    assertEquals((float) x.get("last").asDouble(), v[v.length - 1], key);
                    double sum = 0;
                    for (float f : v) {
                        sum += f;
                    }
                    assertEquals(x.get("sum").asDouble(), sum, 1e-6 * Math.max(1, Math.abs(sum)), key);
                }
                case "int64" -> assertEquals(x.get("value").asLong(), b.longs(key)[0], key);
                case "string" -> assertEquals(x.get("bytes").asInt(), b.strings(key)[0].length, key);
                default -> throw new AssertionError(key + ": unexpected dtype in expected.json");
            }
        }
    }

    @Test
    void decodesTheObjectGraph() throws IOException {
        TensorBundle b = TensorBundle.open(dir());
        ObjectGraph g = b.objectGraph().orElseThrow();
        JsonNode info = expected().get("tensors").get(TensorBundle.OBJECT_GRAPH_KEY);
        assertEquals(info.get("nodes").asInt(), g.nodes().size());
        assertEquals(List.of("model", "optimizer", "save_counter"), g.root().children().stream().map(ObjectGraph.Child::name).toList());
        // Every saved variable is reachable by its key, and every key belongs to one object.
        Set<String> keys = new TreeSet<>();
        for (ObjectGraph.Node n : g.nodes()) {
            for (ObjectGraph.Attribute a : n.attributes()) {
                assertTrue(b.entry(a.checkpointKey()).isPresent(), a.checkpointKey());
                assertTrue(keys.add(a.checkpointKey()), a.checkpointKey());
            }
        }
        assertEquals(b.entries().size() - 1, keys.size(), "every tensor but the graph itself is an object's attribute");
        // One variable under two names (add_weight's and the attribute's); Sequential's two names per layer.
        ObjectGraph.Node a = g.resolve(List.of("model", "motion_pos_embedding", "position_embedding")).orElseThrow();
        ObjectGraph.Node c = g.resolve(List.of("model", "motion_pos_embedding", "pos_embedding")).orElseThrow();
        assertEquals(a.id(), c.id());
        assertEquals("model/motion_pos_embedding/position_embedding/.ATTRIBUTES/VARIABLE_VALUE", a.variableKey().orElseThrow());
        assertEquals(g.resolve(List.of("model", "cross_modal_layer", "transformer_layer", "net", "layer-1")).orElseThrow().id(),
                g.resolve(List.of("model", "cross_modal_layer", "transformer_layer", "net", "layer_with_weights-1")).orElseThrow().id());
        // The optimizer's step counter is also the model's global_step, and Adam keeps m and v per variable.
        ObjectGraph.Node optimizer = g.resolve(List.of("optimizer")).orElseThrow();
        assertEquals("model/global_step/.ATTRIBUTES/VARIABLE_VALUE",
                g.node(optimizer.child("iter").orElseThrow().nodeId()).variableKey().orElseThrow());
        assertEquals(info.get("slots").asInt(), optimizer.slotVariables().size());
        assertTrue(g.resolve(List.of("model", "no_such_layer")).isEmpty());
    }

    @Test
    void ourTestWriterReproducesTensorFlowsFilesByteForByte(@TempDir Path tmp) throws IOException {
        TensorBundle b = TensorBundle.open(dir());
        TensorBundleWriter w = new TensorBundleWriter(tmp.resolve("ckpt-1"));
        // TensorFlow writes the data in the order the tensors were given to SaveV2, the index sorted.
        List<BundleEntry> byOffset = b.entries().stream().sorted(java.util.Comparator.comparingLong(BundleEntry::offset)).toList();
        for (BundleEntry e : byOffset) {
            if (e.type() == TensorType.STRING) {
                w.addString(e.key(), b.strings(e.key())[0]);
            } else {
                ByteBuffer bytes = b.bytes(e.key());
                w.add(e.key(), e.dtype(), e.shape(), bytes.array());
            }
        }
        w.write();
        assertArrayEquals(Files.readAllBytes(dir().resolve("ckpt-1.data-00000-of-00001")), Files.readAllBytes(tmp.resolve("ckpt-1.data-00000-of-00001")));
        assertArrayEquals(Files.readAllBytes(dir().resolve("ckpt-1.index")), Files.readAllBytes(tmp.resolve("ckpt-1.index")));
    }

    @Test
    void findsTheCheckpointFromAFolderAPrefixOrEitherFile(@TempDir Path tmp) throws IOException {
        Path prefix = dir().resolve("ckpt-1");
        assertEquals(prefix, TensorBundle.locate(prefix));
        assertEquals(prefix, TensorBundle.locate(dir().resolve("ckpt-1.index")));
        assertEquals(prefix, TensorBundle.locate(dir().resolve("ckpt-1.data-00000-of-00001")));
        // Without a 'checkpoint' file: the only index; with two, an error naming both.
        Path p = copy(tmp);
        Files.delete(tmp.resolve("checkpoint"));
        assertEquals(p, TensorBundle.locate(tmp));
        Files.copy(tmp.resolve("ckpt-1.index"), tmp.resolve("ckpt-2.index"));
        IOException two = assertThrows(IOException.class, () -> TensorBundle.locate(tmp));
        assertTrue(two.getMessage().contains("ckpt-1.index") && two.getMessage().contains("ckpt-2.index"), two.getMessage());
        // A 'checkpoint' file written on the training machine (absolute path) still finds its files here.
        Files.writeString(tmp.resolve("checkpoint"), "model_checkpoint_path: \"/mnt/train/run7/ckpt-1\"\n");
        assertEquals(p, TensorBundle.locate(tmp));
        Files.writeString(tmp.resolve("checkpoint"), "model_checkpoint_path: \"ckpt-9\"\n");
        IOException gone = assertThrows(IOException.class, () -> TensorBundle.locate(tmp));
        assertTrue(gone.getMessage().contains("ckpt-9"), gone.getMessage());
        IOException none = assertThrows(IOException.class, () -> TensorBundle.open(tmp.resolve("nothing")));
        assertTrue(none.getMessage().contains("nothing"), none.getMessage());
    }

    @Test
    void aDamagedTensorIsRefusedByItsChecksum(@TempDir Path tmp) throws IOException {
        Path p = copy(tmp);
        TensorBundle b = TensorBundle.open(p);
        BundleEntry e = b.entry("model/cross_modal_layer/cross_output_layer/kernel/.ATTRIBUTES/VARIABLE_VALUE").orElseThrow();
        Path data = tmp.resolve("ckpt-1.data-00000-of-00001");
        byte[] bytes = Files.readAllBytes(data);
        bytes[(int) (e.offset() + e.size() / 2)] ^= 0x10;
        Files.write(data, bytes);
        IOException x = assertThrows(IOException.class, () -> b.floats(e.key()));
        assertTrue(x.getMessage().contains("checksum mismatch") && x.getMessage().contains(e.key())
                && x.getMessage().contains("ckpt-1.data-00000-of-00001"), x.getMessage());
        b.floats("model/motion_linear_embedding/net/kernel/.ATTRIBUTES/VARIABLE_VALUE"); // the others still read
        // The object graph's string tensor has its own two checksums.
        BundleEntry g = b.entry(TensorBundle.OBJECT_GRAPH_KEY).orElseThrow();
        bytes[(int) (g.offset() + g.size() - 3)] ^= 0x01;
        Files.write(data, bytes);
        IOException y = assertThrows(IOException.class, () -> TensorBundle.open(p).objectGraph());
        assertTrue(y.getMessage().contains(TensorBundle.OBJECT_GRAPH_KEY), y.getMessage());
    }

    @Test
    void aDamagedByteAnywhereInTheIndexGivesAnIoErrorOrTheSameEntries(@TempDir Path tmp) throws IOException {
        Path p = copy(tmp);
        Path index = tmp.resolve("ckpt-1.index");
        byte[] good = Files.readAllBytes(index);
        List<BundleEntry> original = TensorBundle.open(p).entries();
        int refused = 0, tried = 0;
        // Every byte of the index block, metaindex block and footer at the end; every fifth byte of the data blocks.
        for (int i = 0; i < good.length; i += i < good.length - 400 ? 5 : 1) {
            tried++;
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            Files.write(index, bad);
            try {
                assertEquals(original, TensorBundle.open(p).entries(), "byte " + i);
            } catch (IOException expected) {
                assertTrue(expected.getMessage().startsWith(index.toString()), expected.getMessage());
                assertFalse(expected.getMessage().contains("\n"), expected.getMessage());
                refused++;
            }
        }
        // Only the footer's padding (48 bytes less the two block handles) is unchecked by the format.
        assertTrue(refused >= tried - 40, refused + " of " + tried + " damaged bytes refused");
    }

    @Test
    void truncatedOrMissingFilesAreNamed(@TempDir Path tmp) throws IOException {
        Path p = copy(tmp);
        Path index = tmp.resolve("ckpt-1.index"), data = tmp.resolve("ckpt-1.data-00000-of-00001");
        byte[] good = Files.readAllBytes(index);
        Files.write(index, java.util.Arrays.copyOf(good, 30));
        IOException shortIndex = assertThrows(IOException.class, () -> TensorBundle.open(p));
        assertTrue(shortIndex.getMessage().contains("too short"), shortIndex.getMessage());
        Files.write(index, java.util.Arrays.copyOf(good, good.length - 100));
        IOException cut = assertThrows(IOException.class, () -> TensorBundle.open(p));
        assertTrue(cut.getMessage().contains("not a TensorFlow table"), cut.getMessage());
        Files.write(index, good);
        byte[] d = Files.readAllBytes(data);
        Files.write(data, java.util.Arrays.copyOf(d, d.length / 2));
        TensorBundle b = TensorBundle.open(p);
        String last = b.entries().stream().filter(e -> e.type() == TensorType.FLOAT32)
                .max(java.util.Comparator.comparingLong(BundleEntry::offset)).orElseThrow().key();
        IOException truncated = assertThrows(IOException.class, () -> b.floats(last));
        assertTrue(truncated.getMessage().contains("truncated") && truncated.getMessage().contains(last), truncated.getMessage());
        Files.delete(data);
        IOException missing = assertThrows(IOException.class, () -> b.floats(last));
        assertTrue(missing.getMessage().contains("data file missing"), missing.getMessage());
    }

    @Test
    void absurdSizesAreRefusedBeforeAnythingIsAllocated(@TempDir Path tmp) throws IOException {
        Path prefix = tmp.resolve("hostile");
        new TensorBundleWriter(prefix).addFloats("small", new long[] {4}, new float[] {1, 2, 3, 4})
                .addRawEntry("huge", TensorBundleWriter.entry(TensorBundleWriter.DT_FLOAT, new long[] {1L << 40}, 0, 0, 1L << 42, 0))
                .addRawEntry("lying", TensorBundleWriter.entry(TensorBundleWriter.DT_FLOAT, new long[] {4}, 0, 0, 1L << 40, 0))
                .addRawEntry("far", TensorBundleWriter.entry(TensorBundleWriter.DT_FLOAT, new long[] {4}, 0, 1L << 50, 16, 0))
                .addRawEntry("overflow", TensorBundleWriter.entry(TensorBundleWriter.DT_FLOAT, new long[] {1L << 40, 1L << 40}, 0, 0, 16, 0))
                .addRawEntry("strings", TensorBundleWriter.entry(TensorBundleWriter.DT_STRING, new long[] {1L << 40}, 0, 0, 16, 0))
                .write();
        TensorBundle b = TensorBundle.open(prefix);
        assertArrayEquals(new float[] {1, 2, 3, 4}, b.floats("small"));
        Map<String, String> why = Map.of("huge", "too large", "lying", "takes 16 bytes", "far", "truncated", "overflow", "too large",
                "strings", "cannot fit");
        for (var w : why.entrySet()) {
            IOException e = assertThrows(IOException.class, () -> {
                if (w.getKey().equals("strings")) {
                    b.strings(w.getKey());
                } else {
                    b.floats(w.getKey());
                }
            }, w.getKey());
            assertTrue(e.getMessage().contains("'" + w.getKey() + "'") && e.getMessage().contains(w.getValue()), e.getMessage());
        }
        IOException type = assertThrows(IOException.class, () -> b.longs("small"));
        assertTrue(type.getMessage().contains("'small' is float32 (4,), expected int64"), type.getMessage());
    }

    @Test
    void aMalformedIndexEntryIsNamed(@TempDir Path tmp) throws IOException {
        Path shard = tmp.resolve("shard");
        new TensorBundleWriter(shard).addRawEntry("elsewhere", TensorBundleWriter.entry(TensorBundleWriter.DT_FLOAT, new long[] {4}, 7, 0, 16, 0))
                .write();
        IOException s = assertThrows(IOException.class, () -> TensorBundle.open(shard));
        assertTrue(s.getMessage().contains("'elsewhere'") && s.getMessage().contains("shard 7"), s.getMessage());
        Path garbage = tmp.resolve("garbage");
        new TensorBundleWriter(garbage).addRawEntry("junk", new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}).write();
        IOException g = assertThrows(IOException.class, () -> TensorBundle.open(garbage));
        assertTrue(g.getMessage().contains("'junk'") && g.getMessage().contains("garbage.index"), g.getMessage());
    }

    @Test
    void aDamagedObjectGraphIsAnIoErrorWhereverItIsCut(@TempDir Path tmp) throws IOException {
        byte[] graph = TensorBundle.open(dir()).strings(TensorBundle.OBJECT_GRAPH_KEY)[0];
        int refused = 0, tried = 0;
        // The parser alone at every third cut: it refuses (never fails otherwise) or, cut between nodes, reads fewer.
        for (int cut = 0; cut < graph.length; cut += 3) {
            tried++;
            try {
                ObjectGraph g = ObjectGraphParser.parse(java.util.Arrays.copyOf(graph, cut));
                assertTrue(g.nodes().size() < 248, "cut at " + cut);
            } catch (ProtoReader.Malformed expected) {
                refused++;
            }
        }
        assertTrue(refused > tried / 2, refused + " of " + tried + " cuts refused");
        // And through a file: the error names the key.
        Path prefix = tmp.resolve("cut");
        new TensorBundleWriter(prefix).addString(TensorBundle.OBJECT_GRAPH_KEY, java.util.Arrays.copyOf(graph, graph.length / 3)).write();
        IOException e = assertThrows(IOException.class, () -> TensorBundle.open(prefix).objectGraph());
        assertTrue(e.getMessage().contains("not a TrackableObjectGraph") && e.getMessage().contains(TensorBundle.OBJECT_GRAPH_KEY), e.getMessage());
    }
}
