package org.choreolab.core.internal.isolation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.GenerationException;
import org.choreolab.guard.ThirdParty;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Runs generators in worker processes, below the generation service: the request is prepared by the
 * service as for an in-process run (seed, music, frame rates) and checked by it afterwards; only the
 * call of {@code generate} happens in the worker. One worker per bundle and engine, started on first
 * use, kept for the next sequences, started again when it died. A generator whose worker died on
 * {@value #DEATHS_BEFORE_GIVING_UP} sequences in a row is not started again (each attempt would cost a
 * worker start) until its bundle is reinstalled.
 */
public final class Isolator implements AutoCloseable {

    static final int DEATHS_BEFORE_GIVING_UP = 3;

    /** How long a worker may take to start ({@code -Dchoreolab.worker.startSeconds}); generous, machines are shared. */
    static final String START_PROPERTY = "choreolab.worker.startSeconds";

    private final Supplier<WorkerLauncher> launcher;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private final Map<String, Object> starting = new ConcurrentHashMap<>();
    private final Map<String, Integer> deaths = new ConcurrentHashMap<>();
    private final Map<String, String> lastDeath = new ConcurrentHashMap<>();
    private final Map<MotionGenerator, Bundle> owners = new WeakHashMap<>();
    private final Thread shutdown = new Thread(this::killAll, "choreolab-worker-shutdown");
    private volatile boolean noted;

    /** Workers started through the product's launcher script. */
    public Isolator() {
        this(WorkerLauncher::product);
    }

    /** Workers started by {@code launcher} (null from the supplier: no worker can be started). */
    public Isolator(Supplier<WorkerLauncher> launcher) {
        this.launcher = launcher;
        try {
            Runtime.getRuntime().addShutdownHook(shutdown);
        } catch (IllegalStateException e) {
            // Shutting down already.
        }
    }

    /**
     * Whether {@code generator} runs in a worker under the mode in force ({@link Isolation#current()}).
     * Third-party generators run in this process, with a note on stderr once, when no worker can be
     * started (Choreolab was not started by its launcher).
     */
    public boolean isolates(MotionGenerator generator) {
        Isolation mode = Isolation.current();
        if (mode == Isolation.NONE) {
            return false;
        }
        if (mode == Isolation.ALL) {
            return true;
        }
        if (!ThirdParty.isThirdParty(owner(generator))) {
            return false;
        }
        if (launcher.get() == null) {
            if (!noted) {
                noted = true;
                System.err.println("choreolab: third-party generators run inside this process: it was not started by the "
                        + "choreolab launcher, so no worker process can be started");
            }
            return false;
        }
        return true;
    }

