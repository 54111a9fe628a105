package org.choreolab.backend.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.choreolab.api.model.LoadedModel;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.NetworkCode;
import org.choreolab.api.model.NetworkFactory;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * A {@link ModelBackend} on one DJL engine. This source is compiled into every engine bundle, each
 * of which embeds its own DJL: an engine bundle exports nothing, so engines never see each other.
 * Every DJL call runs with the bundle's loader as the thread context class loader, because DJL finds
 * its engine with {@link java.util.ServiceLoader} through it.
 */
public abstract class DjlBackend implements ModelBackend {

    private final String engineName;
    private final String nativeVersion;
    private volatile Engine engine;
    private volatile EngineThreads.Choice threads;

    /** @param nativeVersion the version of the native library the bundle embeds, known without loading it */
    protected DjlBackend(String engineName, String nativeVersion) {
        this.engineName = engineName;
        this.nativeVersion = nativeVersion;
        publishAutomaticThreads();
    }

    /** What the engines would run with if no count is asked for, for run records (reads /proc, loads nothing). */
    private static void publishAutomaticThreads() {
        try {
            if (System.getProperty(EngineThreads.AUTO_PROPERTY) == null) {
                System.setProperty(EngineThreads.AUTO_PROPERTY, EngineThreads.choose(null, System.getenv(EngineThreads.ENV),
                        System.getenv("OMP_NUM_THREADS"), CpuBudget::detect).toString());
            }
        } catch (RuntimeException e) {
            System.setProperty(EngineThreads.AUTO_PROPERTY, "? (" + e.getMessage() + ")");
        }
    }

