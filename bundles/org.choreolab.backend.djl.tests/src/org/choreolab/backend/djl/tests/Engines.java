package org.choreolab.backend.djl.tests;

import java.util.List;
import java.util.Map;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.NetworkCode;
import org.choreolab.testing.Services;
import org.osgi.framework.FrameworkUtil;

/**
 * The engines the suite runs against and the network it builds on them. The engine lists are the
 * parameter sources of {@link BackendConformanceTest}; {@code everyInstalledEngineIsInTheSuite}
 * fails when an engine bundle is added without being listed here.
 */
public final class Engines {

    /** Every engine bundle the build ships. */
    public static final List<String> ALL = List.of("PyTorch", "MXNet", "OnnxRuntime");

    /** The engines that build and train networks from DJL blocks. */
    public static final List<String> BUILDING = List.of("PyTorch", "MXNet");

    /** The engines that run a model exported by Python's torch (TorchScript or ONNX). */
    public static final List<String> RUNNING_TORCH_EXPORTS = List.of("PyTorch", "OnnxRuntime");

    /** The suite's own network (see {@link org.choreolab.backend.djl.tests.network.TinyNetworkFactory}), named, never loaded here. */
    public static final NetworkCode TINY = new NetworkCode(Engines.class.getClassLoader(),
            "org.choreolab.backend.djl.tests.network.TinyNetworkFactory");

    private Engines() {
    }

    static List<String> all() {
        return ALL;
    }

    static List<String> building() {
        return BUILDING;
    }

    static List<String> notBuilding() {
        return ALL.stream().filter(e -> !BUILDING.contains(e)).toList();
    }

    static List<String> runningTorchExports() {
        return RUNNING_TORCH_EXPORTS;
    }

    /** The backend registered for an engine, waiting for Declarative Services to register it. */
    public static ModelBackend backend(String engine) {
        return Services.await(FrameworkUtil.getBundle(Engines.class).getBundleContext(), ModelBackend.class,
                "(choreolab.engine=" + engine + ")");
    }

    static Map<String, String> tiny(int seed) {
        return Map.of("width", "8", "seed", Integer.toString(seed));
    }
}
