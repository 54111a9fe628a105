package org.choreolab.core.internal.isolation;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.model.MusicSource;
import org.choreolab.api.motion.MotionClip;

/**
 * The worker's side: connects to the parent's socket, says hello, then runs one generation request at
 * a time on a thread of its own while it keeps reading (cancellations, music the generator asked
 * for), and sends the generator's progress a few times a second. Returns when the parent says bye or
 * goes away.
 */
public final class WorkerServer {

    /** Finds a generator by id (waiting a little for it to be registered). */
    @FunctionalInterface
    public interface Generators {
        MotionGenerator find(String id) throws IOException;
    }

    /** Opens a dataset from its folder. */
    @FunctionalInterface
    public interface Datasets {
        Dataset open(String root, String name) throws IOException;
    }

    private static final long PROGRESS_MILLIS = 250;

    private final Generators generators;
    private final Datasets datasets;
    private final Map<String, Dataset> open = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Object[]>> music = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Job job;
    private Wire.Out out;

    public WorkerServer(Generators generators, Datasets datasets) {
        this.generators = generators;
        this.datasets = datasets;
    }

    /** Serves the parent listening on {@code socket} until it says bye or closes the connection. */
    public void serve(Path socket, String token) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            out = new Wire.Out(Wire.output(ch));
            Wire.In in = new Wire.In(Wire.input(ch));
            out.hello(token, ProcessHandle.current().pid());
            while (true) {
                int tag = in.tag();
                switch (tag) {
                    case Wire.GENERATE -> start(in.generate());
                    case Wire.CANCEL -> {
                        int req = in.integer();
                        Job j = job;
                        if (j != null && j.g.req() == req) {
                            j.progress.canceled = true;
                        }
                    }
                    case Wire.MUSIC -> {
                        Object[] m = in.music();
                        CompletableFuture<Object[]> f = music.remove((Integer) m[0]);
                        if (f != null) {
                            f.complete(m);
                        }
                    }
                    case Wire.BYE, -1 -> {
                        Job j = job;
                        if (j != null) {
                            j.progress.canceled = true;
                        }
                        music.values().forEach(f -> f.complete(new Object[] {0, null, "the parent process went away"}));
                        return;
                    }
                    default -> throw new IOException("unexpected message " + tag + " from the parent process");
                }
            }
        } finally {
            open.values().forEach(Dataset::close);
        }
    }

    private void start(Wire.Generate g) throws IOException {
        if (job != null) {
            out.failed(g.req(), false, "the worker process is still busy with another sequence");
            return;
        }
        Job j = new Job(g);
        job = j;
        Thread t = new Thread(j, "choreolab-worker-" + g.generator());
        t.setDaemon(true);
        t.start();
    }

    /** One request: runs the generator, then sends its clip or why not. */
    private final class Job implements Runnable {
        final Wire.Generate g;
        final Progress progress = new Progress();

        Job(Wire.Generate g) {
            this.g = g;
        }

        @Override
        public void run() {
            Thread reporter = new Thread(this::report, "choreolab-worker-progress");
            reporter.setDaemon(true);
            reporter.start();
            try {
                MotionGenerator generator = generators.find(g.generator());
                Dataset dataset = dataset();
                MusicSource source = g.musicSource() ? this::musicOf : null;
                GenerationRequest r = new GenerationRequest(dataset, g.target(), g.music(), g.seedMotion(), g.frames(), g.fps(),
                        g.seed(), g.device(), g.parameters(), source);
                MotionClip clip = generator.generate(r, progress);
                finish(() -> out.result(g.req(), clip));
            } catch (Throwable e) {
                // Anything the generator throws is its failure for this sequence; the worker goes on.
                finish(() -> out.failed(g.req(), progress.canceled, message(e)));
            } finally {
                reporter.interrupt();
            }
        }

        private Dataset dataset() throws IOException {
            Dataset d = open.get(g.datasetRoot());
            if (d == null) {
                try {
                    d = datasets.open(g.datasetRoot(), g.datasetName());
                } catch (IOException | RuntimeException e) {
                    throw new IOException("its worker process cannot open the dataset " + g.datasetName() + " (" + g.datasetRoot()
                            + "): " + message(e) + "; an isolated generator needs a dataset folder that a reader of this product opens", e);
                }
                open.put(g.datasetRoot(), d);
            }
            return d;
        }

        /** Another sequence's music features, asked of the parent (which answers from its shared cache). */
        private AudioFeatures musicOf(Sequence s) throws IOException {
            int call = calls.incrementAndGet();
            CompletableFuture<Object[]> f = new CompletableFuture<>();
            music.put(call, f);
            out.needMusic(g.req(), call, s);
            try {
                while (true) {
                    try {
                        Object[] m = f.get(200, TimeUnit.MILLISECONDS);
                        if (m[1] == null) {
                            throw new IOException((String) m[2]);
                        }
                        return (AudioFeatures) m[1];
                    } catch (TimeoutException e) {
                        if (progress.canceled) {
                            throw new IOException("canceled");
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            } catch (ExecutionException e) {
                throw new IOException(message(e.getCause()));
            } finally {
                music.remove(call);
            }
        }

        private void report() {
            String sent = "";
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(PROGRESS_MILLIS);
                    String now = progress.done + "/" + progress.total + "/" + progress.text;
                    if (!now.equals(sent)) {
                        out.progress(g.req(), progress.done, progress.total, progress.text);
                        sent = now;
                    }
                }
            } catch (InterruptedException | IOException e) {
                // Done, or the parent is gone (the reading loop ends the worker then).
            }
        }

        private void finish(IoAction send) {
            job = null;
            try {
                send.run();
            } catch (IOException e) {
                // The parent is gone; the reading loop sees it too.
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /** The generator's monitor: records frames and status for the reporter; cancelled by the parent. */
    private static final class Progress extends org.choreolab.core.internal.RecordingProgress {
    }

    /** The same wording as an in-process failure: the message, or the exception's name. */
    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
