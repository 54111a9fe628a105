package org.choreolab.generators.exported.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.LoadedModel;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.model.Tensor;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.model.batch.BatchedRollouts;
import org.choreolab.motion.Autoregression;
import org.choreolab.motion.ClipOps;

/**
 * A generator around a model exported from Python (TorchScript or ONNX) and its descriptor
 * ({@link ExportedModel}). Its needs come from the descriptor (music encoder and rate, seed, what it
 * returns); the platform's generation service prepares them. The model runs in one of three modes —
 * {@link Autoregression} (FACT), {@link Windowed} (EDGE's long form), {@link Whole} (Bailando) — each
 * a loop of {@link ModelStep}s around the same call, with motion converted to and from the declared
 * representation ({@link MotionFormat}).
 *
 * <p>Several sequences given at once advance together, one forward pass per step for all
 * ({@link #generate(List, ProgressMonitor)}).
 *
 * <p>When the model is loaded on a device it is first run once on zeros of the declared input shapes,
 * and refused, with the shapes named, when what it returns does not fit its declared mode and
 * representation.
 */
public final class ExportedGenerator implements MotionGenerator {

    /** The music frames a whole-sequence model is probed with when it is loaded. */
    static final int PROBE_FRAMES = 8;

    private final ExportedModel model;
    private final MotionFormat format;
    private final Path file;
    private final Function<String, ModelBackend> backends;
    private final Map<String, LoadedModel> loaded = new ConcurrentHashMap<>();
    /** Per loaded model, what its first batch showed: {@link #BATCHES}, or why it runs one sequence at a time. */
    private final Map<LoadedModel, String> verdicts = new ConcurrentHashMap<>();
    private static final String BATCHES = "batches";
    private final GeneratorDescriptor descriptor;

    public ExportedGenerator(ExportedModel model, Path file, Function<String, ModelBackend> backends) {
        this.model = model;
        this.format = model.format();
        this.file = file;
        this.backends = backends;
        Map<String, String> p = new LinkedHashMap<>();
        p.put("file", file.getFileName().toString());
        p.put("representation", format.describe());
        p.put("mode", model.window());
        p.put("fps", ExportedModel.fmt(model.fps()) + (model.ratio() > 1 ? " (music " + ExportedModel.fmt(model.musicFps()) + ")" : ""));
        descriptor = new GeneratorDescriptor(model.id(), model.name(), model.engine(), p, model.needs());
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
        return generate(r, monitor, null);
    }

    /**
     * Several sequences advance together, one forward pass per step (per window; per track in whole
     * mode, tracks of equal length together) for all of them ({@link BatchedRollouts}), each by the
     * one-sequence loop of its mode. The first batch a loaded model is given is checked: its last row
     * run alone must give the same result. A model that fails on a batch (an ONNX file exported without
     * a dynamic batch axis) or mixes its rows runs one sequence at a time from then on, which is said
     * once, on stderr and to the monitor.
     */
    @Override
    public List<MotionClip> generate(List<GenerationRequest> batch, ProgressMonitor monitor) throws IOException {
        if (batch.size() <= 1) {
            return MotionGenerator.super.generate(batch, monitor);
        }
        GenerationRequest first = batch.get(0);
        for (GenerationRequest r : batch) {
            if (r.music() == null || !r.device().equals(first.device()) || r.music().dimensions() != first.music().dimensions()) {
                // one model per batch; the one-by-one path names what is wrong with each request
                return MotionGenerator.super.generate(batch, monitor);
            }
        }
        LoadedModel m = model(first.device(), first.music().dimensions());
        String known = verdicts.get(m);
        if (known != null && !known.equals(BATCHES)) {
            return MotionGenerator.super.generate(batch, monitor);
        }
        BatchedRollouts.Check check = known != null ? BatchedRollouts.Check.TRUSTED : new BatchedRollouts.Check(true,
                new BatchedRollouts.Verdict() {
                    @Override
                    public void batches() {
                        verdicts.put(m, BATCHES);
                    }

                    @Override
                    public void oneByOne(String why) {
                        verdicts.put(m, why);
                        // Said once per loaded model, beside the extender's other notes: the results are the same, the
                        // time is not, and the fix (a dynamic batch axis) is the model author's.
                        System.err.println("choreolab: " + model.id() + " runs one sequence at a time: " + why);
                    }
                });
        int n = batch.size();
        int groups = Math.max(1, Math.min(n, m.concurrentCalls()));
        int total = 0;
        List<String> names = new ArrayList<>(n);
        List<BatchedRollouts.Rollout<MotionClip>> rollouts = new ArrayList<>(n);
        for (GenerationRequest r : batch) {
            total += model.mode() == ExportedModel.Mode.WHOLE ? r.frames() * model.ratio() : r.frames();
            names.add(r.target().id());
            rollouts.add((b, part) -> generate(r, part, b));
        }
        String task = model.id() + ": " + n + " sequences in " + (groups == 1 ? "one batch" : groups + " batches side by side");
        return BatchedRollouts.run(names, rollouts, groups, check, task, total, monitor);
    }

