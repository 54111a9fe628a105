package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.Tensor;
import org.choreolab.model.fact.internal.FactConfig;
import org.choreolab.model.fact.internal.FactModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FACT built from DJL blocks: shapes, parameter count, save/load, and the same output on both engines. */
class FactNetworkTest {

    private static Network build(String engine, FactConfig c, long seed) throws IOException {
        Map<String, String> o = new java.util.HashMap<>(c.toOptions());
        o.put("seed", Long.toString(seed));
        return BackendConformanceTest.backend(engine).network(FactModel.CODE, o, "cpu");
    }

    private static List<Tensor> input(FactConfig c, int batch) {
        return List.of(FactTesting.random(1, batch, c.motionLength(), c.motionDim()),
                FactTesting.random(2, batch, c.audioLength(), c.audioDim()));
    }

    /** Parameters of one transformer layer of width h and MLP width i, as mint's layers have them. */
    private static long layer(long h, long i) {
        return 2 * 2 * h // two layer norms, scale and shift
                + 3 * h * h // to_qkv, no bias
                + h * h + h // to_out
                + h * i + i + i * h + h; // the MLP
    }

    @Test
    void hasMintsParametersAndOutputShape() throws IOException {
        FactConfig c = FactTesting.TINY;
        long h = c.hidden(), i = c.intermediate();
        long expected = (225 * h + h) + 120 * h + (35 * h + h) + 240 * h
                + (c.motionLayers() + c.audioLayers() + c.crossLayers()) * layer(h, i) + (h * 225 + 225);
        try (Network n = build("PyTorch", c, 0)) {
            assertEquals(expected, n.parameterCount());
            List<Tensor> y = n.predict(input(c, 2));
            assertArrayEquals(new long[] {2, 20, 225}, y.get(0).shape());
        }
    }

    @Test
    void thePublishedSizeHasTheParameterCountOfMintsConfiguration() throws IOException {
        FactConfig c = FactConfig.PUBLISHED;
        long h = 800, i = 3072;
        long expected = (225 * h + h) + 120 * h + (35 * h + h) + 240 * h + 16 * layer(h, i) + (h * 225 + 225);
        try (Network n = build("PyTorch", c, 0)) {
            assertEquals(expected, n.parameterCount());
        }
    }

    @Test
    void theSameParametersGiveTheSameOutputOnPyTorchAndMxNet(@TempDir Path tmp) throws IOException {
        FactConfig c = FactTesting.MEDIUM;
        Path params = tmp.resolve("fact.params");
        float[] torch, mxnet;
        try (Network n = build("PyTorch", c, 7)) {
            n.saveParameters(params);
            torch = n.predict(input(c, 2)).get(0).data();
        }
        try (Network n = build("MXNet", c, 99)) {
            float[] before = n.predict(input(c, 2)).get(0).data();
            n.loadParameters(params);
            mxnet = n.predict(input(c, 2)).get(0).data();
            assertNotEquals(before[0], mxnet[0], "loading replaced MXNet's own initialization");
        }
        float worst = 0;
        for (int k = 0; k < torch.length; k++) {
            worst = Math.max(worst, Math.abs(torch[k] - mxnet[k]));
        }
        assertTrue(worst < 1e-4, "PyTorch and MXNet differ by " + worst);
    }

    @Test
    void parametersOfAnotherShapeOrATruncatedFileAreRefusedByName(@TempDir Path tmp) throws IOException {
        Path params = tmp.resolve("tiny.params");
        try (Network n = build("PyTorch", FactTesting.TINY, 0)) {
            n.saveParameters(params);
        }
        try (Network n = build("PyTorch", FactTesting.MEDIUM, 0)) {
            IOException e = assertThrows(IOException.class, () -> n.loadParameters(params));
            assertTrue(e.getMessage().contains("tiny.params"), e.getMessage());
        }
        byte[] all = Files.readAllBytes(params);
        Path cut = tmp.resolve("cut.params");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        try (Network n = build("MXNet", FactTesting.TINY, 0)) {
            IOException e = assertThrows(IOException.class, () -> n.loadParameters(cut));
            assertTrue(e.getMessage().contains("cut.params"), e.getMessage());
        }
    }

    @Test
    void theSameSeedGivesTheSameInitialization() throws IOException {
        float[] a, b;
        try (Network n = build("PyTorch", FactTesting.TINY, 3)) {
            a = n.predict(input(FactTesting.TINY, 1)).get(0).data();
        }
        try (Network n = build("PyTorch", FactTesting.TINY, 3)) {
            b = n.predict(input(FactTesting.TINY, 1)).get(0).data();
        }
        assertArrayEquals(a, b);
    }

    @Test
    void aBackendNamesAFactoryThatIsNotOne() {
        ModelBackend b = BackendConformanceTest.backend("MXNet");
        IOException e = assertThrows(IOException.class, () -> b.network(
                new org.choreolab.api.model.NetworkCode(getClass().getClassLoader(), "org.example.Nothing"), Map.of(), "cpu"));
        assertTrue(e.getMessage().contains("org.example.Nothing"), e.getMessage());
    }
}
