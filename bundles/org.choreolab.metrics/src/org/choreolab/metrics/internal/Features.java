package org.choreolab.metrics.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.metrics.GeometricFeatures;
import org.choreolab.metrics.Joints;
import org.choreolab.metrics.KineticFeatures;
import org.choreolab.metrics.Protocol;

/**
 * Per-clip feature windows, cached by clip so that FID and Div of the same kind compute them once.
 * The cache holds clips weakly: it empties itself as runs drop their clips.
 */
final class Features {

    enum Kind {
        KINETIC("kinetic"), GEOMETRIC("geometric");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    private static final Map<MotionClip, Map<String, List<double[]>>> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private Features() {
    }

    static List<double[]> of(MetricInput in, Kind kind) {
        Protocol p = Protocol.named(in.protocol());
        String key = kind.key + "|" + p.name() + "|" + in.groundTruth();
        Map<String, List<double[]>> perClip = CACHE.computeIfAbsent(in.motion(), c -> Collections.synchronizedMap(new HashMap<>()));
        return perClip.computeIfAbsent(key, k -> compute(in.motion(), in.groundTruth(), p, kind));
    }

    private static List<double[]> compute(MotionClip clip, boolean groundTruth, Protocol p, Kind kind) {
        List<double[]> out = new ArrayList<>();
        for (Joints w : p.featureWindows(clip, groundTruth)) {
            out.add(kind == Kind.KINETIC ? KineticFeatures.extract(w, p.kineticFrameTime())
                    : GeometricFeatures.extract(w, p.geometric()));
        }
        return out;
    }
}
