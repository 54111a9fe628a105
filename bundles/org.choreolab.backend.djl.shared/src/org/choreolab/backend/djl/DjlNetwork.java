package org.choreolab.backend.djl;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.TrainingData;
import org.choreolab.api.model.TrainingOptions;
import org.choreolab.api.model.TrainingReport;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;

/** A network built from DJL blocks inside one engine. */
final class DjlNetwork extends DjlLoadedModel implements Network {

    private final Shape[] inputShapes;

    DjlNetwork(DjlBackend backend, Model model, Shape[] inputShapes) {
        super(backend, model);
        this.inputShapes = inputShapes;
    }

    @Override
    public List<long[]> inputShapes() {
        List<long[]> out = new ArrayList<>();
        for (Shape s : inputShapes) {
            out.add(s.getShape());
        }
        return out;
    }

    @Override
    public long parameterCount() {
        long n = 0;
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    @Override
    public void saveParameters(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        backend.call(() -> {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                model.getBlock().saveParameters(out);
            }
            return null;
        });
        // Written aside and moved, so a crash never leaves half a parameter file under the real name.
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // the temporary file's owner-only mode only exists on POSIX file systems
        }
    }

    @Override
    public void loadParameters(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such parameter file");
        }
        backend.call(() -> {
            // DJL checks each parameter's name but takes its shape from the file: a file of a network with the
            // same layers at other widths would load silently and fail (or worse, not fail) later. So the shapes
            // the network was built with are compared with what was read.
            List<Shape> built = new ArrayList<>();
            for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                built.add(p.getValue().isInitialized() ? p.getValue().getArray().getShape() : null);
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                model.getBlock().loadParameters(model.getNDManager(), in);
                List<String> misfits = new ArrayList<>();
                int i = 0;
                for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                    Shape read = p.getValue().isInitialized() ? p.getValue().getArray().getShape() : null;
                    if (built.get(i) != null && !built.get(i).equals(read)) {
                        misfits.add(p.getKey() + " is " + read + " in the file, " + built.get(i) + " in the network");
                    }
                    i++;
                }
                if (!misfits.isEmpty()) {
                    throw new IOException(file + ": parameters do not fit this network (" + misfits.size() + " of another shape: "
                            + String.join("; ", misfits.subList(0, Math.min(3, misfits.size()))) + (misfits.size() > 3 ? "; …" : "")
                            + "); the network is unusable until parameters that fit are loaded");
                }
            } catch (ai.djl.MalformedModelException | IllegalArgumentException | IllegalStateException e) {
                throw new IOException(file + ": parameters do not fit this network (" + e.getMessage() + ")", e);
            } catch (java.io.EOFException e) {
                throw new IOException(file + ": truncated parameter file", e);
            }
            return null;
        });
    }

    @Override
    public TrainingReport train(TrainingData data, TrainingOptions options, ProgressMonitor monitor) throws IOException {
        return backend.call(() -> {
            long start = System.nanoTime();
            int n = data.size();
            if (n == 0) {
                throw new IOException("training data: no examples");
            }
            int batches = (n + options.batchSize() - 1) / options.batchSize();
            monitor.begin("Training on " + backend.engine() + " (" + n + " examples)", options.epochs() * batches);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(options.learningRate())).build();
            // weight 1: the plain mean of squared differences, FACT's loss (DJL's default halves it)
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss("mse", 1f)).optOptimizer(adam)
                    .optDevices(new ai.djl.Device[] {model.getNDManager().getDevice()});
            List<Double> losses = new ArrayList<>();
            boolean canceled = false;
            Random random = new Random(options.seed());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShapes);
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                epochs:
                for (int epoch = 0; epoch < options.epochs(); epoch++) {
                    shuffle(order, random);
                    double sum = 0;
                    int count = 0;
                    for (int b = 0; b < batches; b++) {
                        if (monitor.isCanceled()) {
                            canceled = true;
                            break epochs;
                        }
                        int from = b * options.batchSize(), to = Math.min(n, from + options.batchSize());
                        TrainingData.Batch batch = data.batch(java.util.Arrays.copyOfRange(order, from, to));
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDList in = Tensors.toNd(m, batch.inputs());
                            NDList label = Tensors.toNd(m, List.of(batch.label()));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList pred = trainer.forward(in);
                                NDArray loss = trainer.getLoss().evaluate(label, pred);
                                gc.backward(loss);
                                sum += loss.getFloat() * (to - from);
                                count += to - from;
                            }
                            trainer.step();
                        }
                        monitor.worked(1);
                    }
                    losses.add(sum / count);
                    monitor.subTask("epoch " + (epoch + 1) + "/" + options.epochs() + ": loss " + String.format(java.util.Locale.ROOT, "%.5f", sum / count));
                }
            }
            return new TrainingReport(losses, canceled, (System.nanoTime() - start) / 1e9);
        });
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
