package org.choreolab.core.internal.isolation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.MusicSource;
import org.choreolab.api.motion.MotionClip;

/**
 * One worker process, seen from Choreolab: started through a {@link WorkerLauncher}, connected by a
 * Unix domain socket in a private folder, given one request at a time. Its output (stdout and stderr
 * together) is kept, the last lines only, to say why it died.
 */
final class Worker implements AutoCloseable {

    /** Thrown when the worker process died (or stopped answering) during a request. */
    static final class Died extends IOException {
        private static final long serialVersionUID = 1L;

        Died(String reason) {
            super(reason);
        }
    }

    /** A request ended by a cancel or the time-out (the caller decides which words to use). */
    static final class Stopped extends IOException {
        private static final long serialVersionUID = 1L;
        final boolean killed;

        Stopped(boolean killed) {
            super("stopped");
            this.killed = killed;
        }
    }

    /** How long a worker may take to stop after a cancel before it is ended. */
    static final long GRACE_MILLIS = 5000;
    private static final long POLL_MILLIS = 200;
    private static final int TAIL_LINES = 80;
    private static final Pattern SIGNAL = Pattern.compile("#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\)");

    final String label;
    final String heap;
    final long pid;
    /** Seconds from starting the process to its hello. */
    final double startSeconds;

    private final Process process;
    private final SocketChannel channel;
    private final Wire.Out out;
    private final BlockingQueue<Object[]> inbox = new LinkedBlockingQueue<>();
    private final ArrayDeque<String> tail;
    private final Path dir;
    private final ReentrantLock busy = new ReentrantLock();
    private final Thread output;
    private volatile boolean dead;
    private int requests;

    private Worker(String label, String heap, Process process, SocketChannel channel, long pid, double startSeconds, Path dir,
            ArrayDeque<String> tail, Thread output) {
        this.label = label;
        this.tail = tail;
        this.output = output;
        this.heap = heap;
        this.process = process;
        this.channel = channel;
        this.out = new Wire.Out(Wire.output(channel));
        this.pid = pid;
        this.startSeconds = startSeconds;
        this.dir = dir;
    }

