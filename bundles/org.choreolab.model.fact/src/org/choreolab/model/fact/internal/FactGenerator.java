package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.Tensor;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.Autoregression;
import org.choreolab.motion.ClipOps;
import org.choreolab.motion.FactMotion;

/**
 * FACT on one engine. Generation is mint's infer_auto_regressive: from the 120-frame seed and the
 * music window starting with it, predict, keep the first predicted frame, shift both windows by one
 * frame, repeat. The clip returned is the seed followed by the generated frames.
 */
final class FactGenerator implements MotionGenerator {

    private final ModelBackend backend;
    private final Supplier<FactModel> model;
    private final Supplier<List<AudioEncoder>> encoders;
    private final Map<String, Network> networks = new ConcurrentHashMap<>();
    private final Map<Path, AudioFeatures> music = new ConcurrentHashMap<>();
    private final GeneratorDescriptor descriptor;

    FactGenerator(ModelBackend backend, FactModel shippedOrNull, Supplier<FactModel> model, Supplier<List<AudioEncoder>> encoders) {
        this.backend = backend;
        this.model = model;
        this.encoders = encoders;
        String e = backend.engine();
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("engine", e);
        if (shippedOrNull != null) {
            FactConfig c = shippedOrNull.config();
            p.put("size", c.hidden() + " wide, " + c.motionLayers() + "+" + c.audioLayers() + "+" + c.crossLayers() + " layers");
            p.put("trained on", shippedOrNull.trainedOn());
        }
        descriptor = new GeneratorDescriptor("fact-" + e.toLowerCase(java.util.Locale.ROOT), "FACT (" + e + ")", e, p, true);
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
        MotionClip seed = r.seedMotion().fps() == FactTrainingData.FPS ? r.seedMotion() : ClipOps.resample(r.seedMotion(), FactTrainingData.FPS);
        int total = (int) Math.round(r.frames() * FactTrainingData.FPS / r.fps());
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
        MotionClip clip = FactMotion.decode(out, total, FactTrainingData.FPS);
        if (r.fps() != FactTrainingData.FPS) {
            clip = ClipOps.resample(clip, r.fps());
        }
        return clip.frameCount() == r.frames() ? clip : clip.slice(0, Math.min(clip.frameCount(), r.frames()));
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
        return n;
    }

    /** FACT's 35 music features of the whole track at 60 fps, from the fact35 encoder; cached per file. */
    private float[] musicFeatures(GenerationRequest r, FactConfig c) throws IOException {
        Path wav = r.dataset() == null ? null : r.dataset().music(r.target()).orElse(null);
        if (wav == null) {
            throw new IOException("FACT needs music; none found for " + r.target().id());
        }
        AudioFeatures f = music.get(wav);
        if (f == null) {
            AudioEncoder enc = encoders.get().stream().filter(e -> e.id().equals("fact35")).findFirst()
                    .orElseThrow(() -> new IOException("FACT needs the fact35 audio encoder, which is not installed"));
            f = enc.encode(wav, FactTrainingData.FPS, -1, Map.of(AudioEncoder.OPTION_MUSIC_ID, r.target().musicId()));
            music.put(wav, f);
        }
        if (f.dimensions() != c.audioDim()) {
            throw new IOException("fact35 gave " + f.dimensions() + " features, the model expects " + c.audioDim());
        }
        return f.values(new float[f.frameCount() * f.dimensions()]);
    }

    void close() {
        networks.values().forEach(Network::close);
        networks.clear();
    }
}
