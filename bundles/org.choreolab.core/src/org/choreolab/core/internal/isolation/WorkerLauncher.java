package org.choreolab.core.internal.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a worker process is started: the command line that connects back to {@code socket}.
 * {@link #product()} starts the product itself, headless, through its launcher script (so the worker
 * has the same bundles, dropins, state and JDK as its parent), with the worker's own heap limit.
 */
@FunctionalInterface
public interface WorkerLauncher {

    /** The system property the product's launcher script sets to its own path. */
    String LAUNCHER_PROPERTY = "choreolab.launcher";

    /** The worker's heap limit ({@code -Xmx}): {@value #DEFAULT_HEAP} unless this property says otherwise. */
    String HEAP_PROPERTY = "choreolab.worker.heap";

    String DEFAULT_HEAP = "2g";

    /**
     * A process builder for a worker that will connect to {@code socket} and say {@code token}.
     *
     * @param label     what the worker runs (a bundle), for the process's name and messages
     * @param heap      the {@code -Xmx} value
     * @param errorFile where the JVM writes its report if the worker crashes ({@code -XX:ErrorFile})
     */
    ProcessBuilder command(Path socket, String token, String label, String heap, String errorFile);

    /** The heap limit a worker gets. */
    static String heap() {
        String h = System.getProperty(HEAP_PROPERTY, DEFAULT_HEAP).trim().toLowerCase(Locale.ROOT);
        if (!h.matches("\\d+[kmg]?")) {
            throw new IllegalArgumentException("-D" + HEAP_PROPERTY + ": expected a size such as 512m or 4g, got '" + h + "'");
        }
        return h;
    }

    /** Megabytes in a heap size such as {@code 2g}. */
    static long megabytes(String heap) {
        long n = Long.parseLong(heap.replaceAll("[kmg]$", ""));
        return heap.endsWith("g") ? n << 10 : heap.endsWith("m") ? n : heap.endsWith("k") ? n >> 10 : n >> 20;
    }

    /**
     * The JVM options every worker gets after its parent's {@code CHOREOLAB_JAVA_OPTS}: its heap limit,
     * ending at the first OutOfMemoryError (its state is unknown then; the parent reports it and starts
     * a fresh worker), the crash report where the parent looks for it, no core dump, and no isolation
     * of its own.
     */
    static List<String> jvmOptions(String heap, String errorFile) {
        return List.of("-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-XX:ErrorFile=" + errorFile,
                "-XX:-CreateCoredumpOnCrash", "-D" + Isolation.PROPERTY + "=none");
    }

    /** The product's launcher script ({@code -Dchoreolab.launcher}), or null when started otherwise. */
    static WorkerLauncher product() {
        String script = System.getProperty(LAUNCHER_PROPERTY);
        if (script == null || script.isBlank() || !Files.isRegularFile(Path.of(script))) {
            return null;
        }
        return (socket, token, label, heap, errorFile) -> {
            List<String> cmd = new ArrayList<>();
            if (!Files.isExecutable(Path.of(script))) {
                cmd.add("/bin/sh");
            }
            cmd.add(script);
            cmd.addAll(List.of("worker", "--socket", socket.toString(), "--token", token, "--label", label));
            ProcessBuilder pb = new ProcessBuilder(cmd);
            String parent = System.getenv("CHOREOLAB_JAVA_OPTS");
            pb.environment().put("CHOREOLAB_JAVA_OPTS", (parent == null ? "" : parent + " ") + String.join(" ", jvmOptions(heap, errorFile)));
            return pb;
        };
    }
}
