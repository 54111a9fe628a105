package org.choreolab.model.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.model.Tensor;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Several sequences' rollouts advanced together: one forward pass per step for all of them.
 *
 * <p>Each sequence runs its generator's own one-sequence rollout ({@link Rollout}) on a thread of its
 * own, unchanged: its seed, its music, its length, its end of music, its feedback. Only its forward
 * passes differ: they go through {@link Batch#predict}, which waits until every sequence still
 * running has asked for its next pass, runs them as one batch (inputs stacked along the first axis),
 * and hands each its row. A sequence that ends (shorter, failed, cancelled) leaves the batch, which
 * shrinks. So a batch gives each sequence what the one-at-a-time rollout gives it, up to the engine's
 * float arithmetic on a wider matrix, and the per-sequence logic lives in one place, the generator's.
 *
 * <p>Why threads rather than a second, batched copy of each loop: the rollout's details (padding,
 * music past the end, feedback, stopping) then cannot drift apart between the two paths. The threads
 * only copy windows and wait; the engine's own pool does the arithmetic, one batch at a time. When
 * the model may run several passes at once ({@code LoadedModel.concurrentCalls()}), the sequences
 * are dealt into that many groups, each its own batch.
 *
 * <p>Passes whose inputs differ in shape (a whole-sequence model given tracks of different lengths)
 * are batched with those of the same shapes only. A model whose batch axis is fixed at 1 (an ONNX
 * file exported without a dynamic batch), or that fails on a batch for any other reason, is run one
 * row at a time for the rest of the run; a model that mixes the rows of a batch (its result for one
 * sequence depends on the others) is found by {@link Check}: the first batch's last row is run
 * again alone and compared. Either way the sequences still get what they would alone, and the
 * {@link Verdict} says why the batch was given up.
 */
public final class BatchedRollouts {

    /**
     * Largest difference, relative to the row's largest value (at least 1), between a row of a batch and
     * the same row alone that is taken for float arithmetic on a wider matrix. A model that mixes rows
     * differs by the size of the differences between sequences, orders of magnitude more.
     */
    public static final double ROW_TOLERANCE = 1e-3;

    /** One forward pass of a model: inputs of batch 1 (or stacked) in the order it declares them, its outputs. */
    @ConsumerType
    @FunctionalInterface
    public interface Pass {
        List<Tensor> predict(List<Tensor> inputs) throws IOException;
    }

    /** A sequence's rollout: the generator's one-sequence loop, its passes through {@code batch}. */
    @ConsumerType
    @FunctionalInterface
    public interface Rollout<R> {
        R run(Batch batch, ProgressMonitor monitor) throws IOException;
    }

    /** How a rollout's forward passes reach the batch it is part of. */
    @ProviderType
    public interface Batch {
        /**
         * This sequence's next pass of {@code model}, run in one batch with the other sequences' next
         * passes; blocks until the batch is complete. Every sequence of a run passes the same model.
         *
         * @param inputs tensors of batch 1
         * @return this sequence's outputs, of batch 1
         */
        List<Tensor> predict(Pass model, List<Tensor> inputs) throws IOException;
    }

    /** What a run found about the model's batch axis (see {@link Check}). */
    @ConsumerType
    public interface Verdict {
        /** The first batch's row was the row alone: the model batches. */
        void batches();

        /** The model cannot be given several sequences at once, for the reason given; the run went on one row at a time. */
        void oneByOne(String why);
    }

    /**
     * Whether to check the first batch against a row run alone, and whom to tell what came out. A
     * generator's own network needs no check ({@link #TRUSTED}); a model from elsewhere does, once.
     *
     * @param compare whether the first stacked pass's last row is compared with the same row alone
     * @param verdict told when the model proved to batch (only if {@code compare}) or was given up on
     */
    public record Check(boolean compare, Verdict verdict) {

        /** No comparison; a failing batch still falls back to single rows, silently. */
        public static final Check TRUSTED = new Check(false, null);
    }

    private BatchedRollouts() {
    }

