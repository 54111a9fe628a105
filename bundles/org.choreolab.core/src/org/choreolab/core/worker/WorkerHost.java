package org.choreolab.core.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Datasets;
import org.choreolab.core.internal.isolation.WorkerServer;

/**
 * The worker process's side of generator isolation, for the command line's hidden {@code worker}
 * command: serves the Choreolab process that started it, over the Unix domain socket it was given,
 * with the generators of this framework and datasets opened from their folders. Platform-internal
 * (exported to the command line only).
 */
public final class WorkerHost {

    /** How long a generator may take to be registered after the worker started (its bundle starting). */
    private static final long GENERATOR_WAIT_MS = 30_000;

    private WorkerHost() {
    }

    /** Serves until the parent says bye or goes away. */
    public static void serve(ComponentRegistry registry, Path socket, String token) throws IOException {
        new WorkerServer(id -> find(registry, id), (root, name) -> {
            if (root == null) {
                throw new IOException("the request names no dataset folder");
            }
            return Datasets.open(registry, root, false);
        }).serve(socket, token);
    }

    private static MotionGenerator find(ComponentRegistry registry, String id) throws IOException {
        long deadline = System.nanoTime() + GENERATOR_WAIT_MS * 1_000_000;
        while (true) {
            var g = registry.find(MotionGenerator.class, id);
            if (g.isPresent()) {
                return g.get();
            }
            if (System.nanoTime() - deadline > 0) {
                List<String> installed = registry.services(MotionGenerator.class).stream().map(MotionGenerator::id).toList();
                throw new IOException("its worker process has no generator '" + id + "' (installed there: " + installed
                        + "); was its bundle removed from dropins/?");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }
}
