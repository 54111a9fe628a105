package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * FACT's training examples, as mint's fact_preprocessing cuts them: from a window start s, motion
 * [s, s+120) and music [s, s+240) in, motion [s+120, s+140) out, all at 60 fps. mint draws one random
 * start per sequence and step; here every start on a stride is an example and epochs shuffle them.
 */
public final class FactTrainingData implements TrainingData {

    public static final double FPS = 60;

    private final FactConfig c;
    private final List<float[]> motions = new ArrayList<>();
    private final List<float[]> audios = new ArrayList<>();
    private final List<int[]> examples = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private float noise;
    private long batches;
    private long seed;

    private FactTrainingData(FactConfig c) {
        this.c = c;
    }

    /**
     * Adds Gaussian noise of this standard deviation to the motion windows (not to the labels), so
     * that the model learns to come back from its own small errors when its outputs are fed back.
     * mint trains without it (0, the default); the shipped small model uses it (see fact.json).
     */
    public FactTrainingData noise(float sigma, long seed) {
        this.noise = sigma;
        this.seed = seed;
        return this;
    }

    public static FactTrainingData build(Dataset dataset, List<Sequence> sequences, AudioEncoder fact35, FactConfig c,
            int stride, ProgressMonitor monitor) throws IOException {
        FactTrainingData d = new FactTrainingData(c);
        int window = Math.max(c.motionLength() + c.outputFrames(), c.audioLength());
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
            if (t < window || wav == null) {
                d.skipped.add(s.id() + (wav == null ? ": no music" : ": " + t + " frames, FACT needs " + window));
                monitor.worked(1);
                continue;
            }
            AudioFeatures f = fact35.encode(wav, FPS, t, Map.of(AudioEncoder.OPTION_MUSIC_ID, s.musicId()));
            if (f.dimensions() != c.audioDim()) {
                throw new IOException(fact35.id() + " gave " + f.dimensions() + " music features, FACT expects " + c.audioDim());
            }
            int k = d.motions.size();
            d.motions.add(FactMotion.encode(clip, new float[t * FactMotion.DIM]));
            d.audios.add(f.values(new float[f.frameCount() * f.dimensions()]));
            for (int start = 0; start + window <= t; start += stride) {
                d.examples.add(new int[] {k, start});
            }
            monitor.worked(1);
        }
        return d;
    }

    /** Sequences left out, each with why. */
    public List<String> skipped() {
        return skipped;
    }

    @Override
    public int size() {
        return examples.size();
    }

    @Override
    public Batch batch(int[] indices) {
        int b = indices.length, md = c.motionDim(), ad = c.audioDim();
        float[] motion = new float[b * c.motionLength() * md];
        float[] audio = new float[b * c.audioLength() * ad];
        float[] label = new float[b * c.outputFrames() * md];
        for (int i = 0; i < b; i++) {
            int[] e = examples.get(indices[i]);
            float[] m = motions.get(e[0]), a = audios.get(e[0]);
            int s = e[1];
            System.arraycopy(m, s * md, motion, i * c.motionLength() * md, c.motionLength() * md);
            System.arraycopy(a, s * ad, audio, i * c.audioLength() * ad, c.audioLength() * ad);
            System.arraycopy(m, (s + c.motionLength()) * md, label, i * c.outputFrames() * md, c.outputFrames() * md);
        }
        if (noise > 0) {
            java.util.Random r = new java.util.Random(seed * 1_000_003L + batches++);
            for (int i = 0; i < motion.length; i++) {
                motion[i] += (float) (noise * r.nextGaussian());
            }
        }
        return new Batch(List.of(new Tensor(new long[] {b, c.motionLength(), md}, motion),
                new Tensor(new long[] {b, c.audioLength(), ad}, audio)),
                new Tensor(new long[] {b, c.outputFrames(), md}, label));
    }
}
