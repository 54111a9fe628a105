package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.Tensor;
import org.choreolab.api.model.TrainingData;
import org.choreolab.api.model.TrainingOptions;
import org.choreolab.api.model.TrainingReport;
import org.choreolab.api.motion.MotionClip;

/**
 * FACT's autoregression for several sequences at once: one forward pass per step for all of them.
 *
 * <p>Each sequence runs FACT's own one-sequence rollout ({@link FactGenerator#generate(GenerationRequest,
 * ProgressMonitor)}) on a thread of its own, unchanged: its seed, its music, its length, its end of
 * music, its feedback of the kept frame. Only its network is different: {@link FactGenerator} asks
 * {@link #joining(Network)} for it, and on a thread of a batch that is a gatherer which waits until
 * every sequence still running has asked for its next step, runs them as one batch (inputs stacked
 * along the first axis), and hands each its row. A sequence that ends (shorter, failed, cancelled)
 * leaves the batch, which shrinks. So a batch gives each sequence exactly what the one-at-a-time
 * rollout gives it, up to the engine's float arithmetic on a wider matrix, and per-sequence logic
 * lives in one place.
 *
 * <p>Why threads rather than a second, batched copy of the loop: the rollout's details (padding,
 * music past the end, feedback, stopping) then cannot drift apart between the two paths. The threads
 * only copy windows and wait; the engine's own pool does the arithmetic, one batch at a time. When the
 * network may run several passes at once ({@link Network#concurrentCalls()}: an engine that takes one
 * thread a pass, on several CPUs), the sequences are dealt into that many groups, each its own batch;
 * a sequence's frames depend on its group no more than on any batch (the engine's float arithmetic on
 * a matrix of another width).
 */
final class BatchedRollout {

    private static final ThreadLocal<Gather> CURRENT = new ThreadLocal<>();

    private BatchedRollout() {
    }

    /** The network a rollout on this thread should use: the batch's gatherer in front of {@code real}, or {@code real}. */
    static Network joining(Network real) {
        Gather g = CURRENT.get();
        return g == null ? real : new Joined(g, real);
    }

