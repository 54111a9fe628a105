package org.choreolab.ui.internal.evaluate;

import org.choreolab.api.ProgressMonitor;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.e4.core.services.events.IEventBroker;

/** The runner's progress, passed on to the job's monitor (the Progress view, the status line) and to the views as events. */
final class JobProgress implements ProgressMonitor {

    private final IProgressMonitor monitor;
    private final IEventBroker broker;
    private volatile String task = "";
    private volatile int total = 1;
    private volatile int done;

    JobProgress(IProgressMonitor monitor, IEventBroker broker) {
        this.monitor = monitor;
        this.broker = broker;
    }

    @Override
    public void begin(String name, int totalWork) {
        monitor.beginTask(name, totalWork);
        task = name;
        total = Math.max(1, totalWork);
        done = 0;
        post(name);
    }

    @Override
    public void worked(int units) {
        monitor.worked(units);
        done += units;
        post(task);
    }

    @Override
    public void subTask(String text) {
        monitor.subTask(text);
        post(text);
    }

    @Override
    public boolean isCanceled() {
        return monitor.isCanceled();
    }

    private void post(String text) {
        broker.post(EvaluationSession.TOPIC_PROGRESS, new EvaluationSession.Progress(text, done, total));
    }
}