    /** One sequence; its forward passes through {@code batch} when it is part of one (else null). */
    private MotionClip generate(GenerationRequest r, ProgressMonitor monitor, BatchedRollouts.Batch batch) throws IOException {
        AudioFeatures f = r.music();
        if (f == null) {
            throw new IOException(model.id() + " needs the " + model.musicEncoder() + " music features of " + r.target().id()
                    + "; the request carries none");
        }
        int musicDims = f.dimensions();
        if (model.musicDims() > 0 && musicDims != model.musicDims()) {
            throw new IOException(model.source() + ": field 'music.dimensions': the model reads " + model.musicDims() + " music features; the "
                    + model.musicEncoder() + " features of " + r.target().id() + " have " + musicDims);
        }
        if (!same(r.fps(), model.musicFps()) || !same(f.fps(), model.musicFps())) {
            throw new IOException(model.id() + " works at " + ExportedModel.fmt(model.musicFps()) + " fps; the request is at "
                    + ExportedModel.fmt(r.fps()) + " fps (music " + ExportedModel.fmt(f.fps())
                    + " fps): run it through the platform's generation service, which resamples");
        }
        LoadedModel m = model(r.device(), musicDims);
        BatchedRollouts.Pass pass = batch == null ? m::predict : in -> batch.predict(m::predict, in);
        MotionClip seed = seed(r);
        float[] music = f.values(new float[f.frameCount() * musicDims]);
        int d = format.dims();
        double fps = model.fps();
        String task = model.id() + ": " + r.target().id();
        int[] reported = {0};
        Autoregression.Progress progress = made -> {
            monitor.worked(made - reported[0]);
            reported[0] = made;
            return monitor.isCanceled();
        };
        switch (model.mode()) {
            case AUTOREGRESSIVE -> {
                int total = r.frames();
                monitor.begin(task, total);
                float[] seedValues = format.encode(seed, 0, seed.frameCount(), new float[seed.frameCount() * d], 0);
                ModelStep step = step(pass, model.motionFrames(), model.musicFrames(), musicDims, model.outputFrames(), false);
                float[] out = Autoregression.run(step::predict, seedValues, seed.frameCount(), d, model.motionFrames(), music, musicDims,
                        model.musicFrames(), model.keep(), total, progress);
                return format.decode(out, 0, total, fps);
            }
            case WINDOWED -> {
                int total = r.frames();
                monitor.begin(task, total);
                ModelStep step = step(pass, model.motionFrames(), model.outputFrames(), musicDims, model.outputFrames(), false);
                return Windowed.run(step, format, model.outputFrames(), model.stride(), seed, music, musicDims, total, fps, progress);
            }
            default -> {
                int musicFrames = r.frames();
                int total = musicFrames * model.ratio();
                monitor.begin(task, total);
                if (monitor.isCanceled()) {
                    throw new IOException("canceled");
                }
                ModelStep step = step(pass, model.motionFrames(), musicFrames, musicDims, total, true);
                MotionClip clip = Whole.run(step, format, seed, model.motionFrames(), music, musicDims, musicFrames, model.ratio(), fps);
                progress.frames(total);
                return clip;
            }
        }
    }