    /**
     * Generates one clip per request, in order, advancing them together.
     *
     * @throws IOException when any sequence fails (naming it); the others' clips are then dropped, and
     *                     callers that must know which failed retry one by one
     */
    static List<MotionClip> generate(FactGenerator generator, List<GenerationRequest> batch, ProgressMonitor monitor)
            throws IOException {
        if (batch.size() == 1) {
            return List.of(generator.generate(batch.get(0), monitor));
        }
        int n = batch.size();
        // Where the engine takes one thread per forward pass and the process may use more (MXNet on two CPUs),
        // the batch is split into that many groups, each advancing on its own thread: the passes run side by side.
        int groups = Math.max(1, Math.min(n, generator.concurrentCalls(batch.get(0))));
        Gather[] gathers = new Gather[groups];
        for (int g = 0; g < groups; g++) {
            gathers[g] = new Gather((n - g + groups - 1) / groups);
        }
        Shared shared = new Shared(monitor);
        int total = 0;
        for (GenerationRequest r : batch) {
            total += r.frames();
        }
        monitor.begin("FACT on " + generator.backend().engine() + ": " + n + " sequences in "
                + (groups == 1 ? "one batch" : groups + " batches side by side"), total);
        MotionClip[] clips = new MotionClip[n];
        Throwable[] errors = new Throwable[n];
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            GenerationRequest r = batch.get(k);
            Gather gather = gathers[k % groups];
            threads[k] = new Thread(() -> {
                CURRENT.set(gather);
                try {
                    clips[k] = generator.generate(r, shared.part());
                } catch (Throwable e) {
                    errors[k] = e;
                } finally {
                    CURRENT.remove();
                    gather.leave();
                }
            }, "choreolab-fact-batch-" + k);
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
            shared.stop();
            Thread.currentThread().interrupt();
            throw new IOException("canceled");
        }
        for (int i = 0; i < n; i++) {
            if (errors[i] != null) {
                Throwable e = errors[i];
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new IOException(batch.get(i).target().id() + ": " + why, e);
            }
        }
        return List.of(clips);
    }

    /** The caller's monitor shared by the batch's rollouts: frames add up; cancelling stops them all. */
    private static final class Shared {
        private final ProgressMonitor outer;
        private volatile boolean stop;

        Shared(ProgressMonitor outer) {
            this.outer = outer;
        }

        void stop() {
            stop = true;
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
    }

    /**
     * Collects the next step of every sequence still running, runs them as one batch on the thread that
     * completes it, and hands the rows back.
     */
    static final class Gather {
        private int active;
        private List<Pending> pending = new ArrayList<>();

        Gather(int parties) {
            active = parties;
        }

        List<Tensor> predict(Network real, List<Tensor> inputs) throws IOException {
            Pending mine = new Pending(real, inputs);
            List<Pending> run;
            synchronized (this) {
                pending.add(mine);
                run = takeIfComplete();
            }
            if (run != null) {
                runBatch(run);
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
            List<Pending> run;
            synchronized (this) {
                active--;
                run = takeIfComplete();
            }
            if (run != null) {
                runBatch(run);
            }
        }

        private List<Pending> takeIfComplete() {
            if (pending.isEmpty() || pending.size() < active) {
                return null;
            }
            List<Pending> run = pending;
            pending = new ArrayList<>();
            return run;
        }

        private void runBatch(List<Pending> run) {
            List<List<Tensor>> outs = null;
            IOException error = null;
            try {
                outs = predictStacked(run);
            } catch (IOException | RuntimeException e) {
                error = e instanceof IOException io ? io : new IOException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
            }
            synchronized (this) {
                for (int i = 0; i < run.size(); i++) {
                    Pending p = run.get(i);
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

    /** Stacks each input of every pending step along axis 0, predicts once, splits the outputs back. */
    static List<List<Tensor>> predictStacked(List<Pending> run) throws IOException {
        int b = run.size();
        if (b == 1) {
            return List.of(run.get(0).real.predict(run.get(0).inputs));
        }
        int inputs = run.get(0).inputs.size();
        List<Tensor> stacked = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            List<Tensor> parts = new ArrayList<>(b);
            for (Pending p : run) {
                parts.add(p.inputs.get(i));
            }
            stacked.add(stack(parts));
        }
        List<Tensor> out = run.get(0).real.predict(stacked);
        List<List<Tensor>> rows = new ArrayList<>(b);
        for (int k = 0; k < b; k++) {
            rows.add(new ArrayList<>(out.size()));
        }
        for (Tensor t : out) {
            long[] shape = t.shape();
            if (shape.length == 0 || shape[0] != b) {
                throw new IOException("a batch of " + b + " gave an output of shape " + java.util.Arrays.toString(shape)
                        + "; expected " + b + " along the first axis");
            }
            int per = t.data().length / b;
            shape[0] = 1;
            for (int k = 0; k < b; k++) {
                float[] v = new float[per];
                System.arraycopy(t.data(), k * per, v, 0, per);
                rows.get(k).add(new Tensor(shape, v));
            }
        }
        return rows;
    }

    /** Tensors of shape (1, …) with equal trailing shapes, stacked to (n, …). */
    static Tensor stack(List<Tensor> parts) throws IOException {
        long[] shape = parts.get(0).shape();
        if (shape.length == 0 || shape[0] != 1) {
            throw new IOException("a batched step expects inputs of batch 1, got shape " + java.util.Arrays.toString(shape));
        }
        int per = parts.get(0).data().length;
        float[] v = new float[per * parts.size()];
        for (int k = 0; k < parts.size(); k++) {
            float[] d = parts.get(k).data();
            if (d.length != per || !java.util.Arrays.equals(parts.get(k).shape(), shape)) {
                throw new IOException("a batched step's inputs differ in shape: " + java.util.Arrays.toString(parts.get(k).shape())
                        + " beside " + java.util.Arrays.toString(shape));
            }
            System.arraycopy(d, 0, v, k * per, per);
        }
        shape[0] = parts.size();
        return new Tensor(shape, v);
    }

    static final class Pending {
        final Network real;
        final List<Tensor> inputs;
        List<Tensor> out;
        IOException error;
        boolean done;

        Pending(Network real, List<Tensor> inputs) {
            this.real = real;
            this.inputs = inputs;
        }
    }

    /** One rollout's view of the network: its predictions go through the batch; the rest is the real network's. */
    private static final class Joined implements Network {
        private final Gather gather;
        private final Network real;

        Joined(Gather gather, Network real) {
            this.gather = gather;
            this.real = real;
        }

        @Override
        public List<Tensor> predict(List<Tensor> inputs) throws IOException {
            return gather.predict(real, inputs);
        }

        @Override
        public String device() {
            return real.device();
        }

        @Override
        public List<long[]> inputShapes() {
            return real.inputShapes();
        }

        @Override
        public long parameterCount() {
            return real.parameterCount();
        }

        @Override
        public void saveParameters(java.nio.file.Path file) throws IOException {
            real.saveParameters(file);
        }

        @Override
        public void loadParameters(java.nio.file.Path file) throws IOException {
            throw new IOException("a batched rollout does not load parameters");
        }

        @Override
        public TrainingReport train(TrainingData data, TrainingOptions options, ProgressMonitor monitor) throws IOException {
            throw new IOException("a batched rollout does not train");
        }

        @Override
        public void close() {
            // the real network belongs to the generator
        }
    }
}
