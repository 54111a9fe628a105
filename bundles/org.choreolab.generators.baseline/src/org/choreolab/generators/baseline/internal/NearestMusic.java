package org.choreolab.generators.baseline.internal;

import java.io.IOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.osgi.service.component.annotations.Component;

/**
 * Nearest-neighbour retrieval by music: the training dance whose music is closest to the target's,
 * by the mean and standard deviation over time of each of FACT's 35 music features (z-scored over
 * the pool), returned cut to length. Dances to the target's own music are excluded. The features are
 * the declared ones (fact35 at the dataset's rate): the target's in the request, the pool's from the
 * request's music source, which the platform answers from its shared cache (each track encoded once).
 */
@Component(service = MotionGenerator.class, property = "choreolab.id=nearest-music")
public final class NearestMusic implements MotionGenerator {

    /** Its clips are the dataset's own: joint positions always, rotations where the dataset has them. */
    private static final GeneratorDescriptor DESCRIPTOR = new GeneratorDescriptor("nearest-music",
            "Nearest neighbour by music features", "none", Map.of("features", "fact35 mean+std", "pool", "train split, other music"),
            GeneratorNeeds.nothing(GeneratorOutput.JOINT_POSITIONS).withMusic("fact35"));

    @Override
    public GeneratorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String description() {
        return "Baseline: the training dance whose music is nearest to the target's (FACT features)";
    }

    @Override
    public MotionClip generate(GenerationRequest r, ProgressMonitor monitor) throws IOException {
        List<Sequence> pool = Clips.pool(r);
        if (r.music() == null) {
            throw new IOException("no fact35 music features for " + r.target().id() + " in the request");
        }
        // Sequences dancing to one track share its features: summarise each track once per request.
        Map<AudioFeatures, double[]> summaries = new IdentityHashMap<>();
        double[] target = summary(r.music(), summaries);
        double[][] cand = new double[pool.size()][];
        for (int i = 0; i < pool.size(); i++) {
            Sequence s = pool.get(i);
            cand[i] = r.dataset().music(s).isPresent() ? summary(r.musicOf(s), summaries) : null;
        }
        // z-score each dimension over the pool so that loud envelopes do not outweigh chroma.
        int d = target.length;
        double[] mean = new double[d], std = new double[d];
        int n = 0;
        for (double[] c : cand) {
            if (c != null) {
                n++;
                for (int k = 0; k < d; k++) {
                    mean[k] += c[k];
                }
            }
        }
        if (n == 0) {
            throw new IOException("no training sequence has music");
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        for (double[] c : cand) {
            if (c != null) {
                for (int k = 0; k < d; k++) {
                    std[k] += (c[k] - mean[k]) * (c[k] - mean[k]);
                }
            }
        }
        for (int k = 0; k < d; k++) {
            std[k] = Math.sqrt(std[k] / n) + 1e-9;
        }
        int best = -1;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int i = 0; i < cand.length; i++) {
            if (cand[i] == null) {
                continue;
            }
            double dist = 0;
            for (int k = 0; k < d; k++) {
                double z = (cand[i][k] - target[k]) / std[k];
                dist += z * z;
            }
            if (dist < bestDist) {
                bestDist = dist;
                best = i;
            }
        }
        return Clips.cut(r.dataset().motion(pool.get(best)), r.frames());
    }

    /** The mean and standard deviation over time of each feature. */
    private static double[] summary(AudioFeatures f, Map<AudioFeatures, double[]> known) {
        double[] cached = known.get(f);
        if (cached != null) {
            return cached;
        }
        int dims = f.dimensions(), t = f.frameCount();
        double[] out = new double[2 * dims];
        for (int k = 0; k < dims; k++) {
            double m = 0, v = 0;
            for (int i = 0; i < t; i++) {
                m += f.value(i, k);
            }
            m /= t;
            for (int i = 0; i < t; i++) {
                v += (f.value(i, k) - m) * (f.value(i, k) - m);
            }
            out[k] = m;
            out[dims + k] = Math.sqrt(v / t);
        }
        known.put(f, out);
        return out;
    }
}