    /** The seed the model reads at its motion rate, or null when it reads none. */
    private MotionClip seed(GenerationRequest r) throws IOException {
        int frames = model.motionFrames();
        if (frames == 0) {
            return null;
        }
        MotionClip seed = r.seedMotion();
        if (model.ratio() > 1) {
            // The platform cut the seed at the music's (slower) rate; the model reads it at the motion's.
            MotionClip truth = r.dataset() != null ? r.dataset().motion(r.target()) : seed;
            if (truth != null) {
                int cover = (int) Math.ceil((frames - 1) * truth.fps() / model.fps() - 1e-9) + 1;
                seed = truth.slice(0, Math.min(truth.frameCount(), cover));
                if (!same(seed.fps(), model.fps())) {
                    seed = ClipOps.resample(seed, model.fps());
                }
                seed = seed.slice(0, Math.min(frames, seed.frameCount()));
            }
        }
        if (seed == null) {
            throw new IOException(model.id() + " needs a seed motion of " + frames + " frames");
        }
        if (format.needsRotations() && !seed.hasRotations()) {
            throw new IOException(model.id() + " needs a seed with joint rotations (" + format.describe() + "); the ground truth of "
                    + r.target().id() + " has joint positions only (no joint rotations)");
        }
        if (!same(seed.fps(), model.fps())) {
            throw new IOException(model.id() + " reads its seed at " + ExportedModel.fmt(model.fps()) + " fps; the request's is at "
                    + ExportedModel.fmt(seed.fps()) + " fps: run it through the platform's generation service, which resamples");
        }
        return seed;
    }

    /**
     * One call of the model with its inputs shaped as the descriptor says, its output checked: rank
     * 3, batch 1, {@code format.dims()} values per frame, {@code frames} frames (at least, when
     * {@code atLeast}). The same check refuses a model when it is loaded ({@link #probe}).
     */
    private ModelStep step(BatchedRollouts.Pass m, int motionFrames, int musicFrames, int musicDims, int frames, boolean atLeast) {
        int d = format.dims();
        return (motion, music) -> {
            List<Tensor> in = new ArrayList<>(2);
            if (motion != null) {
                in.add(new Tensor(new long[] {1, motionFrames, d}, motion));
            }
            in.add(new Tensor(new long[] {1, music.length / musicDims, musicDims}, music));
            List<Tensor> y;
            try {
                y = m.predict(in);
            } catch (IOException | RuntimeException e) {
                throw new IOException(file.getFileName() + ": the model fails on " + inputs(in) + ": " + e.getMessage(), e);
            }
            long[] shape = y == null || y.isEmpty() ? null : y.get(0).shape();
            boolean fits = shape != null && shape.length == 3 && shape[0] == 1 && shape[2] == d
                    && (atLeast ? shape[1] >= frames : shape[1] == frames);
            if (!fits) {
                throw new IOException(refusal(shape, in, frames, atLeast));
            }
            return y.get(0).data();
        };
    }

    /** "motion [1, 120, 225] and music [1, 240, 35]". */
    private static String inputs(List<Tensor> in) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < in.size(); i++) {
            b.append(i == 0 ? "" : " and ").append(in.size() == 2 && i == 0 ? "motion " : "music ").append(Arrays.toString(in.get(i).shape()));
        }
        return b.toString();
    }

    private String refusal(long[] shape, List<Tensor> in, int frames, boolean atLeast) {
        return file.getFileName() + ": the model returns " + (shape == null ? "nothing" : Arrays.toString(shape)) + " for " + inputs(in)
                + "; " + model.source() + " declares " + format.describe() + " in " + model.mode() + " mode, which needs [1, "
                + (atLeast ? "at least " : "") + frames + ", " + format.dims() + "]";
    }

    /** Runs the model once on zeros of the declared input shapes: what it returns must fit the descriptor. */
    private void probe(LoadedModel m, int musicDims) throws IOException {
        int d = format.dims();
        int motionFrames = model.motionFrames();
        float[] motion = motionFrames > 0 ? new float[motionFrames * d] : null;
        switch (model.mode()) {
            case AUTOREGRESSIVE -> step(m::predict, motionFrames, model.musicFrames(), musicDims, model.outputFrames(), false)
                    .predict(motion, new float[model.musicFrames() * musicDims]);
            case WINDOWED -> step(m::predict, motionFrames, model.outputFrames(), musicDims, model.outputFrames(), false)
                    .predict(motion, new float[model.outputFrames() * musicDims]);
            default -> step(m::predict, motionFrames, PROBE_FRAMES, musicDims, PROBE_FRAMES * model.ratio(), true)
                    .predict(motion, new float[PROBE_FRAMES * musicDims]);
        }
    }

    private LoadedModel model(String device, int musicDims) throws IOException {
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
                    try {
                        probe(m, musicDims);
                    } catch (IOException | RuntimeException e) {
                        m.close();
                        throw e;
                    }
                    loaded.put(device, m);
                }
            }
        }
        return m;
    }

    private static boolean same(double a, double b) {
        return Math.abs(a - b) < 1e-9;
    }

    /** Closes the models loaded on each device (the extender calls it when the generator goes). */
    public void close() {
        loaded.values().forEach(LoadedModel::close);
        loaded.clear();
        verdicts.clear();
    }
}