    /**
     * Runs {@code generator} on {@code request} in its worker, with the time-out and the caller's
     * cancellation; the caller's monitor gets the progress line and is only called on this thread.
     *
     * @return the clip as the generator returned it (null when it returned null): the service checks it
     */
    public MotionClip run(MotionGenerator generator, String backend, String gid, String sid, GenerationRequest request,
            int seconds, ProgressMonitor caller) throws GenerationException {
        Bundle owner = owner(generator);
        String label = owner == null ? generator.getClass().getName() : ThirdParty.label(owner);
        String key = (owner == null ? generator.getClass().getName() : owner.getBundleId() + "@" + owner.getLastModified())
                + "/" + backend;
        int died = deaths.getOrDefault(key, 0);
        if (died >= DEATHS_BEFORE_GIVING_UP) {
            throw fail(gid, sid, "not run: its worker process died on the last " + died + " sequences in a row (last: "
                    + lastDeath.get(key) + "); reinstall the bundle or restart Choreolab to try again");
        }
        Worker w;
        try {
            w = worker(key, label, caller);
        } catch (IOException e) {
            if (caller.isCanceled()) {
                throw new GenerationException(gid, sid, "canceled", true, e);
            }
            throw fail(gid, sid, "cannot start its worker process: " + WorkerServer.message(e));
        }
        Path root = request.dataset() == null ? null : request.dataset().root();
        Wire.Generate g = new Wire.Generate(0, gid, root == null ? null : root.toAbsolutePath().toString(),
                request.dataset() == null ? null : request.dataset().name(), request.target(), request.music(),
                request.seedMotion(), request.frames(), request.fps(), request.seed(), request.device(), request.parameters(), false);
        try {
            MotionClip clip = w.generate(g, request.musicSource(), seconds, gid + ": " + sid, caller);
            deaths.remove(key);
            return clip;
        } catch (Worker.Died e) {
            workers.remove(key, w);
            w.close();
            deaths.merge(key, 1, Integer::sum);
            lastDeath.put(key, e.getMessage());
            throw fail(gid, sid, e.getMessage());
        } catch (Worker.Stopped e) {
            if (e.killed) {
                workers.remove(key, w);
                w.close();
            }
            if (caller.isCanceled()) {
                throw new GenerationException(gid, sid, "canceled", true, null);
            }
            throw fail(gid, sid, "timed out after " + seconds + " s" + (e.killed ? " (its worker process did not stop and was ended)" : ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException(gid, sid, "interrupted", true, e);
        } catch (IOException e) {
            throw fail(gid, sid, e.getMessage());
        }
    }

    /** The live worker for {@code key}, started when there is none (one start at a time per key). */
    private Worker worker(String key, String label, ProgressMonitor caller) throws IOException {
        Worker w = workers.get(key);
        if (w != null && w.alive()) {
            return w;
        }
        synchronized (starting.computeIfAbsent(key, k -> new Object())) {
            w = workers.get(key);
            if (w != null && w.alive()) {
                return w;
            }
            if (w != null) {
                workers.remove(key, w);
                w.close();
            }
            WorkerLauncher l = launcher.get();
            if (l == null) {
                throw new IOException("Choreolab was not started by its launcher (choreolab), so no worker process can be started;"
                        + " run with --isolate none or -Dchoreolab.isolate=none");
            }
            w = Worker.start(l, label, Integer.getInteger(START_PROPERTY, 120), caller);
            if (Boolean.getBoolean("choreolab.debug")) {
                System.err.printf("choreolab: worker for %s started in %.2f s (pid %d, heap %s)%n", label, w.startSeconds, w.pid, w.heap);
            }
            workers.put(key, w);
            return w;
        }
    }

    /**
     * The bundle that registered {@code generator} (for an exported model, the model's bundle, not the
     * extender's); the bundle of its class when it is not a registered service.
     */
    private Bundle owner(MotionGenerator generator) {
        synchronized (owners) {
            if (owners.containsKey(generator)) {
                return owners.get(generator);
            }
        }
        Bundle found = null;
        Bundle self = FrameworkUtil.getBundle(Isolator.class);
        BundleContext ctx = self == null ? null : self.getBundleContext();
        if (ctx != null) {
            try {
                for (ServiceReference<MotionGenerator> r : ctx.getServiceReferences(MotionGenerator.class, null)) {
                    MotionGenerator s = ctx.getService(r);
                    try {
                        if (s == generator) {
                            found = r.getBundle();
                            break;
                        }
                    } finally {
                        if (s != null) {
                            ctx.ungetService(r);
                        }
                    }
                }
            } catch (InvalidSyntaxException | IllegalStateException e) {
                // No filter was given; a stopping framework: fall back to the class's bundle.
            }
        }
        if (found == null) {
            found = FrameworkUtil.getBundle(generator.getClass());
        }
        synchronized (owners) {
            owners.put(generator, found);
        }
        return found;
    }

    /** How many workers are running (for tests). */
    int liveWorkers() {
        return (int) workers.values().stream().filter(Worker::alive).count();
    }

    private static GenerationException fail(String gid, String sid, String reason) {
        return new GenerationException(gid, sid, reason, false, null);
    }

    private void killAll() {
        workers.values().forEach(Worker::kill);
    }

    /** Ends every worker. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException e) {
            // Shutting down: the hook runs.
        }
        workers.values().forEach(Worker::close);
        workers.clear();
    }
}
