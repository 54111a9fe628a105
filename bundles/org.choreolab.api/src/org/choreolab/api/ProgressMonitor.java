package org.choreolab.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Progress and cancellation of long work. Implementations must be cheap to call from hot loops and
 * safe to call from any thread. The CLI prints it, the workbench maps it onto an Eclipse job.
 * <p>Consumer type: callers of the runner (the command line, the workbench) and tests implement it,
 * so a method added to it must be a default method.
 */
@ConsumerType
public interface ProgressMonitor {

    /** Starts (or restarts) a task of {@code totalWork} units; a negative total means unknown. */
    void begin(String task, int totalWork);

    /** Reports {@code units} more units done. */
    void worked(int units);

    /** A short status line under the current task. */
    default void subTask(String text) {
    }

    /** Whether the user asked to stop; long work checks this between units and stops early. */
    boolean isCanceled();

    /** A monitor that reports nothing and is never cancelled. */
    ProgressMonitor NULL = new ProgressMonitor() {
        @Override public void begin(String task, int totalWork) { }
        @Override public void worked(int units) { }
        @Override public boolean isCanceled() { return false; }
    };
}
