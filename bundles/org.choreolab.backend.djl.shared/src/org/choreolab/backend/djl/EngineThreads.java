package org.choreolab.backend.djl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines' thread pools, chosen once per process before the first engine's natives load.
 *
 * <p>Why: libtorch, MXNet (and its OpenBLAS) and ONNX Runtime size their intra-op pools from the
 * machine's core count and, between operations, keep their workers spinning. When another process
 * wants the same CPUs (a workbench beside a command-line run, Slurm tasks sharing a node, CI), a
 * spinning worker burns the time slice the thread it waits for needs, and a 2-thread pool ran 8 to 40
 * times slower instead of taking its share. So the pool is no wider than the CPUs the process may
 * use ({@link CpuBudget}) and waiting workers sleep ({@code OMP_WAIT_POLICY=PASSIVE}).
 *
 * <p>The count: {@code choreolab.threads} (the commands' {@code --threads}), else
 * {@code CHOREOLAB_THREADS}, else the user's {@code OMP_NUM_THREADS}, else the CPU budget. OpenMP
 * reads its variables when its library loads, so they are put into the process's C environment
 * (JNA's {@code setenv}; Java's own view of the environment is a copy) before the engine loads;
 * a variable the user set is left alone unless {@code --threads} overrides the count.
 */
public final class EngineThreads {

    /** Set by {@code --threads N}. */
    public static final String PROPERTY = "choreolab.threads";
    public static final String ENV = "CHOREOLAB_THREADS";
    /** What the backends would choose with no request: "N (why)". Published when a backend is created. */
    public static final String AUTO_PROPERTY = "choreolab.threads.auto";
    /** Prefix of "choreolab.threads.&lt;engine&gt;": what an engine runs with once loaded, "N (why)". */
    public static final String IN_EFFECT_PREFIX = "choreolab.threads.";

    /** @param threads at least 1 @param reason where the number came from */
    public record Choice(int threads, String reason, boolean explicit) {
        @Override
        public String toString() {
            return threads + " (" + reason + ")";
        }
    }

    private EngineThreads() {
    }

    /** The choice for this process now. */
    public static Choice choose() {
        return choose(System.getProperty(PROPERTY), System.getenv(ENV), System.getenv("OMP_NUM_THREADS"), CpuBudget::detect);
    }

    static Choice choose(String property, String env, String omp, java.util.function.Supplier<CpuBudget> budget) {
        if (property != null && !property.isBlank() && !property.trim().equalsIgnoreCase("auto")) {
            return new Choice(count("--threads", property), "--threads", true);
        }
        if (env != null && !env.isBlank() && !env.trim().equalsIgnoreCase("auto")) {
            return new Choice(count(ENV, env), ENV, true);
        }
        if (omp != null && !omp.isBlank()) {
            // OMP_NUM_THREADS may be a list ("4,2" for nested levels): the first level is ours
            return new Choice(count("OMP_NUM_THREADS", omp.split(",")[0]), "OMP_NUM_THREADS", false);
        }
        CpuBudget b = budget.get();
        return new Choice(b.cpus(), b.reason(), false);
    }

    static int count(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": expected a whole number of threads (1 or more) or 'auto', got '" + value.trim() + "'");
    }

    /**
     * The C environment an engine's natives read when they load, for {@code threads} threads:
     * OpenMP (libtorch's and MXNet's libgomp, and the Intel runtime's KMP_ variable should an engine's
     * natives bring it), OpenBLAS (MXNet's BLAS) and the engine's own variables.
     */
    static Map<String, String> nativeEnvironment(int threads, Map<String, String> engineSpecific) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OMP_NUM_THREADS", Integer.toString(threads));
        // Waiting workers sleep instead of spinning: the fix for sharing CPUs with other processes.
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        env.put("KMP_BLOCKTIME", "0");
        env.put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        env.putAll(engineSpecific);
        return env;
    }

    /** Variables put (or left as the user set them) in the C environment; for reports. */
    private static final Map<String, String> APPLIED = new LinkedHashMap<>();

    /**
     * Puts {@code env} into the process's C environment: variables the user set are kept, except the
     * thread counts when the count was asked for explicitly. Returns problems, one line each (empty
     * when all went in).
     */
    static synchronized List<String> export(Map<String, String> env, boolean explicit) {
        List<String> problems = new ArrayList<>();
        LibC c;
        try {
            c = com.sun.jna.Native.load("c", LibC.class);
        } catch (Throwable e) {
            problems.add("cannot set the natives' environment (" + e + "); the launcher's variables apply");
            return problems;
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            String user = System.getenv(e.getKey());
            boolean isCount = e.getKey().endsWith("_THREADS") || e.getKey().equals("MXNET_OMP_MAX_THREADS");
            if (user != null && !(explicit && isCount)) {
                APPLIED.put(e.getKey(), user);
                continue;
            }
            if (c.setenv(e.getKey(), e.getValue(), 1) != 0) {
                problems.add("setenv " + e.getKey() + " failed");
            } else {
                APPLIED.put(e.getKey(), e.getValue());
            }
        }
        return problems;
    }

    /** The value the C environment holds for {@code name} now (what a native library loading now reads). */
    public static String nativeGetenv(String name) {
        try {
            return com.sun.jna.Native.load("c", LibC.class).getenv(name);
        } catch (Throwable e) {
            return System.getenv(name);
        }
    }

    static synchronized Map<String, String> applied() {
        return new LinkedHashMap<>(APPLIED);
    }

    /**
     * Runs {@code work} with the process's native standard error (file descriptor 2) sent to /dev/null:
     * for an engine's one-line notices that its natives print straight to the terminal, never through Java.
     * Keep {@code work} short: whatever any thread writes to standard error meanwhile is lost. When libc
     * cannot be reached, runs it as it is.
     */
    public static void withoutNativeStderr(Runnable work) {
        LibC c;
        int saved = -1;
        try {
            c = com.sun.jna.Native.load("c", LibC.class);
            int nul = c.open("/dev/null", 1 /* O_WRONLY */);
            if (nul >= 0) {
                System.err.flush();
                saved = c.dup(2);
                if (saved >= 0) {
                    c.dup2(nul, 2);
                }
                c.close(nul);
            }
        } catch (Throwable e) {
            c = null;
        }
        try {
            work.run();
        } finally {
            if (c != null && saved >= 0) {
                c.dup2(saved, 2);
                c.close(saved);
            }
        }
    }

    /** libc, through JNA (which every engine bundle carries for DJL). */
    public interface LibC extends com.sun.jna.Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);

        int open(String path, int flags);

        int dup(int fd);

        int dup2(int from, int to);

        int close(int fd);
    }
}
