package org.choreolab.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.choreolab.api.ProgressMonitor;

/**
 * A progress monitor that keeps every status line a generator (or a worker, through its parent) sent,
 * the last task begun with its total, and the units worked, for a test to read from its own thread;
 * setting {@link #cancel} is the user pressing Cancel.
 */
public final class RecordingMonitor implements ProgressMonitor {

    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final AtomicBoolean cancel = new AtomicBoolean();
    public final AtomicInteger worked = new AtomicInteger();
    public volatile String task = "";
    public volatile int total = -1;

    @Override public void begin(String task, int totalWork) { this.task = task; total = totalWork; }
    @Override public void worked(int units) { worked.addAndGet(units); }
    @Override public void subTask(String text) { lines.add(text); }
    @Override public boolean isCanceled() { return cancel.get(); }
}
