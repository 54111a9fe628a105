package org.choreolab.metrics.internal;

import java.util.List;
import java.util.Map;

import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.metrics.BeatAlign;
import org.choreolab.metrics.FootContact;
import org.choreolab.metrics.Joints;
import org.choreolab.metrics.Protocol;
import org.osgi.service.component.annotations.Component;

/** The metric services. */
public final class Metrics {

    private Metrics() {
    }

    @Component(service = Metric.class)
    public static final class FidK extends FeatureSetMetric {
        public FidK() {
            super(Features.Kind.KINETIC, true);
        }
    }

    @Component(service = Metric.class)
    public static final class FidG extends FeatureSetMetric {
        public FidG() {
            super(Features.Kind.GEOMETRIC, true);
        }
    }

    @Component(service = Metric.class)
    public static final class DivK extends FeatureSetMetric {
        public DivK() {
            super(Features.Kind.KINETIC, false);
        }
    }

    @Component(service = Metric.class)
    public static final class DivG extends FeatureSetMetric {
        public DivG() {
            super(Features.Kind.GEOMETRIC, false);
        }
    }

    /** The Beat Align Score, per sequence and averaged over sequences. */
    @Component(service = Metric.class)
    public static final class Bas implements Metric {
        @Override public String id() { return "bas"; }
        @Override public String name() { return "Beat Align"; }
        @Override public String description() {
            return "How well motion beats (minima of joint speed) meet music beats; bailando: music to motion beats, "
                    + "fact: motion to music beats (higher is better)";
        }
        @Override public List<String> protocols() { return Protocol.names(); }
        @Override public boolean needsMusicBeats() { return true; }

        @Override
        public SequenceValues sequence(MetricInput in) {
            if (in.musicBeats() == null) {
                throw new IllegalArgumentException(in.sequenceId() + ": the Beat Align Score needs music beats");
            }
            Protocol p = Protocol.named(in.protocol());
            Joints q = p.atFeatureRate(in.motion());
            int[] beats = p.beatsAtFeatureRate(in.musicBeats(), in.motion().fps());
            BeatAlign.Score s = p.factBeats() ? BeatAlign.fact(q, beats) : BeatAlign.bailando(q, beats);
            return new SequenceValues(in.sequenceId(), Map.of(),
                    Map.of("bas", s.value(), "motion_beats", (double) s.motionBeats().length, "music_beats", (double) s.musicBeatsUsed()));
        }

        @Override
        public double summarize(List<SequenceValues> generated, List<SequenceValues> gt, String protocol) {
            return mean(generated, "bas");
        }
    }

    /** EDGE's Physical Foot Contact score (× 10,000, lower is better). */
    @Component(service = Metric.class)
    public static final class Pfc implements Metric {
        @Override public String id() { return "pfc"; }
        @Override public String name() { return "PFC"; }
        @Override public String description() {
            return "EDGE's physical foot contact: foot sliding weighted by root acceleration, mean over clips x 10,000 "
                    + "(lower is better)";
        }
        @Override public List<String> protocols() { return Protocol.names(); }

        @Override
        public SequenceValues sequence(MetricInput in) {
            Protocol p = Protocol.named(in.protocol());
            double sum = 0;
            List<Joints> windows = p.windowSeconds() > 0 ? p.featureWindows(in.motion(), in.groundTruth())
                    : List.of(Joints.of(in.motion()).requireFinite("motion"));
            double fps = p.windowSeconds() > 0 ? p.featureFps() : in.motion().fps();
            for (Joints w : windows) {
                sum += FootContact.score(w, fps, 1);
            }
            return new SequenceValues(in.sequenceId(), Map.of(), Map.of("pfc", sum / windows.size()));
        }

        @Override
        public double summarize(List<SequenceValues> generated, List<SequenceValues> gt, String protocol) {
            return mean(generated, "pfc") * 10000;
        }
    }

    static double mean(List<SequenceValues> values, String key) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no sequence was scored");
        }
        return values.stream().mapToDouble(v -> v.scalars().get(key)).average().orElseThrow();
    }
}
