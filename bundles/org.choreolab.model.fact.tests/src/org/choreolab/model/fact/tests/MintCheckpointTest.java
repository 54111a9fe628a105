package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.choreolab.api.model.Network;
import org.choreolab.api.model.Tensor;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npz;
import org.choreolab.io.tensorflow.BundleEntry;
import org.choreolab.io.tensorflow.TensorBundle;
import org.choreolab.io.tensorflow.TensorType;
import org.choreolab.model.fact.internal.FactConfig;
import org.choreolab.model.fact.internal.FactModel;
import org.choreolab.model.fact.internal.Feedback;
import org.choreolab.model.fact.mint.MintCheckpoint;
import org.choreolab.testing.Reference;
import org.choreolab.testing.TensorBundleWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * mint's checkpoint format imported as FACT: a checkpoint written by TensorFlow (reference/fact-checkpoint,
 * see its README note) loads on both engines and computes what mint's model computes (a numpy
 * restatement of mint's code, run on the values TensorFlow read back); damaged, foreign or
 * mis-shaped checkpoints are refused by name.
 */
class MintCheckpointTest {

    static final String VALUE = "/.ATTRIBUTES/VARIABLE_VALUE";

    static Path checkpoint() {
        return Reference.file("fact-checkpoint");
    }

    static Path config() {
        return Reference.file("fact-checkpoint/mint_tiny.config");
    }

    static Network load(String engine, MintCheckpoint m, Path dir) throws IOException {
        Network n = BackendConformanceTest.backend(engine).network(MintCheckpoint.networkCode(), m.options(), "cpu");
        n.loadParameters(MintCheckpoint.parameterFile(dir));
        return n;
    }

    static Tensor tensor(NdArray a, int frames) {
        int[] s = a.shape();
        float[] all = a.toFloats();
        return new Tensor(new long[] {s[0], frames, s[2]}, Arrays.copyOf(all, frames * s[2]));
    }

    static float worst(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float w = 0;
        for (int i = 0; i < a.length; i++) {
            w = Math.max(w, Math.abs(a[i] - b[i]));
        }
        return w;
    }

