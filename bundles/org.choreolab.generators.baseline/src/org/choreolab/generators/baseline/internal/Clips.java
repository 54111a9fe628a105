package org.choreolab.generators.baseline.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.motion.MotionClip;

/** Helpers shared by the retrieval baselines: the candidate pool and cutting a clip to length. */
final class Clips {

    private Clips() {
    }

    /**
     * The training sequences a baseline may draw from: the train split (every sequence if the dataset
     * has none), never the target itself nor another dance to the same music.
     */
    static List<Sequence> pool(GenerationRequest r) throws IOException {
        Dataset d = r.dataset();
        if (d == null) {
            throw new IOException("this baseline draws from a dataset; the request has none");
        }
        List<Sequence> base = d.split("train").isEmpty() ? d.sequences() : d.split("train");
        List<Sequence> out = new ArrayList<>();
        for (Sequence s : base) {
            boolean sameMusic = !r.target().musicId().isEmpty() && r.target().musicId().equals(s.musicId());
            if (!s.id().equals(r.target().id()) && !sameMusic) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no training sequence to draw from (the train split is empty or shares the target's music)");
        }
        return out;
    }

    /** The first {@code frames} frames of {@code clip}; a shorter clip is extended by holding its last pose. */
    static MotionClip cut(MotionClip clip, int frames) {
        if (clip.frameCount() >= frames) {
            return clip.slice(0, frames);
        }
        int j3 = 3 * clip.skeleton().jointCount();
        int n = clip.frameCount();
        float[] t = clip.hasRotations() ? new float[3 * frames] : null;
        float[] r = clip.hasRotations() ? new float[j3 * frames] : null;
        float[] p = clip.hasPositions() ? new float[j3 * frames] : null;
        float[] ct = t == null ? null : clip.translations(new float[3 * n]);
        float[] cr = r == null ? null : clip.rotations(new float[j3 * n]);
        float[] cp = p == null ? null : clip.positions(new float[j3 * n]);
        for (int f = 0; f < frames; f++) {
            int src = Math.min(f, n - 1);
            if (t != null) {
                System.arraycopy(ct, 3 * src, t, 3 * f, 3);
                System.arraycopy(cr, j3 * src, r, j3 * f, j3);
            }
            if (p != null) {
                System.arraycopy(cp, j3 * src, p, j3 * f, j3);
            }
        }
        return new MotionClip(clip.skeleton(), clip.fps(), t, r, p);
    }
}
