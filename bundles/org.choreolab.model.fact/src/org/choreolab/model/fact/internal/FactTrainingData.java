package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.Tensor;
import org.choreolab.api.model.TrainingData;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.ClipOps;
import org.choreolab.motion.FactMotion;

/**
 * FACT's training examples, as mint's {@code fact_preprocessing} cuts them: from a window start s,
 * motion [s, s+120) and music [s, s+240) in, motion [s+120, s+140) out, all at 60 fps; a sequence
 * is used when it holds a whole window of max(120 + 20, 240) = 240 frames.
 *
 * <p>{@link Sampling#RANDOM} (the default) is mint's: every time a sequence is drawn, its window
 * starts at a uniformly random frame of [0, frames − 240] ({@code tf.random.uniform([], 0,
 * motion_seq_length - windows_size + 1)}); an epoch draws every sequence {@code windows} times (mint's
 * pipeline passes over its records one window each, {@code shuffle(100).repeat()}), in an order the
 * trainer shuffles. {@link Sampling#STRIDE} is Choreolab's earlier fixed set: every start on a stride.
 */
public final class FactTrainingData implements TrainingData {

    public static final double FPS = 60;

    /** How windows are drawn. */
    public enum Sampling {
        /** mint's: a new uniformly random window start each time a sequence is drawn. */
        RANDOM("random"),
        /** Every start on a stride, the same windows every epoch (not mint). */
        STRIDE("stride");

        private final String id;

        Sampling(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Sampling of(String v) {
            for (Sampling s : values()) {
                if (s.id.equals(v == null ? "" : v.trim())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("expected random (mint's) or stride, got '" + v + "'");
        }
    }

    private final FactConfig c;
    private final int window;
    private final List<float[]> motions = new ArrayList<>();
    private final List<float[]> audios = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final List<int[]> strided = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private Sampling sampling = Sampling.RANDOM;
    private int windows = 1;
    private int stride;
    private SplittableRandom starts = new SplittableRandom(0);
    private float noise;
    private long batches;
    private long noiseSeed;

    private FactTrainingData(FactConfig c) {
        this.c = c;
        this.window = Math.max(c.motionLength() + c.outputFrames(), c.audioLength());
    }

    /** The sequences usable for training (each at least one window long, with music), mint's sampling. */
    public static FactTrainingData build(Dataset dataset, List<Sequence> sequences, AudioEncoder fact35, FactConfig c,
            ProgressMonitor monitor) throws IOException {
        FactTrainingData d = new FactTrainingData(c);
        monitor.begin("Reading " + sequences.size() + " training sequences", sequences.size());
        for (Sequence s : sequences) {
            if (monitor.isCanceled()) {
                break;
            }
            monitor.subTask(s.id());
            MotionClip clip = dataset.motion(s);
            if (clip.fps() != FPS) {
                clip = ClipOps.resample(clip, FPS);
            }
            int t = clip.frameCount();
            Path wav = dataset.music(s).orElse(null);
            if (t < d.window || wav == null) {
                d.skipped.add(s.id() + (wav == null ? ": no music" : ": " + t + " frames, FACT needs " + d.window));
                monitor.worked(1);
                continue;
            }
            AudioFeatures f = fact35.encode(wav, FPS, t, Map.of(AudioEncoder.OPTION_MUSIC_ID, s.musicId()));
            if (f.dimensions() != c.audioDim()) {
                throw new IOException(fact35.id() + " gave " + f.dimensions() + " music features, FACT expects " + c.audioDim());
            }
            if (f.frameCount() < t) {
                throw new IOException(fact35.id() + " gave " + f.frameCount() + " frames of music features for " + s.id()
                        + ", " + t + " were asked for");
            }
            d.motions.add(FactMotion.encode(clip, new float[t * FactMotion.DIM]));
            d.audios.add(f.values(new float[f.frameCount() * f.dimensions()]));
            d.lengths.add(t);
            monitor.worked(1);
        }
        return d;
    }

    /**
     * mint's sampling: each of the {@code windowsPerSequence} draws of a sequence per epoch takes a
     * uniformly random window start; the starts are drawn from {@code seed}, batch after batch.
     */
    public FactTrainingData random(int windowsPerSequence, long seed) {
        if (windowsPerSequence <= 0) {
            throw new IllegalArgumentException("windows: expected a positive count, got " + windowsPerSequence);
        }
        this.sampling = Sampling.RANDOM;
        this.windows = windowsPerSequence;
        this.starts = new SplittableRandom(seed);
        return this;
    }

    /** Every window start on a stride of {@code frames} (not mint): the same windows every epoch. */
    public FactTrainingData stride(int frames) {
        if (frames <= 0) {
            throw new IllegalArgumentException("stride: expected a positive number of frames, got " + frames);
        }
        this.sampling = Sampling.STRIDE;
        this.stride = frames;
        strided.clear();
        for (int k = 0; k < lengths.size(); k++) {
            for (int start = 0; start + window <= lengths.get(k); start += frames) {
                strided.add(new int[] {k, start});
            }
        }
        return this;
    }

    /**
     * Adds Gaussian noise of this standard deviation to the motion windows (not to the labels), so
     * that the model learns to come back from its own small errors when its outputs are fed back.
     * mint trains without it (0, the default).
     */
    public FactTrainingData noise(float sigma, long seed) {
        this.noise = sigma;
        this.noiseSeed = seed;
        return this;
    }

    public Sampling sampling() {
        return sampling;
    }

    /** The number of sequences used. */
    public int sequences() {
        return lengths.size();
    }

    /** Sequences left out, each with why. */
    public List<String> skipped() {
        return skipped;
    }

    /** Examples per epoch: sequences × windows per sequence (random), or every strided window. */
    @Override
    public int size() {
        return sampling == Sampling.RANDOM ? lengths.size() * windows : strided.size();
    }

    @Override
    public Batch batch(int[] indices) {
        int b = indices.length, md = c.motionDim(), ad = c.audioDim();
        float[] motion = new float[b * c.motionLength() * md];
        float[] audio = new float[b * c.audioLength() * ad];
        float[] label = new float[b * c.outputFrames() * md];
        for (int i = 0; i < b; i++) {
            int k, s;
            if (sampling == Sampling.RANDOM) {
                k = indices[i] % lengths.size();
                s = starts.nextInt(lengths.get(k) - window + 1);
            } else {
                int[] e = strided.get(indices[i]);
                k = e[0];
                s = e[1];
            }
            float[] m = motions.get(k), a = audios.get(k);
            System.arraycopy(m, s * md, motion, i * c.motionLength() * md, c.motionLength() * md);
            System.arraycopy(a, s * ad, audio, i * c.audioLength() * ad, c.audioLength() * ad);
            System.arraycopy(m, (s + c.motionLength()) * md, label, i * c.outputFrames() * md, c.outputFrames() * md);
        }
        if (noise > 0) {
            Random r = new Random(noiseSeed * 1_000_003L + batches);
            for (int i = 0; i < motion.length; i++) {
                motion[i] += (float) (noise * r.nextGaussian());
            }
        }
        batches++;
        return new Batch(List.of(new Tensor(new long[] {b, c.motionLength(), md}, motion),
                new Tensor(new long[] {b, c.audioLength(), ad}, audio)),
                new Tensor(new long[] {b, c.outputFrames(), md}, label));
    }
}
