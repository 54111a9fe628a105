package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.choreolab.api.model.LoadedModel;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.Tensor;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npz;
import org.choreolab.testing.Reference;
import org.choreolab.testing.Services;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.FrameworkUtil;

/**
 * What every {@link ModelBackend} must do, run against each engine bundle (as DJL runs its
 * integration suite against every engine). The exported model and its expected output come from
 * Debian's python3-torch (examples/torchscript-bundle/model/export.py), not from our code.
 */
class BackendConformanceTest {

    static ModelBackend backend(String engine) {
        return Services.await(FrameworkUtil.getBundle(BackendConformanceTest.class).getBundleContext(), ModelBackend.class,
                "(choreolab.engine=" + engine + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet", "OnnxRuntime"})
    void describesItselfAndOffersTheCpu(String engine) {
        ModelBackend b = backend(engine);
        assertEquals(engine, b.engine());
        assertTrue(b.engineVersion().matches("\\d+\\.\\d+.*"), b.engineVersion());
        assertTrue(b.devices().contains("cpu"), b.devices().toString());
        assertFalse(b.id().isBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "OnnxRuntime"})
    void runsTheModelExportedByPythonAsPythonDid(String engine) throws IOException {
        Path dir = Reference.repositoryFile("examples/torchscript-bundle/model");
        Map<String, NdArray> ref = Npz.read(dir.resolve("reference-io.npz"));
        Path file = dir.resolve(engine.equals("PyTorch") ? "hold-and-sway.pt" : "hold-and-sway.onnx");
        try (LoadedModel m = backend(engine).load(file, "auto")) {
            assertTrue(m.device().startsWith("cpu"), m.device());
            List<Tensor> out = m.predict(List.of(tensor(ref.get("motion")), tensor(ref.get("audio"))));
            float[] expected = ref.get("out").toFloats();
            assertArrayEquals(new long[] {1, 20, 225}, out.get(0).shape());
            float worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - out.get(0).data()[i]));
            }
            assertTrue(worst < 1e-6, engine + " differs from torch by " + worst);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet", "OnnxRuntime"})
    void aMissingOrCorruptModelFileIsAnErrorNamingTheFile(String engine, @TempDir Path tmp) throws IOException {
        ModelBackend b = backend(engine);
        IOException missing = assertThrows(IOException.class, () -> b.load(tmp.resolve("nothing.pt"), "cpu"));
        assertTrue(missing.getMessage().contains("nothing.pt"), missing.getMessage());
        Path junk = tmp.resolve(engine.equals("OnnxRuntime") ? "junk.onnx" : engine.equals("MXNet") ? "junk-symbol.json" : "junk.pt");
        Files.writeString(junk, "this is not a model");
        IOException corrupt = assertThrows(IOException.class, () -> b.load(junk, "cpu"));
        assertTrue(corrupt.getMessage().contains(junk.getFileName().toString()), corrupt.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void aGpuAskedForOnAMachineWithoutOneFallsBackToTheCpu(String engine) throws IOException {
        ModelBackend b = backend(engine);
        if (b.devices().stream().anyMatch(d -> d.startsWith("gpu"))) {
            return; // the fallback is only observable without a GPU
        }
        try (var n = b.network(org.choreolab.model.fact.internal.FactModel.CODE, FactTesting.TINY.toOptions(), "gpu")) {
            assertTrue(n.device().startsWith("cpu"), n.device());
        }
        assertThrows(IllegalArgumentException.class, () -> b.network(org.choreolab.model.fact.internal.FactModel.CODE,
                FactTesting.TINY.toOptions(), "tpu"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OnnxRuntime"})
    void anEngineThatCannotBuildBlocksSaysSo(String engine) {
        IOException e = assertThrows(IOException.class, () -> backend(engine).network(
                org.choreolab.model.fact.internal.FactModel.CODE, FactTesting.TINY.toOptions(), "cpu"));
        assertTrue(e.getMessage().contains("PyTorch or MXNet"), e.getMessage());
    }

    static Tensor tensor(NdArray a) {
        long[] shape = new long[a.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = a.shape()[i];
        }
        return new Tensor(shape, a.toFloats());
    }
}
