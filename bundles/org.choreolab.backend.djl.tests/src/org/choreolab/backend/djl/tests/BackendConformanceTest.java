package org.choreolab.backend.djl.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.api.model.LoadedModel;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.Tensor;
import org.choreolab.backend.djl.tests.network.TinyNetworkFactory;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npz;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * What every {@link ModelBackend} must do, run against each engine bundle (as DJL runs its
 * integration suite against every engine), on a tiny network of the suite's own. The exported model
 * and its expected output come from Debian's python3-torch (examples/torchscript-bundle/model/export.py),
 * not from our code. Checks that need a machine without a GPU are skipped, visibly, where one is present.
 */
class BackendConformanceTest {

    private static final float[] INPUT = {0.5f, -1f, 2f, 0.25f};

    @Test
    void everyInstalledEngineIsInTheSuite() throws InvalidSyntaxException {
        BundleContext bc = FrameworkUtil.getBundle(getClass()).getBundleContext();
        for (String engine : Engines.ALL) {
            Engines.backend(engine); // waits until DS has registered them all
        }
        List<String> installed = new ArrayList<>();
        for (ServiceReference<ModelBackend> r : bc.getServiceReferences(ModelBackend.class, null)) {
            installed.add(String.valueOf(r.getProperty("choreolab.engine")));
        }
        assertTrue(Engines.ALL.containsAll(installed), "installed engines " + installed + ", suite runs " + Engines.ALL);
    }

    @ParameterizedTest
    @MethodSource("org.choreolab.backend.djl.tests.Engines#all")
    void describesItselfAndOffersTheCpu(String engine) {
        ModelBackend b = Engines.backend(engine);
        assertEquals(engine, b.engine());
        assertTrue(b.engineVersion().matches("\\d+\\.\\d+.*"), b.engineVersion());
        assertTrue(b.devices().contains("cpu"), b.devices().toString());
        assertFalse(b.id().isBlank());
    }