    @Test
    void importsTheTensorFlowCheckpointAndComputesWhatMintComputesOnBothEngines(@TempDir Path tmp) throws IOException {
        MintCheckpoint m = MintCheckpoint.read(checkpoint(), 0, config());
        assertEquals(new FactConfig(16, 2, 40, 1, 1, 2, 120, 240, 225, 35, 20).toOptions(), m.options());
        assertEquals(1000, m.step());
        assertEquals(52, m.variables());
        assertEquals(Map.of("object graph", 1, "optimizer slot variables", 104, "optimizer state (beta_1, beta_2, decay)", 3,
                "save counter", 1, "training step", 1), m.ignored());
        assertTrue(m.headsFrom().contains("mint_tiny.config"), m.headsFrom());
        Path dir = tmp.resolve("model");
        m.write(dir, false);
        FactModel model = FactModel.read(dir);
        assertEquals(m.options(), model.config().toOptions());
        assertTrue(model.trainedOn().contains("ckpt-1") && model.trainedOn().contains("step 1000"), model.trainedOn());
        assertEquals(Feedback.RAW, model.feedback(), "mint's model is run as mint runs it: raw feedback (issue #14)");

        Map<String, NdArray> ref = Npz.read(Reference.file("fact-checkpoint/reference-io.npz"));
        Tensor motion = tensor(ref.get("motion"), 120);
        float[] audio = ref.get("audio").toFloats();
        float[] forward = ref.get("forward").toFloats(), autoregressive = ref.get("autoregressive").toFloats();
        float[][] out = new float[2][];
        String[] engines = {"PyTorch", "MXNet"};
        for (int k = 0; k < 2; k++) {
            try (Network n = load(engines[k], m, dir)) {
                float[] y = n.predict(List.of(motion, tensor(ref.get("audio"), 240))).get(0).data();
                float w = worst(forward, y);
                assertTrue(w < 1e-5, engines[k] + " differs from mint's forward pass by " + w);
                // mint's infer_auto_regressive: keep the first predicted frame, shift both windows by one.
                float[] window = motion.data().clone();
                float[] generated = new float[8 * 225];
                for (int step = 0; step < 8; step++) {
                    float[] a = Arrays.copyOfRange(audio, step * 35, (step + 240) * 35);
                    float[] next = n.predict(List.of(new Tensor(new long[] {1, 120, 225}, window), new Tensor(new long[] {1, 240, 35}, a)))
                            .get(0).data();
                    System.arraycopy(next, 0, generated, step * 225, 225);
                    System.arraycopy(window, 225, window, 0, 119 * 225);
                    System.arraycopy(next, 0, window, 119 * 225, 225);
                }
                System.out.printf("%s: forward pass differs from mint's (numpy, float64) by at most %.2e%n", engines[k], w);
                w = worst(autoregressive, generated);
                System.out.printf("%s: 8 autoregressive frames differ from mint's by at most %.2e%n", engines[k], w);
                assertTrue(w < 1e-5, engines[k] + " generates other frames than mint's infer_auto_regressive, by " + w);
                out[k] = generated;
            }
        }
        assertTrue(worst(out[0], out[1]) < 1e-5, "PyTorch and MXNet differ by " + worst(out[0], out[1]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void djlSavesTheWrittenParameterFileBackByteForByte(String engine, @TempDir Path tmp) throws IOException {
        MintCheckpoint m = MintCheckpoint.read(checkpoint(), 2, null);
        assertEquals("given", m.headsFrom());
        m.write(tmp, false);
        try (Network n = load(engine, m, tmp)) {
            n.saveParameters(tmp.resolve("again.params"));
        }
        assertArrayEquals(Files.readAllBytes(tmp.resolve("fact.params")), Files.readAllBytes(tmp.resolve("again.params")),
                "our fact.params and what " + engine + "'s DJL writes for the same network");
    }

    @Test
    void theHeadsComeFromAnOptionOrMintsConfigurationNeverFromAGuess(@TempDir Path tmp) throws IOException {
        IOException none = assertThrows(IOException.class, () -> MintCheckpoint.read(checkpoint(), 0, null));
        assertTrue(none.getMessage().contains("--heads") && none.getMessage().contains("ckpt-1.index"), none.getMessage());
        IOException disagree = assertThrows(IOException.class, () -> MintCheckpoint.read(checkpoint(), 4, config()));
        assertTrue(disagree.getMessage().contains("num_attention_heads 2") && disagree.getMessage().contains("--heads 4"), disagree.getMessage());
        IOException indivisible = assertThrows(IOException.class, () -> MintCheckpoint.read(checkpoint(), 3, null));
        assertTrue(indivisible.getMessage().contains("hidden"), indivisible.getMessage());
        Path other = tmp.resolve("other.config");
        Files.writeString(other, Files.readString(config()).replaceFirst("num_hidden_layers: 2", "num_hidden_layers: 12"));
        IOException layers = assertThrows(IOException.class, () -> MintCheckpoint.read(checkpoint(), 0, other));
        assertTrue(layers.getMessage().contains("cross_modal_model transformer num_hidden_layers 12"), layers.getMessage());
        Path broken = tmp.resolve("broken.config");
        Files.writeString(broken, "multi_modal_model {\n  fact_model {\n    modality: {\n");
        IOException parse = assertThrows(IOException.class, () -> MintCheckpoint.read(checkpoint(), 0, broken));
        assertTrue(parse.getMessage().contains("broken.config"), parse.getMessage());
    }

    /**
     * The reference checkpoint rewritten with a change: each tensor (key, entry, bytes) passes through
     * {@code edit}, which may return null to drop it; {@code extra} tensors are added.
     */
    static Path rewrite(Path tmp, UnaryOperator<String> rename, List<String> drop, Map<String, float[][]> extra) throws IOException {
        TensorBundle b = TensorBundle.open(checkpoint());
        Path prefix = tmp.resolve("edited/ckpt-1");
        TensorBundleWriter w = new TensorBundleWriter(prefix);
        List<BundleEntry> entries = new ArrayList<>(b.entries());
        entries.sort(Comparator.comparingLong(BundleEntry::offset));
        for (BundleEntry e : entries) {
            if (drop.contains(e.key())) {
                continue;
            }
            String key = rename.apply(e.key());
            if (e.type() == TensorType.STRING) {
                w.addString(key, b.strings(e.key())[0]);
            } else {
                w.add(key, e.dtype(), e.shape(), b.bytes(e.key()).array());
            }
        }
        for (Map.Entry<String, float[][]> x : extra.entrySet()) {
            long[] shape = new long[x.getValue()[0].length];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (long) x.getValue()[0][i];
            }
            w.addFloats(x.getKey(), shape, x.getValue()[1]);
        }
        w.write();
        return prefix;
    }

    @Test
    void anUnknownVariableIsRefusedByNameAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        String extra = "model/motion_transformer/extra_head/kernel" + VALUE;
        Path p = rewrite(tmp, k -> k, List.of(), Map.of(extra, new float[][] {{16, 4}, new float[64]}));
        IOException e = assertThrows(IOException.class, () -> MintCheckpoint.read(p, 2, null));
        assertTrue(e.getMessage().contains("model/motion_transformer/extra_head/kernel (float32 (16, 4))")
                && e.getMessage().contains("no place for") && e.getMessage().contains("ckpt-1.index"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void aMisshapedOrMissingVariableIsRefusedByName(@TempDir Path tmp) throws IOException {
        String toOut = "model/cross_modal_layer/transformer_layer/net/layer_with_weights-2/fn/fn/to_out/kernel" + VALUE;
        Path p = rewrite(tmp, k -> k, List.of(toOut), Map.of(toOut, new float[][] {{16, 17}, new float[16 * 17]}));
        IOException shape = assertThrows(IOException.class, () -> MintCheckpoint.read(p, 2, null));
        assertTrue(shape.getMessage().contains(toOut + " is float32 (16, 17), expected float32 (16, 16)"), shape.getMessage());
        String bias = "model/audio_transformer/net/layer_with_weights-1/fn/fn/net/layer_with_weights-1/bias" + VALUE;
        Path q = rewrite(tmp.resolve("q"), k -> k, List.of(bias), Map.of());
        IOException missing = assertThrows(IOException.class, () -> MintCheckpoint.read(q, 2, null));
        assertTrue(missing.getMessage().contains("1 variable(s) missing: " + bias.replace(VALUE, "")), missing.getMessage());
        Path r = rewrite(tmp.resolve("r"), k -> k.startsWith("model/") ? "net/" + k.substring(6) : k, List.of(TensorBundle.OBJECT_GRAPH_KEY), Map.of());
        IOException foreign = assertThrows(IOException.class, () -> MintCheckpoint.read(r, 2, null));
        assertTrue(foreign.getMessage().contains("not mint's FACT") && foreign.getMessage().contains("net/"), foreign.getMessage());
    }

    @Test
    void withoutTheObjectGraphKeysAreReadUnderEitherOfKerasNames(@TempDir Path tmp) throws IOException {
        MintCheckpoint.read(checkpoint(), 2, null).write(tmp.resolve("with-graph"), false);
        // A name-keyed copy using the other names Keras tracks the same objects under.
        // (The step counter too: the model's global_step is the optimizer's iter.)
        Path p = rewrite(tmp, k -> k.replace("layer_with_weights-", "layer-").replace("/position_embedding/", "/pos_embedding/")
                .replace("model/global_step/", "optimizer/iter/"), List.of(TensorBundle.OBJECT_GRAPH_KEY), Map.of());
        MintCheckpoint m = MintCheckpoint.read(p, 2, null);
        assertFalse(m.ignored().containsKey("object graph"));
        assertEquals(1000, m.step());
        m.write(tmp.resolve("by-key"), false);
        assertArrayEquals(Files.readAllBytes(tmp.resolve("with-graph/fact.params")), Files.readAllBytes(tmp.resolve("by-key/fact.params")));
    }

    @Test
    void aFolderHoldingAModelIsNotOverwrittenUnlessAsked(@TempDir Path tmp) throws IOException {
        MintCheckpoint m = MintCheckpoint.read(checkpoint(), 2, null);
        m.write(tmp, false);
        IOException e = assertThrows(IOException.class, () -> m.write(tmp, false));
        assertTrue(e.getMessage().contains("already holds a FACT model"), e.getMessage());
        m.write(tmp, true);
    }
}
