package org.choreolab.ui.internal.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.core.ResultRow;
import org.choreolab.core.RunOptions;
import org.choreolab.core.SequenceOutcome;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.osgi.framework.FrameworkUtil;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The application's evaluation, shared by the views (it lives in the application's context, so closing
 * or resetting the Evaluate view neither stops a run nor loses its results): runs one experiment at a
 * time as a job, keeps the rows as they fill in and the last result, keeps the last run in the workspace
 * ({@link LastRun}) and reads it back on the next start. Views follow it through the events
 * {@code org/choreolab/ui/evaluation/*}.
 */
public final class EvaluationSession {

    public static final String TOPIC_ALL = "org/choreolab/ui/evaluation/*";
    /** Data: the {@link Experiment} started. */
    public static final String TOPIC_STARTED = "org/choreolab/ui/evaluation/started";
    /** Data: a {@link ResultRow} that changed. */
    public static final String TOPIC_ROW = "org/choreolab/ui/evaluation/row";
    /** Data: {@link Progress}. */
    public static final String TOPIC_PROGRESS = "org/choreolab/ui/evaluation/progress";
    /** Data: the status line (a run finished, failed or was cancelled, or the last run was read back). */
    public static final String TOPIC_FINISHED = "org/choreolab/ui/evaluation/finished";
    /** Context key of the folder the last run is kept in (default: the bundle's state folder, {@code last-run}). */
    public static final String STORE = "org.choreolab.ui.evaluation.store";

    /** Work done of the running experiment. */
    public record Progress(String task, int done, int total) {
    }

    @Inject
    @Optional
    @Service
    private ExperimentRunner runner;
    @Inject
    @Optional
    @Service
    private ComponentRegistry registry;
    @Inject
    private IEventBroker broker;
    @Inject
    @Optional
    @Named(STORE)
    private Path store;

    private final Map<String, ResultRow> rows = new ConcurrentHashMap<>();
    private volatile Experiment experiment;
    private volatile ExperimentResult result;
    private volatile Job job;
    private volatile String status = "";

    @PostConstruct
    public void init() {
        if (store == null) {
            store = Platform.getStateLocation(FrameworkUtil.getBundle(EvaluationSession.class)).toPath().resolve("last-run");
        }
        experiment = LastRun.experiment(store).orElse(null);
        Path dir = store;
        Job restore = Job.create("Reading the last run", (IProgressMonitor m) -> {
            // The components start beside the workbench: wait (a while) for the registry and the run's metrics.
            long end = System.currentTimeMillis() + 20_000;
            while (!m.isCanceled() && job == null && result == null) {
                try {
                    ComponentRegistry r = registry;
                    if (r != null) {
                        LastRun.restore(dir, r).ifPresent(this::restored);
                        return Status.OK_STATUS;
                    }
                } catch (IOException | RuntimeException e) {
                    if (System.currentTimeMillis() > end) {
                        finish("The last run cannot be shown again: " + e.getMessage());
                        return Status.OK_STATUS;
                    }
                }
                if (System.currentTimeMillis() > end) {
                    return Status.OK_STATUS;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Status.CANCEL_STATUS;
                }
            }
            return Status.OK_STATUS;
        });
        restore.setSystem(true);
        restore.schedule();
    }

    private synchronized void restored(ExperimentResult res) {
        if (job != null) {
            return;
        }
        String message = "The last run, as kept in the workspace: " + res.sequenceIds().size() + " sequences, protocol "
                + res.experiment().protocol() + (res.canceled() ? ", cancelled" : "") + ".";
        status = message; // before the result: whoever sees the result sees what it is
        res.rows().forEach(row -> rows.put(row.id(), row));
        result = res;
        finish(message);
    }

    /** Runs {@code ex} as a job; null when a run is going on or the runtime is not up. */
    public synchronized Job start(Experiment ex) {
        ExperimentRunner r = runner;
        if (r == null || job != null) {
            return null;
        }
        rows.clear();
        experiment = ex;
        result = null;
        Path dir = store;
        Job j = new Job("Choreolab evaluation") {
            @Override
            protected IStatus run(IProgressMonitor m) {
                String note = "";
                ExperimentListener save = ExperimentListener.NONE;
                try {
                    save = LastRun.begin(dir, ex);
                } catch (IOException | RuntimeException e) {
                    note = " (not kept for the next start: " + e.getMessage() + ")";
                }
                try {
                    ExperimentResult res = r.run(ex, RunOptions.NONE, new JobProgress(m, broker), listener(save));
                    try {
                        LastRun.finish(res, dir);
                    } catch (IOException | RuntimeException e) {
                        note = " (not kept for the next start: " + e.getMessage() + ")";
                    }
                    result = res;
                    job = null;
                    finish((res.canceled() ? "Cancelled; the table shows what was done." : "Done: " + res.sequenceIds().size()
                            + " sequences, protocol " + ex.protocol() + ".") + note);
                    return m.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
                } catch (Exception | LinkageError e) {
                    job = null;
                    finish("Failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    return Status.error(e.getMessage() == null ? e.toString() : e.getMessage(), e);
                } finally {
                    job = null;
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == EvaluationSession.class;
            }
        };
        j.setUser(true);
        job = j;
        status = "Running...";
        broker.post(TOPIC_STARTED, ex);
        j.schedule();
        return j;
    }

    private ExperimentListener listener(ExperimentListener save) {
        return new ExperimentListener() {
            @Override
            public void sequenceDone(ResultRow row, SequenceOutcome o) {
                save.sequenceDone(row, o);
                rows.put(row.id(), row);
                broker.post(TOPIC_ROW, row);
            }

            @Override
            public void rowDone(ResultRow row) {
                save.rowDone(row);
                rows.put(row.id(), row);
                broker.post(TOPIC_ROW, row);
            }

            @Override
            public void poolSequenceDone(SequenceOutcome o) {
                save.poolSequenceDone(o);
            }
        };
    }

    private void finish(String message) {
        status = message;
        broker.post(TOPIC_FINISHED, message);
    }

    public void cancel() {
        Job j = job;
        if (j != null) {
            j.cancel();
        }
    }

    public boolean running() {
        return job != null;
    }

    /** The experiment running, or last run (also one read back from the workspace); null before any. */
    public Experiment experiment() {
        return experiment;
    }

    /** The last finished (or cancelled, or read back) run; null while one runs. */
    public ExperimentResult result() {
        return result;
    }

    /** The rows so far, in no particular order. */
    public List<ResultRow> rows() {
        return new ArrayList<>(rows.values());
    }

    public ResultRow row(String id) {
        return rows.get(id);
    }

    public String status() {
        return status;
    }

    @PreDestroy
    public void dispose() {
        cancel();
    }
}