    /**
     * Runs one rollout per sequence, advancing them together, and returns their results in order.
     *
     * @param names     the sequences' names, for errors
     * @param groups    how many batches advance side by side (the model's concurrent calls), at least 1
     * @param task      what the monitor is told the batch is doing
     * @param totalWork the frames of all sequences together (each rollout reports its own through its monitor)
     * @throws IOException when any sequence fails, naming it; the others' results are then dropped, and
     *                     callers that must know which failed retry one by one
     */
    public static <R> List<R> run(List<String> names, List<Rollout<R>> rollouts, int groups, Check check, String task,
            int totalWork, ProgressMonitor monitor) throws IOException {
        int n = rollouts.size();
        if (names.size() != n) {
            throw new IllegalArgumentException(names.size() + " names for " + n + " rollouts");
        }
        int g = Math.max(1, Math.min(n, groups));
        Run run = new Run(check == null ? Check.TRUSTED : check, monitor);
        Gather[] gathers = new Gather[g];
        for (int k = 0; k < g; k++) {
            gathers[k] = new Gather(run, (n - k + g - 1) / g);
        }
        monitor.begin(task, totalWork);
        List<R> results = new ArrayList<>(java.util.Collections.nCopies(n, null));
        Throwable[] errors = new Throwable[n];
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            Gather gather = gathers[k % g];
            threads[k] = new Thread(() -> {
                try {
                    R r = rollouts.get(k).run(gather, run.part());
                    synchronized (results) {
                        results.set(k, r);
                    }
                } catch (Throwable e) {
                    errors[k] = e;
                } finally {
                    gather.leave();
                }
            }, "choreolab-batch-" + k);
            threads[k].setDaemon(true);
        }
        for (Thread t : threads) {
            t.start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            // The caller gave up (time-out, cancel): the rollouts stop at their next step.
            run.stop();
            Thread.currentThread().interrupt();
            throw new IOException("canceled");
        }
        for (int i = 0; i < n; i++) {
            if (errors[i] != null) {
                Throwable e = errors[i];
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new IOException(names.get(i) + ": " + why, e);
            }
        }
        synchronized (results) {
            for (int i = 0; i < n; i++) {
                if (results.get(i) == null) {
                    throw new IOException(names.get(i) + ": the rollout returned nothing");
                }
            }
            return List.copyOf(results);
        }
    }

    /** What the groups of one run share: the caller's monitor (frames add up, cancelling stops all) and the batch's fate. */
    private static final class Run {
        private final Check check;
        private final ProgressMonitor outer;
        private final AtomicBoolean checked = new AtomicBoolean();
        private volatile boolean stop;
        private volatile String oneByOne;

        Run(Check check, ProgressMonitor outer) {
            this.check = check;
            this.outer = outer;
        }

        void stop() {
            stop = true;
        }

        /** Gives the batch up for the rest of the run (once, told to the verdict and the monitor). */
        void giveUp(String why) {
            synchronized (this) {
                if (oneByOne != null) {
                    return;
                }
                oneByOne = why;
            }
            if (check.verdict() != null) {
                check.verdict().oneByOne(why);
            }
            synchronized (outer) {
                outer.subTask("one sequence at a time: " + why);
            }
        }

        ProgressMonitor part() {
            return new ProgressMonitor() {
                @Override
                public void begin(String task, int totalWork) {
                    // the batch's total was announced once
                }

                @Override
                public void worked(int units) {
                    synchronized (outer) {
                        outer.worked(units);
                    }
                }

                @Override
                public boolean isCanceled() {
                    return stop || outer.isCanceled();
                }
            };
        }

        /** Runs one batch of passes of equal shapes; each row's outputs, or the error every row gets. */
        List<List<Tensor>> predict(List<Pending> rows) throws IOException {
            if (rows.size() == 1 || oneByOne != null) {
                return alone(rows);
            }
            List<List<Tensor>> out;
            try {
                out = stacked(rows);
            } catch (IOException | RuntimeException e) {
                List<List<Tensor>> single = alone(rows);
                // The rows ran alone where the batch did not: the model's batch axis is the trouble.
                giveUp("the model fails on a batch of " + rows.size() + " (" + message(e) + ")");
                return single;
            }
            if (check.compare() && checked.compareAndSet(false, true)) {
                Pending last = rows.get(rows.size() - 1);
                List<Tensor> alone = last.model.predict(last.inputs);
                String differs = differs(out.get(rows.size() - 1), alone);
                if (differs != null) {
                    giveUp("in a batch of " + rows.size() + " a sequence's result depends on the others (" + differs + ")");
                    return alone(rows);
                }
                if (check.verdict() != null) {
                    check.verdict().batches();
                }
            }
            return out;
        }
    }

    private static List<List<Tensor>> alone(List<Pending> rows) throws IOException {
        List<List<Tensor>> out = new ArrayList<>(rows.size());
        for (Pending p : rows) {
            out.add(p.model.predict(p.inputs));
        }
        return out;
    }

    /** Null when the row equals the row alone within {@link #ROW_TOLERANCE}, else how it differs. */
    static String differs(List<Tensor> row, List<Tensor> alone) {
        if (row.size() != alone.size()) {
            return row.size() + " outputs beside " + alone.size() + " alone";
        }
        for (int i = 0; i < row.size(); i++) {
            Tensor a = row.get(i);
            Tensor b = alone.get(i);
            if (!Arrays.equals(a.shape(), b.shape())) {
                return "output " + i + " of shape " + Arrays.toString(a.shape()) + " beside " + Arrays.toString(b.shape()) + " alone";
            }
            float[] x = a.data();
            float[] y = b.data();
            double scale = 1;
            double worst = 0;
            for (int j = 0; j < y.length; j++) {
                scale = Math.max(scale, Math.abs(y[j]));
                double d = Math.abs(x[j] - y[j]);
                // NaN compares as a difference
                worst = d > worst || Double.isNaN(d) ? d : worst;
            }
            if (!(worst <= ROW_TOLERANCE * scale)) {
                return "output " + i + " differs from the same sequence alone by up to " + (float) worst;
            }
        }
        return null;
    }

    /** The exception's message on one line (ONNX Runtime's span several), for a reason told once. */
    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * Collects the next pass of every sequence of a group still running, runs them (one batch per set of
     * input shapes) on the thread that completes it, and hands the rows back.
     */
    private static final class Gather implements Batch {
        private final Run run;
        private int active;
        private List<Pending> pending = new ArrayList<>();

        Gather(Run run, int parties) {
            this.run = run;
            active = parties;
        }

        @Override
        public List<Tensor> predict(Pass model, List<Tensor> inputs) throws IOException {
            Pending mine = new Pending(model, inputs);
            List<Pending> complete;
            synchronized (this) {
                pending.add(mine);
                complete = takeIfComplete();
            }
            if (complete != null) {
                runBatches(complete);
            }
            synchronized (this) {
                while (!mine.done) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("canceled");
                    }
                }
            }
            if (mine.error != null) {
                throw mine.error;
            }
            return mine.out;
        }

        /** A sequence ended: the others no longer wait for it. */
        void leave() {
            List<Pending> complete;
            synchronized (this) {
                active--;
                complete = takeIfComplete();
            }
            if (complete != null) {
                runBatches(complete);
            }
        }

        private List<Pending> takeIfComplete() {
            if (pending.isEmpty() || pending.size() < active) {
                return null;
            }
            List<Pending> complete = pending;
            pending = new ArrayList<>();
            return complete;
        }

        private void runBatches(List<Pending> complete) {
            Map<String, List<Pending>> byShape = new LinkedHashMap<>();
            for (Pending p : complete) {
                byShape.computeIfAbsent(p.shapes(), s -> new ArrayList<>()).add(p);
            }
            for (List<Pending> rows : byShape.values()) {
                List<List<Tensor>> outs = null;
                IOException error = null;
                try {
                    outs = run.predict(rows);
                } catch (Throwable e) {
                    // Every row must be released, whatever the pass threw (an engine's Error too), or its thread waits forever.
                    error = e instanceof IOException io ? io : new IOException(message(e), e);
                }
                synchronized (this) {
                    for (int i = 0; i < rows.size(); i++) {
                        Pending p = rows.get(i);
                        if (error != null) {
                            p.error = error;
                        } else {
                            p.out = outs.get(i);
                        }
                        p.done = true;
                    }
                    notifyAll();
                }
            }
        }
    }

    /** Stacks each input of every row along axis 0, predicts once, splits the outputs back. */
    private static List<List<Tensor>> stacked(List<Pending> rows) throws IOException {
        int b = rows.size();
        int inputs = rows.get(0).inputs.size();
        List<Tensor> stacked = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            List<Tensor> parts = new ArrayList<>(b);
            for (Pending p : rows) {
                parts.add(p.inputs.get(i));
            }
            stacked.add(stack(parts));
        }
        List<Tensor> out = rows.get(0).model.predict(stacked);
        if (out == null) {
            throw new IOException("a batch of " + b + " gave no outputs");
        }
        List<List<Tensor>> split = new ArrayList<>(b);
        for (int k = 0; k < b; k++) {
            split.add(new ArrayList<>(out.size()));
        }
        for (Tensor t : out) {
            long[] shape = t.shape();
            if (shape.length == 0 || shape[0] != b) {
                throw new IOException("a batch of " + b + " gave an output of shape " + Arrays.toString(shape) + "; expected " + b
                        + " along the first axis");
            }
            int per = t.data().length / b;
            shape[0] = 1;
            for (int k = 0; k < b; k++) {
                split.get(k).add(new Tensor(shape, Arrays.copyOfRange(t.data(), k * per, (k + 1) * per)));
            }
        }
        return split;
    }

    /** Tensors of shape (1, …) with equal trailing shapes, stacked to (n, …). */
    private static Tensor stack(List<Tensor> parts) throws IOException {
        long[] shape = parts.get(0).shape();
        if (shape.length == 0 || shape[0] != 1) {
            throw new IOException("a batched pass expects inputs of batch 1, got shape " + Arrays.toString(shape));
        }
        int per = parts.get(0).data().length;
        float[] v = new float[per * parts.size()];
        for (int k = 0; k < parts.size(); k++) {
            System.arraycopy(parts.get(k).data(), 0, v, k * per, per);
        }
        shape[0] = parts.size();
        return new Tensor(shape, v);
    }

    private static final class Pending {
        final Pass model;
        final List<Tensor> inputs;
        List<Tensor> out;
        IOException error;
        boolean done;

        Pending(Pass model, List<Tensor> inputs) {
            this.model = model;
            this.inputs = inputs;
        }

        /** The inputs' shapes: passes are batched with those of the same shapes only. */
        String shapes() {
            StringBuilder b = new StringBuilder();
            for (Tensor t : inputs) {
                b.append(Arrays.toString(t.shape()));
            }
            return b.toString();
        }
    }
}