    /** DJL must never reach the network and must keep its natives in our cache, not in ~/.djl.ai. */
    protected static void configureDjl() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        String cache = System.getProperty("choreolab.cache");
        Path dir = cache != null ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".choreolab", "cache");
        setIfAbsent("DJL_CACHE_DIR", dir.resolve("djl").toString());
        setIfAbsent("ENGINE_CACHE_DIR", dir.resolve("djl").toString());
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }

    @Override
    public String id() {
        return engineName.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String name() {
        return "DJL " + engineName;
    }

    @Override
    public String description() {
        // Describing touches no DJL class: that would load the engine (seconds), and outside call()
        // DJL's static initializer would look for engines through the wrong context class loader.
        return "Deep Java Library with " + engineName + " " + nativeVersion
                + " (CPU natives; a GPU is used when the engine's CUDA natives are added)";
    }

    @Override
    public String engine() {
        return engineName;
    }

    @Override
    public String engineVersion() {
        Engine e = engine;
        return e == null ? nativeVersion : withEngine(e::getVersion);
    }

    @Override
    public List<String> devices() {
        List<String> out = new ArrayList<>();
        out.add("cpu");
        for (int i = 0; i < gpuCount(); i++) {
            out.add("gpu" + i);
        }
        return out;
    }

    int gpuCount() {
        return withEngine(() -> djlEngine().getGpuCount());
    }

    /** The engine, loaded on first use (natives are extracted to the cache once per machine). */
    protected Engine djlEngine() {
        Engine e = engine;
        if (e == null) {
            synchronized (this) {
                if (engine == null) {
                    configureDjl();
                    EngineThreads.Choice t = configureThreads();
                    Engine loaded = withEngine(() -> Engine.getEngine(engineName));
                    withEngine(() -> {
                        started(loaded);
                        return null;
                    });
                    engine = loaded;
                    threads = t;
                    String effect = withEngine(() -> threadsInEffect(t.threads()));
                    if (concurrentCalls > 1) {
                        effect += (effect.isEmpty() ? "" : ", ") + concurrentCalls + " calls at once";
                    }
                    System.setProperty(EngineThreads.IN_EFFECT_PREFIX + engineName, t + (effect.isEmpty() ? "" : "; " + effect));
                }
                e = engine;
            }
        }
        return e;
    }

    /**
     * Chooses the thread count and puts it where the natives read it before they load: DJL's
     * properties ({@link #configureThreads(int, boolean)}) and the C environment (OpenMP, BLAS, the
     * engine's own variables: {@link #nativeEnvironment(int)}).
     */
    private EngineThreads.Choice configureThreads() {
        EngineThreads.Choice t = EngineThreads.choose();
        int n = nativeThreads(t);
        for (String problem : EngineThreads.export(EngineThreads.nativeEnvironment(n, nativeEnvironment(n)), t.explicit())) {
            System.err.println("choreolab: " + engineName + ": " + problem);
        }
        configureThreads(n, t.explicit());
        concurrentCalls = concurrentCallsSafe() ? Math.max(1, t.threads() / n) : 1;
        return n == t.threads() ? t
                : new EngineThreads.Choice(n, engineName + "'s default, of the " + t.threads() + " chosen (" + t.reason() + ")", t.explicit());
    }

    /** See {@link org.choreolab.api.model.LoadedModel#concurrentCalls()}; set when the engine loads. */
    private volatile int concurrentCalls = 1;

    /**
     * How many predictions may run at once on the CPU: the thread budget chosen for this process (CPUs,
     * or --threads) over the threads one call takes ({@link #nativeThreads}). MXNet takes one thread a
     * call, so on two CPUs two calls run side by side, each on its own core (FACT small: MXNet generates
     * the sample's test split in 41 s instead of 70 s); PyTorch takes the whole budget in one call.
     */
    int concurrentCalls() {
        djlEngine();
        return concurrentCalls;
    }

    /** Whether the engine may be called from several threads at once (after its environment is set). */
    protected boolean concurrentCallsSafe() {
        return true;
    }

    /** The threads this engine's natives get for the platform's choice: the choice, unless the engine does better with fewer. */
    protected int nativeThreads(EngineThreads.Choice t) {
        return t.threads();
    }

    /** The threads this engine runs with, once loaded; {@code null} before. */
    public EngineThreads.Choice threads() {
        return threads;
    }

    /** Called once, right after the engine loaded and before any network uses it. */
    protected void started(Engine loaded) {
    }

    /** This engine's own variables for its natives, beside OpenMP's and BLAS's. */
    protected Map<String, String> nativeEnvironment(int threads) {
        return Map.of();
    }

    /** Sets this engine's DJL properties for {@code threads}, before DJL loads it. */
    protected void configureThreads(int threads, boolean explicit) {
    }

    /** What the loaded engine reports about its threads, for the record ("" when it reports nothing). */
    protected String threadsInEffect(int threads) {
        return "";
    }

    /** Options for loading an exported model with {@code threads} threads ({@code null}: the engine's defaults). */
    protected Map<String, ?> loadOptions(int threads) {
        return null;
    }

    /**
     * The device for a request: {@code cpu}, {@code gpu}/{@code gpuN}, or {@code auto} (a GPU when
     * there is one). Asking for a GPU on a machine without one falls back to the CPU with one line.
     */
    Device device(String wanted) {
        String w = wanted == null ? "auto" : wanted.trim().toLowerCase(java.util.Locale.ROOT);
        int gpus = gpuCount();
        if (w.equals("cpu")) {
            return Device.cpu();
        }
        if (w.equals("auto") || w.startsWith("gpu")) {
            int index = w.startsWith("gpu") && w.length() > 3 ? Integer.parseInt(w.substring(3)) : 0;
            if (index < gpus) {
                return Device.gpu(index);
            }
            if (w.startsWith("gpu")) {
                System.err.println("choreolab: " + engineName + " sees " + gpus + " GPU(s); " + w + " not available, running on the CPU");
            }
            return Device.cpu();
        }
        throw new IllegalArgumentException("device: expected cpu, gpu, gpuN or auto, got '" + wanted + "'");
    }

    @Override
    public LoadedModel load(Path modelFile, String device) throws IOException {
        if (!Files.isRegularFile(modelFile)) {
            throw new IOException(modelFile + ": no such model file");
        }
        return call(() -> {
            Device d = device(device);
            Model model = Model.newInstance(modelFile.getFileName().toString(), d, engineName);
            try {
                model.load(modelFile, null, loadOptions(threads.threads()));
            } catch (Exception e) {
                model.close();
                throw new IOException(modelFile + ": " + engineName + " cannot load it: " + e.getMessage(), e);
            }
            return new DjlLoadedModel(this, model);
        });
    }

    @Override
    public Network network(NetworkCode code, Map<String, String> options, String device) throws IOException {
        return call(() -> {
            NetworkClassLoader loader = new NetworkClassLoader(code.source(), getClass().getClassLoader());
            NetworkFactory factory;
            try {
                factory = (NetworkFactory) loader.loadClass(code.factoryClass()).getConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IOException(code.factoryClass() + ": not a NetworkFactory with a public no-argument constructor: " + e, e);
            }
            Object made = factory.create(options);
            if (!(made instanceof Block block)) {
                throw new IOException(code.factoryClass() + ".create: expected an ai.djl.nn.Block of this engine's DJL, got "
                        + (made == null ? "null" : made.getClass().getName()));
            }
            List<long[]> shapes = factory.inputShapes(options);
            Shape[] input = shapes.stream().map(Shape::new).toArray(Shape[]::new);
            Device d = device(device);
            djlEngine().setRandomSeed(Integer.parseInt(options.getOrDefault("seed", "0")));
            Model model = Model.newInstance(code.factoryClass(), d, engineName);
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, input);
            return new DjlNetwork(this, model, input);
        });
    }

    /** Runs DJL code with this bundle's loader as the context class loader; unwraps checked exceptions. */
    <T> T call(Callable<T> work) throws IOException {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(getClass().getClassLoader());
        try {
            return work.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    <T> T withEngine(Callable<T> work) {
        try {
            return call(work);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
