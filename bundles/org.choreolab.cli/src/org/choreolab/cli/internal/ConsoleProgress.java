package org.choreolab.cli.internal;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

import org.choreolab.api.ProgressMonitor;

/**
 * Progress on the console: a redrawn bar with an ETA on a terminal, a plain line every ~10% of the
 * work (or every 10 s) when the output is a file or a pipe.
 */
final class ConsoleProgress implements ProgressMonitor {

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total = -1;
    private volatile String task = "";
    private volatile String sub = "";
    private long start;
    private long lastPrint;
    private int lastDecile = -1;

    ConsoleProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void begin(String task, int totalWork) {
        this.task = task;
        this.total = totalWork;
        this.done.set(0);
        this.start = System.nanoTime();
        if (!quiet) {
            err.println(task);
            err.flush();
        }
    }

    @Override
    public void subTask(String text) {
        this.sub = text;
    }

    @Override
    public synchronized void worked(int units) {
        int d = done.addAndGet(units);
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        double elapsed = (now - start) / 1e9;
        String eta = total > 0 && d > 0 ? String.format("ETA %ds", Math.round(elapsed / d * (total - d))) : "";
        if (terminal) {
            int width = 30;
            int filled = total > 0 ? (int) ((long) width * d / total) : 0;
            err.printf("\r[%s%s] %d/%d %s %-40.40s", "#".repeat(filled), " ".repeat(width - filled), d, total, eta, sub);
            err.flush();
        } else {
            int decile = total > 0 ? (int) (10L * d / total) : d;
            if (decile != lastDecile || now - lastPrint > 10_000_000_000L) {
                lastDecile = decile;
                lastPrint = now;
                err.printf("%d/%d done (%.1f s) %s%n", d, total, elapsed, eta);
                err.flush();
            }
        }
    }

    void done() {
        if (terminal && !quiet) {
            err.println();
            err.flush();
        }
    }

    @Override
    public boolean isCanceled() {
        return false;
    }
}
