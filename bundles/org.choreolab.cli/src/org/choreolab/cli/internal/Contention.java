package org.choreolab.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Speed with and without two busy processes beside it, measured in alternating windows (idle, busy,
 * idle, busy, …) so that the two figures of a pair see the machine's other load at the same moment.
 * The busy processes are shell loops that end by themselves when this JVM is gone (they test for it
 * on every turn), so not even {@code kill -9} of the benchmark leaves them spinning.
 */
final class Contention {

    static final int BUSY_PROCESSES = 2;

    /** Medians of steps per second, and busy/idle per pair (min, median). */
    record Result(double idleMedian, double busyMedian, double keptMin, double keptMedian) {
    }

    private Contention() {
    }

    /** Runs {@code step} in {@code rounds} pairs of windows of {@code seconds} each (after one warm-up step). */
    static Result measure(Runnable step, int rounds, double seconds) throws IOException {
        step.run();
        List<Double> idle = new ArrayList<>(), busy = new ArrayList<>(), kept = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double i = rate(step, seconds);
            List<Process> loads = startBusy();
            double b;
            try {
                b = rate(step, seconds);
            } finally {
                stop(loads);
            }
            idle.add(i);
            busy.add(b);
            kept.add(b / i);
        }
        return new Result(median(idle), median(busy), min(kept), median(kept));
    }

    /** The same measurement of a plain CPU-bound Java loop on {@code threads} threads: a fair program's share. */
    static Result control(int threads, int rounds, double seconds) throws IOException {
        return measure(new Runnable() {
            double sink;

            @Override
            public void run() {
                Thread[] t = new Thread[threads];
                double[] s = new double[threads];
                for (int k = 0; k < threads; k++) {
                    int id = k;
                    t[k] = new Thread(() -> {
                        double x = id;
                        for (int i = 0; i < 2_000_000; i++) {
                            x = x * 0.999999 + Math.sqrt(i);
                        }
                        s[id] = x;
                    });
                    t[k].start();
                }
                for (Thread th : t) {
                    try {
                        th.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                sink += s[0];
            }
        }, rounds, seconds);
    }

    private static double rate(Runnable step, double seconds) {
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
        int n = 0;
        long now;
        do {
            step.run();
            n++;
            now = System.nanoTime();
        } while (now < end);
        return n / ((now - t0) / 1e9);
    }

    static List<Process> startBusy() throws IOException {
        long me = ProcessHandle.current().pid();
        List<Process> out = new ArrayList<>();
        try {
            for (int i = 0; i < BUSY_PROCESSES; i++) {
                // CPU-bound: a shell builtin in a loop; it stops when this JVM no longer exists.
                out.add(new ProcessBuilder("sh", "-c", "while kill -0 " + me + " 2>/dev/null; do :; done")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
        } catch (IOException e) {
            stop(out);
            throw new IOException("--contention: cannot start the busy processes (sh): " + e.getMessage(), e);
        }
        return out;
    }

    static void stop(List<Process> loads) {
        for (Process p : loads) {
            p.destroyForcibly();
        }
        for (Process p : loads) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }
}
