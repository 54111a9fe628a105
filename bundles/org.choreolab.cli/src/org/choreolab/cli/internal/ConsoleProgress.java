package org.choreolab.cli.internal;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

import org.choreolab.api.ProgressMonitor;

/**
 * Progress on the console: a redrawn bar with an ETA and what is running now on a terminal (the
 * status line follows the running generator, sequence and frames, a few times a second); a plain
 * line every ~10% of the work, and every 10 s while one long item runs, when the output is a file or
 * a pipe.
 */
final class ConsoleProgress implements ProgressMonitor {

    private static final long REDRAW_NANOS = 250_000_000L;
    private static final long QUIET_NANOS = 10_000_000_000L;
    private final long quietNanos;

    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total = -1;
    private volatile String sub = "";
    private long start;
    private long lastPrint;
    private long lastDraw;
    private String lastItem = "";
    private int lastDecile = -1;

    ConsoleProgress(PrintWriter err, boolean quiet) {
        this(err, quiet, System.console() != null);
    }

    ConsoleProgress(PrintWriter err, boolean quiet, boolean terminal) {
        this(err, quiet, terminal, QUIET_NANOS);
    }

    /** {@code quietNanos}: how long a file or pipe waits for a line while one item runs. */
    ConsoleProgress(PrintWriter err, boolean quiet, boolean terminal, long quietNanos) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = terminal;
        this.quietNanos = quietNanos;
    }

    @Override
    public synchronized void begin(String task, int totalWork) {
        this.total = totalWork;
        this.done.set(0);
        this.start = System.nanoTime();
        this.lastPrint = start;
        if (!quiet) {
            err.println(task);
            err.flush();
        }
    }

    /** Generation services and runners call this from worker threads, often: redraw at most a few times a second. */
    @Override
    public synchronized void subTask(String text) {
        this.sub = text == null ? "" : text;
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        // A new item shows at once; frame counts within one item a few times a second.
        int cut = sub.indexOf(", frames ");
        String item = cut < 0 ? sub : sub.substring(0, cut);
        boolean newItem = !item.equals(lastItem);
        lastItem = item;
        if (terminal) {
            if (newItem || now - lastDraw >= REDRAW_NANOS) {
                draw(now);
            }
        } else if (now - lastPrint >= quietNanos) {
            // One long item (FACT on a long sequence): say what is running, not the last finished item.
            lastPrint = now;
            err.printf("%d/%d done (%.1f s), running %s%n", done.get(), total, (now - start) / 1e9, sub);
            err.flush();
        }
    }

    @Override
    public synchronized void worked(int units) {
        int d = done.addAndGet(units);
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        if (terminal) {
            draw(now);
        } else {
            int decile = total > 0 ? (int) (10L * d / total) : d;
            if (decile != lastDecile || now - lastPrint > quietNanos) {
                lastDecile = decile;
                lastPrint = now;
                err.printf("%d/%d done (%.1f s) %s%n", d, total, (now - start) / 1e9, eta(d, now));
                err.flush();
            }
        }
    }

    private void draw(long now) {
        lastDraw = now;
        int d = done.get();
        int width = 30;
        int filled = total > 0 ? (int) Math.min(width, (long) width * d / total) : 0;
        err.printf("\r[%s%s] %d/%d %s %-60.60s", "#".repeat(filled), " ".repeat(width - filled), d, total, eta(d, now), sub);
        err.flush();
    }

    private String eta(int d, long now) {
        double elapsed = (now - start) / 1e9;
        return total > 0 && d > 0 ? String.format("ETA %ds", Math.round(elapsed / d * (total - d))) : "";
    }

    /** A message of its own line, without tearing the bar. */
    synchronized void println(String line) {
        if (terminal && !quiet) {
            err.print("\r\033[K");
        }
        err.println(line);
        if (terminal && !quiet) {
            draw(System.nanoTime());
        } else {
            err.flush();
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