    /**
     * Starts a worker and waits for its hello, at most {@code startSeconds}, or until {@code caller}
     * is cancelled.
     *
     * @throws IOException why it could not be started, with the last lines it printed
     */
    static Worker start(WorkerLauncher launcher, String label, int startSeconds, ProgressMonitor caller) throws IOException {
        long t0 = System.nanoTime();
        String heap = WorkerLauncher.heap();
        Path dir = Files.createTempDirectory(socketBase(), "choreolab-worker");
        Path socket = dir.resolve("s");
        String token = HexFormat.of().formatHex(SecureRandom.getSeed(8));
        String errorFile = Path.of(System.getProperty("java.io.tmpdir")).resolve("choreolab-worker-hs_err_pid%p.log").toString();
        ArrayDeque<String> tail = new ArrayDeque<>();
        Process p = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            ProcessBuilder pb = launcher.command(socket, token, label, heap, errorFile).redirectErrorStream(true);
            p = pb.start();
            p.getOutputStream().close();
            Thread output = drain(p, tail, label);
            long deadline = t0 + TimeUnit.SECONDS.toNanos(startSeconds);
            SocketChannel ch;
            while ((ch = server.accept()) == null) {
                if (!p.isAlive()) {
                    throw new IOException("its worker process ended while starting (exit code " + p.exitValue() + ")" + last(tail));
                }
                if (caller.isCanceled()) {
                    throw new IOException("canceled while its worker process was starting");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("its worker process did not start within " + startSeconds + " s (-Dchoreolab.worker.startSeconds)"
                            + last(tail));
                }
                sleep(50);
            }
            ch.configureBlocking(true);
            Wire.In in = new Wire.In(Wire.input(ch));
            if (in.tag() != Wire.HELLO) {
                ch.close();
                throw new IOException("its worker process said something else than hello" + last(tail));
            }
            Object[] hello = in.hello();
            if (!token.equals(hello[0])) {
                ch.close();
                throw new IOException("a process that is not its worker connected to " + socket);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Worker w = new Worker(label, heap, p, ch, (Long) hello[1], seconds, dir, tail, output);
            w.readFrom(in);
            return w;
        } catch (IOException | RuntimeException e) {
            if (p != null) {
                p.destroyForcibly();
            }
            deleteQuietly(dir, socket);
            throw e;
        } finally {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                // The folder goes when the worker does.
            }
        }
    }

    /** Unix domain socket paths are short (108 bytes): a long java.io.tmpdir falls back to /tmp. */
    private static Path socketBase() {
        Path t = Path.of(System.getProperty("java.io.tmpdir"));
        return t.toAbsolutePath().toString().length() > 60 ? Path.of("/tmp") : t;
    }

    /** Keeps the last lines of the process's output (and shows them with -Dchoreolab.debug=true). */
    private static Thread drain(Process p, ArrayDeque<String> tail, String label) {
        boolean debug = Boolean.getBoolean("choreolab.debug");
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    if (debug) {
                        System.err.println("[worker " + label + "] " + line);
                    }
                    synchronized (tail) {
                        tail.addLast(line.length() > 400 ? line.substring(0, 400) + "…" : line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // The process is gone.
            }
        }, "choreolab-worker-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The reader thread: every message into the inbox; the end of the stream as {-1}. */
    private void readFrom(Wire.In in) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    int tag = in.tag();
                    Object[] m = switch (tag) {
                        case Wire.PROGRESS -> in.progress();
                        case Wire.NEED_MUSIC -> in.needMusic();
                        case Wire.RESULT -> in.result();
                        case Wire.FAILED -> in.failed();
                        case -1 -> null;
                        default -> throw new IOException("unexpected message " + tag + " from the worker");
                    };
                    if (m == null) {
                        break;
                    }
                    Object[] tagged = new Object[m.length + 1];
                    tagged[0] = tag;
                    System.arraycopy(m, 0, tagged, 1, m.length);
                    inbox.add(tagged);
                }
            } catch (IOException | RuntimeException e) {
                // A broken connection is the same as a dead worker.
            }
            dead = true;
            inbox.add(new Object[] {-1});
        }, "choreolab-worker-reader");
        t.setDaemon(true);
        t.start();
    }

    boolean alive() {
        return !dead && process.isAlive();
    }

    /**
     * Runs one request; waits for the lock when another caller is using this worker. Progress goes to
     * {@code caller} as "prefix, frames n/N[, status]" (only when it changes), the music of other
     * sequences is answered from {@code source}.
     *
     * @return the clip, or null when the generator returned null
     * @throws Died    the worker died or broke the protocol (the reason says how)
     * @throws Stopped cancelled, or past {@code seconds}
     * @throws IOException the generator's own failure (its message)
     */
    MotionClip generate(Wire.Generate request, MusicSource source, int seconds, String prefix, ProgressMonitor caller)
            throws IOException, InterruptedException {
        while (!busy.tryLock(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (caller.isCanceled()) {
                throw new Stopped(false);
            }
        }
        try {
            int req = ++requests;
            inbox.clear();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            try {
                out.generate(new Wire.Generate(req, request.generator(), request.datasetRoot(), request.datasetName(),
                        request.target(), request.music(), request.seedMotion(), request.frames(), request.fps(), request.seed(),
                        request.device(), request.parameters(), source != null));
            } catch (IOException e) {
                throw new Died(deathReason());
            }
            String shown = prefix;
            long stopSent = 0;
            while (true) {
                Object[] m = inbox.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (m != null) {
                    int tag = (Integer) m[0];
                    if (tag == -1) {
                        if (stopSent != 0) {
                            throw new Stopped(false);
                        }
                        throw new Died(deathReason());
                    }
                    if ((Integer) m[1] != req) {
                        continue; // a late message about an earlier request
                    }
                    switch (tag) {
                        case Wire.PROGRESS -> {
                            int done = (Integer) m[2], total = (Integer) m[3];
                            String text = (String) m[4];
                            String line = prefix + (done > 0 || total > 0 ? ", frames " + done + (total > 0 ? "/" + total : "") : "")
                                    + (text == null || text.isEmpty() ? "" : ", " + text);
                            if (!line.equals(shown)) {
                                caller.subTask(line);
                                shown = line;
                            }
                        }
                        case Wire.NEED_MUSIC -> answerMusic((Integer) m[2], (Sequence) m[3], source);
                        case Wire.RESULT -> {
                            if (stopSent != 0) {
                                throw new Stopped(false);
                            }
                            return (MotionClip) m[2];
                        }
                        case Wire.FAILED -> {
                            if (stopSent != 0) {
                                throw new Stopped(false);
                            }
                            throw new IOException((String) m[3]);
                        }
                        default -> {
                        }
                    }
                }
                long now = System.nanoTime();
                if (stopSent == 0 && (caller.isCanceled() || now - deadline >= 0)) {
                    stopSent = now;
                    try {
                        out.cancel(req);
                    } catch (IOException e) {
                        // Dead already: the reader says so next.
                    }
                } else if (stopSent != 0 && now - stopSent > TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS)) {
                    // It does not stop (a stuck native call): end the process; the next request starts another.
                    kill();
                    throw new Stopped(true);
                }
            }
        } finally {
            busy.unlock();
        }
    }

    private void answerMusic(int call, Sequence s, MusicSource source) {
        AudioFeatures f = null;
        String error = null;
        try {
            if (source == null) {
                error = "no music features for " + s.id() + ": the request carries none";
            } else {
                f = source.features(s);
                if (f == null) {
                    error = "no music features for " + s.id();
                }
            }
        } catch (IOException | RuntimeException e) {
            error = WorkerServer.message(e);
        }
        try {
            out.music(call, f, error);
        } catch (IOException e) {
            // The reader reports the death.
        }
    }

    /** Why the process went: out of memory, a native crash, a signal, or its exit code; with its last output. */
    String deathReason() {
        dead = true;
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
                return "its worker process stopped answering (it was ended)" + last(lines());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            output.join(2000); // its last lines of output
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int code = process.exitValue();
        List<String> lines = lines();
        if (lines.stream().anyMatch(l -> l.contains("OutOfMemoryError"))) {
            return "ran out of memory in its worker process (heap limit " + heap + "; -D" + WorkerLauncher.HEAP_PROPERTY
                    + "=SIZE in CHOREOLAB_JAVA_OPTS raises it)";
        }
        int fatal = indexOf(lines, "A fatal error has been detected by the Java Runtime Environment");
        if (fatal >= 0) {
            String signal = null, frame = null, report = null;
            for (int i = fatal; i < lines.size(); i++) {
                Matcher m = SIGNAL.matcher(lines.get(i));
                if (signal == null && m.find()) {
                    signal = m.group(1);
                }
                if (lines.get(i).startsWith("# Problematic frame:") && i + 1 < lines.size()) {
                    frame = lines.get(i + 1).replaceFirst("^#\\s*", "").replaceAll("\\s+", " ").trim();
                }
                if (lines.get(i).contains("error report file") && i + 1 < lines.size()) {
                    report = lines.get(i + 1).replaceFirst("^#\\s*", "").trim();
                }
            }
            return "crashed its worker process (" + (signal == null ? "a fatal error" : signal) + " in native code"
                    + (frame == null ? "" : " at " + frame) + (report == null ? "" : "; crash report: " + report) + ")";
        }
        if (code > 128 && code < 160) {
            int sig = code - 128;
            return "its worker process was killed by signal " + sig + (sig == 9 ? " (SIGKILL: out of memory on the machine?)" : "")
                    + last(lines);
        }
        return "its worker process exited with code " + code
                + (code == 0 ? " while generating (did the generator end the JVM?)" : "") + last(lines);
    }

    private List<String> lines() {
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** "; last output: …", the last non-blank line the process printed, or nothing. */
    private static String last(ArrayDeque<String> tail) {
        synchronized (tail) {
            return last(new ArrayList<>(tail));
        }
    }

    private static String last(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).trim();
            if (!l.isEmpty()) {
                return "; last output: " + l;
            }
        }
        return "";
    }

    void kill() {
        dead = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            channel.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    /** Asks the worker to finish, and ends it if it has not within a second or two. */
    @Override
    public void close() {
        if (!dead) {
            try {
                out.bye();
            } catch (IOException e) {
                // Gone already.
            }
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Closed.
        }
        deleteQuietly(dir, dir.resolve("s"));
    }

    private static void deleteQuietly(Path dir, Path socket) {
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
