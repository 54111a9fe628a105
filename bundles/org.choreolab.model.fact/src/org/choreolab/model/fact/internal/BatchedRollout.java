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
import org.choreolab.model.batch.BatchedRollouts;

/**
 * FACT's autoregression for several sequences at once, one forward pass per step for all of them, by
 * the platform's batched rollouts ({@link BatchedRollouts}): each sequence runs FACT's own
 * one-sequence rollout ({@link FactGenerator#generate(GenerationRequest, ProgressMonitor)}) on a
 * thread of its own, unchanged; only its network differs: {@link FactGenerator} asks
 * {@link #joining(Network)} for it, and on a thread of a batch that is the batch's view of the real
 * network.
 */
final class BatchedRollout {

    private static final ThreadLocal<BatchedRollouts.Batch> CURRENT = new ThreadLocal<>();

    private BatchedRollout() {
    }

    /** The network a rollout on this thread should use: the batch's view of {@code real}, or {@code real}. */
    static Network joining(Network real) {
        BatchedRollouts.Batch b = CURRENT.get();
        return b == null ? real : new Joined(b, real);
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
        int total = 0;
        List<String> names = new ArrayList<>(n);
        List<BatchedRollouts.Rollout<MotionClip>> rollouts = new ArrayList<>(n);
        for (GenerationRequest r : batch) {
            total += r.frames();
            names.add(r.target().id());
            rollouts.add((b, part) -> {
                CURRENT.set(b);
                try {
                    return generator.generate(r, part);
                } finally {
                    CURRENT.remove();
                }
            });
        }
        String task = "FACT on " + generator.backend().engine() + ": " + n + " sequences in "
                + (groups == 1 ? "one batch" : groups + " batches side by side");
        // FACT's own network takes batches by construction: no comparison of the first batch with a row alone.
        return BatchedRollouts.run(names, rollouts, groups, BatchedRollouts.Check.TRUSTED, task, total, monitor);
    }

    /** One rollout's view of the network: its predictions go through the batch; the rest is the real network's. */
    private static final class Joined implements Network {
        private final BatchedRollouts.Batch batch;
        private final Network real;

        Joined(BatchedRollouts.Batch batch, Network real) {
            this.batch = batch;
            this.real = real;
        }

        @Override
        public List<Tensor> predict(List<Tensor> inputs) throws IOException {
            return batch.predict(real::predict, inputs);
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
