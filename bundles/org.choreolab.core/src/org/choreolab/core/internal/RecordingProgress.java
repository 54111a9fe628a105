package org.choreolab.core.internal;

import org.choreolab.api.ProgressMonitor;

/**
 * A generator's monitor that only records: called on the generator's thread, it keeps the frames
 * done, the total and a status text for another thread to show (the generation service's status line,
 * a worker's progress messages to its parent); that thread sets {@link #canceled} on a cancel or a
 * time-out. Public only for the isolation package; core exports nothing internal.
 */
public class RecordingProgress implements ProgressMonitor {

    public volatile boolean canceled;
    public volatile int total = -1;
    public volatile int done;
    public volatile String text = "";

    @Override
    public void begin(String task, int totalWork) {
        total = totalWork;
        done = 0;
    }

    @Override
    public synchronized void worked(int units) {
        done += units;
    }

    @Override
    public void subTask(String t) {
        text = t == null ? "" : t;
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }
}