    @ParameterizedTest
    @MethodSource("org.choreolab.backend.djl.tests.Engines#runningTorchExports")
    void runsTheModelExportedByPythonAsPythonDid(String engine) throws IOException {
        Path dir = Reference.repositoryFile("examples/torchscript-bundle/model");
        Map<String, NdArray> ref = Npz.read(dir.resolve("reference-io.npz"));
        Path file = dir.resolve(engine.equals("PyTorch") ? "hold-and-sway.pt" : "hold-and-sway.onnx");
        try (LoadedModel m = Engines.backend(engine).load(file, "auto")) {
            // "auto" takes a GPU where there is one, the CPU otherwise
            assertTrue(m.device().startsWith(hasGpu(Engines.backend(engine)) ? "gpu" : "cpu"), m.device());
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
    @MethodSource("org.choreolab.backend.djl.tests.Engines#all")
    void aMissingOrCorruptModelFileIsAnErrorNamingTheFile(String engine, @TempDir Path tmp) throws IOException {
        ModelBackend b = Engines.backend(engine);
        IOException missing = assertThrows(IOException.class, () -> b.load(tmp.resolve("nothing.pt"), "cpu"));
        assertTrue(missing.getMessage().contains("nothing.pt"), missing.getMessage());
        Path junk = tmp.resolve(engine.equals("OnnxRuntime") ? "junk.onnx" : engine.equals("MXNet") ? "junk-symbol.json" : "junk.pt");
        Files.writeString(junk, "this is not a model");
        IOException corrupt = assertThrows(IOException.class, () -> b.load(junk, "cpu"));
        assertTrue(corrupt.getMessage().contains(junk.getFileName().toString()), corrupt.getMessage());
    }

    @ParameterizedTest
    @MethodSource("org.choreolab.backend.djl.tests.Engines#building")
    void aGpuAskedForOnAMachineWithoutOneFallsBackToTheCpu(String engine) throws IOException {
        ModelBackend b = Engines.backend(engine);
        assumeFalse(hasGpu(b), () -> engine + " sees " + b.devices() + ": the fallback to the CPU is only observable without a GPU");
        try (Network n = b.network(Engines.TINY, Engines.tiny(0), "gpu")) {
            assertTrue(n.device().startsWith("cpu"), n.device());
        }
        assertThrows(IllegalArgumentException.class, () -> b.network(Engines.TINY, Engines.tiny(0), "tpu"));
    }

    @ParameterizedTest
    @MethodSource("org.choreolab.backend.djl.tests.Engines#building")
    void buildsTheNetworkWithTheShapesItDeclaresAndSeededParameters(String engine) throws IOException {
        ModelBackend b = Engines.backend(engine);
        try (Network n = b.network(Engines.TINY, Engines.tiny(0), "cpu");
                Network same = b.network(Engines.TINY, Engines.tiny(0), "cpu");
                Network other = b.network(Engines.TINY, Engines.tiny(1), "cpu")) {
            assertEquals(1, n.inputShapes().size());
            assertArrayEquals(new long[] {1, TinyNetworkFactory.INPUTS}, n.inputShapes().get(0));
            // 4x8 weights + 8 biases, then 8x3 weights + 3 biases
            assertEquals(4 * 8 + 8 + 8 * 3 + 3, n.parameterCount());
            float[] y = predict(n);
            assertEquals(TinyNetworkFactory.OUTPUTS, y.length);
            for (float v : y) {
                assertTrue(Float.isFinite(v), engine + " predicted " + v);
            }
            assertArrayEquals(y, predict(same), engine + ": the same seed must give the same parameters");
            assertFalse(java.util.Arrays.equals(y, predict(other)), engine + ": seeds 0 and 1 gave the same parameters");
        }
    }

    @ParameterizedTest
    @MethodSource("org.choreolab.backend.djl.tests.Engines#building")
    void parametersSavedLoadIntoAFreshNetworkAndBadFilesAreNamed(String engine, @TempDir Path tmp) throws IOException {
        ModelBackend b = Engines.backend(engine);
        Path params = tmp.resolve("tiny.params");
        float[] saved;
        try (Network n = b.network(Engines.TINY, Engines.tiny(3), "cpu")) {
            saved = predict(n);
            n.saveParameters(params);
        }
        try (Network fresh = b.network(Engines.TINY, Engines.tiny(4), "cpu")) {
            assertNotEquals(saved[0], predict(fresh)[0], engine + ": seeds 3 and 4 gave the same parameters");
            fresh.loadParameters(params);
            assertArrayEquals(saved, predict(fresh), engine + ": outputs after loading " + params.getFileName());

            IOException missing = assertThrows(IOException.class, () -> fresh.loadParameters(tmp.resolve("none.params")));
            assertTrue(missing.getMessage().contains("none.params"), missing.getMessage());
            Path cut = tmp.resolve("cut.params");
            byte[] all = Files.readAllBytes(params);
            Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
            IOException truncated = assertThrows(IOException.class, () -> fresh.loadParameters(cut));
            assertTrue(truncated.getMessage().contains("cut.params"), truncated.getMessage());
        }
        try (Network deeper = b.network(Engines.TINY, Map.of("width", "8", "hidden", "2", "seed", "0"), "cpu")) {
            IOException misfit = assertThrows(IOException.class, () -> deeper.loadParameters(params));
            assertTrue(misfit.getMessage().contains("tiny.params"), misfit.getMessage());
        }
        // the same layers at another width: every name matches, only the shapes tell
        try (Network wider = b.network(Engines.TINY, Map.of("width", "6", "seed", "0"), "cpu")) {
            IOException misfit = assertThrows(IOException.class, () -> wider.loadParameters(params));
            assertTrue(misfit.getMessage().contains("tiny.params") && misfit.getMessage().contains("(8, 4)") && misfit.getMessage().contains("(6, 4)")
                    && misfit.getMessage().contains("another shape"), misfit.getMessage());
        }
    }

    /** The parameter file is DJL's, the same on every engine (see {@link Network}). */
    @Test
    void parametersTrainedOnOneEngineLoadOnTheOther(@TempDir Path tmp) throws IOException {
        Path params = tmp.resolve("tiny.params");
        float[] onTorch;
        try (Network n = Engines.backend("PyTorch").network(Engines.TINY, Engines.tiny(5), "cpu")) {
            onTorch = predict(n);
            n.saveParameters(params);
        }
        try (Network n = Engines.backend("MXNet").network(Engines.TINY, Engines.tiny(6), "cpu")) {
            n.loadParameters(params);
            float[] onMxnet = predict(n);
            for (int i = 0; i < onTorch.length; i++) {
                assertEquals(onTorch[i], onMxnet[i], 1e-5, "output " + i + " on MXNet vs PyTorch");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.choreolab.backend.djl.tests.Engines#notBuilding")
    void anEngineThatCannotBuildBlocksSaysSo(String engine) {
        IOException e = assertThrows(IOException.class, () -> Engines.backend(engine).network(Engines.TINY, Engines.tiny(0), "cpu"));
        assertTrue(e.getMessage().contains("PyTorch or MXNet"), e.getMessage());
    }

    private static boolean hasGpu(ModelBackend b) {
        return b.devices().stream().anyMatch(d -> d.startsWith("gpu"));
    }

    private static float[] predict(Network n) throws IOException {
        return n.predict(List.of(new Tensor(new long[] {1, TinyNetworkFactory.INPUTS}, INPUT.clone()))).get(0).data();
    }

    static Tensor tensor(NdArray a) {
        long[] shape = new long[a.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = a.shape()[i];
        }
        return new Tensor(shape, a.toFloats());
    }
}
