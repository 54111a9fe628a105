package org.choreolab.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.choreolab.core.worker.WorkerHost;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The hidden {@code worker} command: this process runs generators for the Choreolab process that
 * started it (generator isolation, see {@code org.choreolab.core.internal.isolation}). Started by
 * that process through the launcher script; not for direct use.
 */
@Command(name = "worker", hidden = true, description = "Runs generators for the Choreolab process that started it (internal).")
final class WorkerCommand implements Callable<Integer> {

    /** After the parent is gone, how long the framework may take to shut down before the JVM is ended anyway. */
    private static final long SHUTDOWN_GRACE_MS = 10_000;

    private final Services services;

    @Option(names = "--socket", required = true, paramLabel = "PATH", description = "The parent's Unix domain socket.")
    Path socket;

    @Option(names = "--token", required = true, description = "What to say to the parent, so it knows this is its worker.")
    String token;

    @Option(names = "--label", description = "What this worker runs (shown in process lists).")
    String label;

    WorkerCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        try {
            WorkerHost.serve(services.registry(), socket, token);
        } finally {
            // A generator stuck in native code (or a bundle that will not stop) must not keep an orphaned
            // worker alive once its parent is gone: the platform, not a third party, ends it.
            Thread reaper = new Thread(() -> {
                try {
                    Thread.sleep(SHUTDOWN_GRACE_MS);
                } catch (InterruptedException e) {
                    return;
                }
                Runtime.getRuntime().halt(0);
            }, "choreolab-worker-reaper");
            reaper.setDaemon(true);
            reaper.start();
        }
        return 0;
    }
}
