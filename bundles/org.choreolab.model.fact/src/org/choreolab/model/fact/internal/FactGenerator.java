package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.Autoregression;
import org.choreolab.motion.FactMotion;

/**
 * FACT on one engine. Generation is mint's infer_auto_regressive ({@link FactRollout}): from the
 * 120-frame seed and the music window starting with it, predict, keep the first predicted frame,
 * shift both windows by one frame, repeat. The clip returned is the seed followed by the generated
 * frames.
 *
 * <p>It declares what it needs (fact35 features and a seed of the model's motion window, both at
 * 60 fps, and returns rotations); the platform's generation service prepares and converts the rest.
 * Its parameters, each overridable per run ({@code --param KEY=VALUE}):
 * <ul>
 * <li>{@code feedback}: {@code raw} (mint) or {@code projected} (Choreolab's deviation); the model's
 * {@code fact.json} says which it was made for ({@link FactModel#feedback()});
 * <li>{@code music_end}: {@code stop} (mint: the clip ends with the last whole music window, and is
 * then shorter than asked) or {@code repeat-last} (the music's last frame repeats until the frames
 * asked for are made);
 * <li>{@code short_seed}: {@code error} (mint: a seed shorter than the motion window is refused) or
 * {@code pad-first} (padded in front with its first frame).
 * </ul>
 */
final class FactGenerator implements MotionGenerator {

    /** The music features FACT was trained on. */
    static final String ENCODER = "fact35";
    static final String MUSIC_END = "music_end", SHORT_SEED = "short_seed";
    private static final Set<String> PARAMETERS = Set.of(Feedback.KEY, MUSIC_END, SHORT_SEED);

    private final ModelBackend backend;
    private final Supplier<FactModel> model;
    private final Map<String, Network> networks = new ConcurrentHashMap<>();
    private final GeneratorDescriptor descriptor;

    FactGenerator(ModelBackend backend, FactModel shippedOrNull, Supplier<FactModel> model) {
        this.backend = backend;
        this.model = model;
        String e = backend.engine();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("engine", e);
        if (shippedOrNull != null) {
            FactConfig c = shippedOrNull.config();
            p.put("size", c.hidden() + " wide, " + c.motionLayers() + "+" + c.audioLayers() + "+" + c.crossLayers() + " layers");
            p.put("trained on", shippedOrNull.trainedOn());
        }
        p.put(Feedback.KEY, (shippedOrNull != null ? shippedOrNull.feedback() : FactModel.DEFAULT_FEEDBACK).id());
        p.put(MUSIC_END, "stop");
        p.put(SHORT_SEED, "error");
        int seed = (shippedOrNull != null ? shippedOrNull.config() : FactConfig.SMALL).motionLength();
        descriptor = new GeneratorDescriptor("fact-" + e.toLowerCase(Locale.ROOT), "FACT (" + e + ")", e, p,
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

    /** How many forward passes the network for {@code r}'s device may run at once (LoadedModel#concurrentCalls). */
    int concurrentCalls(GenerationRequest r) throws IOException {
        return network(model.get(), r.device()).concurrentCalls();
    }

    @Override
    public MotionClip generate(GenerationRequest r, ProgressMonitor monitor) throws IOException {
        FactModel m = model.get();
        FactConfig c = m.config();
        for (String key : r.parameters().keySet()) {
            if (!PARAMETERS.contains(key)) {
                throw new IOException("FACT has no parameter '" + key + "' (its parameters: feedback, music_end, short_seed)");
            }
        }
        Feedback feedback;
        try {
            feedback = Feedback.of(r.parameter(Feedback.KEY, m.feedback().id()));
        } catch (IllegalArgumentException e) {
            throw new IOException("parameter " + Feedback.KEY + ": " + e.getMessage(), e);
        }
        Autoregression.Policy policy = new Autoregression.Policy(
                choice(r, MUSIC_END, "stop", Autoregression.MusicEnd.STOP, "repeat-last", Autoregression.MusicEnd.REPEAT_LAST),
                choice(r, SHORT_SEED, "error", Autoregression.ShortSeed.ERROR, "pad-first", Autoregression.ShortSeed.PAD_FIRST));
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
        int ml = c.motionLength(), al = c.audioLength();
        if (seed.frameCount() < ml && policy.shortSeed() == Autoregression.ShortSeed.ERROR) {
            throw new IOException("FACT needs a seed of " + ml + " frames (" + ml / FactTrainingData.FPS + " s at 60 fps); "
                    + r.target().id() + " gives " + seed.frameCount() + " (mint refuses shorter seeds; --param "
                    + SHORT_SEED + "=pad-first pads it with its first frame)");
        }
        float[] audio = musicFeatures(r, c);
        int musicFrames = audio.length / c.audioDim();
        int total = r.frames();
        if (policy.musicEnd() == Autoregression.MusicEnd.STOP) {
            total = Autoregression.framesWithinMusic(seed.frameCount(), ml, musicFrames, al, 1, total);
            if (total <= Math.min(seed.frameCount(), r.frames()) && r.frames() > seed.frameCount()) {
                throw new IOException("the music of " + r.target().id() + " has " + musicFrames + " frames of " + ENCODER
                        + " features at 60 fps; FACT needs " + al + " for one step (mint stops there; --param "
                        + MUSIC_END + "=repeat-last repeats its last frame)");
            }
        }
        Network net = network(m, r.device());
        float[] seedFeatures = FactMotion.encode(seed, new float[seed.frameCount() * c.motionDim()]);
        monitor.begin("FACT on " + backend.engine() + ": " + r.target().id(), total);
        int[] reported = {0};
        float[] out = new FactRollout(net, c, feedback, policy).run(seedFeatures, seed.frameCount(), audio, total,
                made -> {
                    monitor.worked(made - reported[0]);
                    reported[0] = made;
                    return monitor.isCanceled();
                });
        return FactMotion.decode(out, out.length / c.motionDim(), FactTrainingData.FPS);
    }

    private static <T> T choice(GenerationRequest r, String key, String a, T va, String b, T vb) throws IOException {
        String v = r.parameter(key, a).trim().toLowerCase(Locale.ROOT);
        if (v.equals(a)) {
            return va;
        }
        if (v.equals(b)) {
            return vb;
        }
        throw new IOException("parameter " + key + ": expected " + a + " (mint's) or " + b + ", got '" + r.parameter(key, a) + "'");
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
