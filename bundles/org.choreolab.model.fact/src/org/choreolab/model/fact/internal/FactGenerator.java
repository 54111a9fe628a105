package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.Tensor;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.Autoregression;
import org.choreolab.motion.FactMotion;

/**
 * FACT on one engine. Generation is mint's infer_auto_regressive: from the 120-frame seed and the
 * music window starting with it, predict, keep the first predicted frame, shift both windows by one
 * frame, repeat. The clip returned is the seed followed by the generated frames.
 *
 * <p>It declares what it needs (fact35 features and a seed of the model's motion window, both at
 * 60 fps, and returns rotations); the platform's generation service prepares and converts the rest.
 */
final class FactGenerator implements MotionGenerator {

    private final ModelBackend backend;
    /** The music features FACT was trained on. */
    static final String ENCODER = "fact35";

    private final Supplier<FactModel> model;
    private final Map<String, Network> networks = new ConcurrentHashMap<>();
    private final GeneratorDescriptor descriptor;

    FactGenerator(ModelBackend backend, FactModel shippedOrNull, Supplier<FactModel> model) {
        this.backend = backend;
        this.model = model;
        String e = backend.engine();
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("engine", e);
        if (shippedOrNull != null) {
            FactConfig c = shippedOrNull.config();
            p.put("size", c.hidden() + " wide, " + c.motionLayers() + "+" + c.audioLayers() + "+" + c.crossLayers() + " layers");
            p.put("trained on", shippedOrNull.trainedOn());
        }
        int seed = (shippedOrNull != null ? shippedOrNull.config() : FactConfig.SMALL).motionLength();
        descriptor = new GeneratorDescriptor("fact-" + e.toLowerCase(java.util.Locale.ROOT), "FACT (" + e + ")", e, p,
                new GeneratorNeeds(ENCODER, seed, FactTrainingData.FPS, GeneratorOutput.ROTATIONS));
    }

    @Override
    public GeneratorDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public String description() {
        return "FACT, the full-attention cross-modal transformer of AI Choreographer, on " + backend.engine()
                + " (" + descriptor.parameters().getOrDefault("trained on", "no model") + ")";
    }

    ModelBackend backend() {
        return backend;
    }

    @Override
    public MotionClip generate(GenerationRequest r, ProgressMonitor monitor) throws IOException {
        FactModel m = model.get();
        FactConfig c = m.config();
        Network net = network(m, r.device());
        if (r.seedMotion() == null) {
            throw new IOException("FACT needs a seed motion (the first " + c.motionLength() + " frames)");
        }
        MotionClip seed = r.seedMotion();
        if (!seed.hasRotations()) {
            throw new IOException("FACT needs a seed with joint rotations; the ground truth of " + r.target().id()
                    + " has joint positions only (no joint rotations)");
        }
        if (r.fps() != FactTrainingData.FPS || seed.fps() != FactTrainingData.FPS) {
            throw new IOException("FACT works at " + (int) FactTrainingData.FPS + " fps; the request is at " + r.fps()
                    + " fps (seed " + seed.fps() + " fps): run it through the platform's generation service, which resamples");
        }
        int total = r.frames();
        int md = c.motionDim(), ad = c.audioDim(), ml = c.motionLength(), al = c.audioLength();
        float[] seedFeatures = FactMotion.encode(seed, new float[seed.frameCount() * md]);
        float[] audio = musicFeatures(r, c);
        long[] motionShape = {1, ml, md}, audioShape = {1, al, ad};
        monitor.begin("FACT on " + backend.engine() + ": " + r.target().id(), total);
        int[] reported = {0};
        float[] out = Autoregression.run((motionWindow, musicWindow) -> {
            float[] next = net.predict(List.of(new Tensor(motionShape, motionWindow), new Tensor(audioShape, musicWindow))).get(0).data();
            // The kept frame goes back in as the pose it stands for: rotation blocks projected to the
            // nearest rotations (mint feeds the raw output back, which drifts off the space of poses).
            FactMotion.projectRotations(next, 0);
            return next;
        }, seedFeatures, seed.frameCount(), md, ml, audio, ad, al, 1, total,
                made -> {
                    monitor.worked(made - reported[0]);
                    reported[0] = made;
                    return monitor.isCanceled();
                });
        return FactMotion.decode(out, total, FactTrainingData.FPS);
    }

    /** Several sequences advance together, one forward pass per step for all ({@link BatchedRollout}). */
    @Override
    public List<MotionClip> generate(List<GenerationRequest> batch, ProgressMonitor monitor) throws IOException {
        return BatchedRollout.generate(this, batch, monitor);
    }

    private Network network(FactModel m, String device) throws IOException {
        String key = m.dir() + "|" + device;
        Network n = networks.get(key);
        if (n == null) {
            synchronized (networks) {
                n = networks.get(key);
                if (n == null) {
                    n = backend.network(FactModel.CODE, m.config().toOptions(), device);
                    try {
                        n.loadParameters(m.params());
                    } catch (IOException e) {
                        n.close();
                        throw e;
                    }
                    networks.put(key, n);
                }
            }
        }
        return BatchedRollout.joining(n);
    }

    /** FACT's 35 music features of the whole track at 60 fps, as declared. */
    private static float[] musicFeatures(GenerationRequest r, FactConfig c) throws IOException {
        AudioFeatures f = r.music();
        if (f == null) {
            throw new IOException("FACT needs the " + ENCODER + " music features of " + r.target().id() + "; the request carries none");
        }
        if (f.fps() != FactTrainingData.FPS) {
            throw new IOException(ENCODER + " features at " + f.fps() + " fps, FACT expects " + (int) FactTrainingData.FPS);
        }
        if (f.dimensions() != c.audioDim()) {
            throw new IOException(ENCODER + " gave " + f.dimensions() + " features, the model expects " + c.audioDim());
        }
        return f.values(new float[f.frameCount() * f.dimensions()]);
    }

    void close() {
        networks.values().forEach(Network::close);
        networks.clear();
    }
}
