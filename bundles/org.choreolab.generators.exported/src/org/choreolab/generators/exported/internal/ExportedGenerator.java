package org.choreolab.generators.exported.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.LoadedModel;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.model.Tensor;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.Autoregression;
import org.choreolab.motion.FactMotion;

/**
 * A generator around a model exported from Python (TorchScript or ONNX) and its descriptor: the
 * model is called with (motion window, music window) and continued autoregressively. Its needs come
 * from the descriptor (music encoder, motion window as the seed, frame rate); the platform's
 * generation service prepares them.
 */
final class ExportedGenerator implements MotionGenerator {

    private final ExportedModel model;
    private final Path file;
    private final Function<String, ModelBackend> backends;
    private final Map<String, LoadedModel> loaded = new ConcurrentHashMap<>();
    private final GeneratorDescriptor descriptor;

    ExportedGenerator(ExportedModel model, Path file, Function<String, ModelBackend> backends) {
        this.model = model;
        this.file = file;
        this.backends = backends;
        descriptor = new GeneratorDescriptor(model.id(), model.name(), model.engine(),
                Map.of("file", file.getFileName().toString(), "window", model.motionFrames() + " motion + " + model.musicFrames()
                        + " music frames", "keeps", model.keep() + " of " + model.outputFrames() + " per step"),
                new GeneratorNeeds(model.musicEncoder(), model.motionFrames(), model.fps(), GeneratorOutput.ROTATIONS));
    }

    @Override
    public GeneratorDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String description() {
        return model.description().isEmpty() ? "Exported " + model.engine() + " model " + file.getFileName() : model.description();
    }

    @Override
    public MotionClip generate(GenerationRequest r, ProgressMonitor monitor) throws IOException {
        LoadedModel m = model(r.device());
        if (r.seedMotion() == null) {
            throw new IOException(model.id() + " needs a seed motion of " + model.motionFrames() + " frames");
        }
        MotionClip seed = r.seedMotion();
        if (!seed.hasRotations()) {
            throw new IOException(model.id() + " needs a seed with joint rotations (fact225 frames); the ground truth of "
                    + r.target().id() + " has joint positions only (no joint rotations)");
        }
        if (r.fps() != model.fps() || seed.fps() != model.fps()) {
            throw new IOException(model.id() + " works at " + model.fps() + " fps; the request is at " + r.fps() + " fps (seed "
                    + seed.fps() + " fps): run it through the platform's generation service, which resamples");
        }
        int total = r.frames();
        float[] seedFeatures = FactMotion.encode(seed, new float[seed.frameCount() * FactMotion.DIM]);
        AudioFeatures f = r.music();
        if (f == null) {
            throw new IOException(model.id() + " needs the " + model.musicEncoder() + " music features of " + r.target().id()
                    + "; the request carries none");
        }
        float[] audio = f.values(new float[f.frameCount() * f.dimensions()]);
        long[] motionShape = {1, model.motionFrames(), FactMotion.DIM};
        long[] musicShape = {1, model.musicFrames(), f.dimensions()};
        monitor.begin(model.id() + ": " + r.target().id(), total);
        int[] reported = {0};
        float[] out = Autoregression.run((mw, aw) -> {
            List<Tensor> y = m.predict(List.of(new Tensor(motionShape, mw), new Tensor(musicShape, aw)));
            long[] shape = y.get(0).shape();
            if (shape.length != 3 || shape[2] != FactMotion.DIM) {
                throw new IOException(file + ": output shape " + java.util.Arrays.toString(shape) + ", expected [1, "
                        + model.outputFrames() + ", " + FactMotion.DIM + "]");
            }
            return y.get(0).data();
        }, seedFeatures, seed.frameCount(), FactMotion.DIM, model.motionFrames(), audio, f.dimensions(), model.musicFrames(),
                model.keep(), total, made -> {
                    monitor.worked(made - reported[0]);
                    reported[0] = made;
                    return monitor.isCanceled();
                });
        return FactMotion.decode(out, total, model.fps());
    }

    private LoadedModel model(String device) throws IOException {
        LoadedModel m = loaded.get(device);
        if (m == null) {
            synchronized (loaded) {
                m = loaded.get(device);
                if (m == null) {
                    ModelBackend b = backends.apply(model.engine());
                    if (b == null) {
                        throw new IOException(model.id() + " needs the " + model.engine() + " backend, which is not installed");
                    }
                    m = b.load(file, device);
                    loaded.put(device, m);
                }
            }
        }
        return m;
    }

    void close() {
        loaded.values().forEach(LoadedModel::close);
        loaded.clear();
    }
}
