package org.choreolab.metrics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.metric.SetValue;
import org.choreolab.metrics.BeatAlign;
import org.choreolab.metrics.FootContact;
import org.choreolab.metrics.Joints;
import org.choreolab.metrics.Numpy;
import org.choreolab.metrics.Protocol;
import org.osgi.service.component.annotations.Component;

/** The metric services. */
public final class Metrics {

    private Metrics() {
    }

    @Component(service = Metric.class, property = "choreolab.id=fid_k")
    public static final class FidK extends FeatureSetMetric {
        public FidK() {
            super(Features.Kind.KINETIC, true);
        }
    }

    @Component(service = Metric.class, property = "choreolab.id=fid_g")
    public static final class FidG extends FeatureSetMetric {
        public FidG() {
            super(Features.Kind.GEOMETRIC, true);
        }
    }

    @Component(service = Metric.class, property = "choreolab.id=div_k")
    public static final class DivK extends FeatureSetMetric {
        public DivK() {
            super(Features.Kind.KINETIC, false);
        }
    }

    @Component(service = Metric.class, property = "choreolab.id=div_g")
    public static final class DivG extends FeatureSetMetric {
        public DivG() {
            super(Features.Kind.GEOMETRIC, false);
        }
    }

    /** The Beat Align Score, per sequence and averaged over sequences. */
    @Component(service = Metric.class, property = "choreolab.id=bas")
    public static final class Bas implements Metric {
        @Override public String id() { return "bas"; }
        @Override public String name() { return "Beat Align"; }
        @Override public String description() {
            return "How well motion beats (minima of joint speed) meet music beats; bailando: music to motion beats, "
                    + "fact: motion to music beats (higher is better)";
        }
        @Override public List<String> protocols() { return Protocol.names(); }
        @Override public boolean needsMusicBeats() { return true; }
        @Override public Map<String, String> conventions(String protocol) { return Protocol.named(protocol).conventions(id()); }

        @Override
        public SequenceValues sequence(MetricInput in) {
            if (in.musicBeats() == null) {
                throw new IllegalArgumentException(in.sequenceId() + ": the Beat Align Score needs music beats");
            }
            Protocol p = Protocol.named(in.protocol());
            BeatAlign.Score s = p.beatAlign(in.motion(), in.musicBeats(), in.groundTruth());
            return new SequenceValues(in.sequenceId(), Map.of(),
                    Map.of("bas", s.value(), "motion_beats", (double) s.motionBeats().length, "music_beats", (double) s.musicBeatsUsed()));
        }

        @Override
        public double summarize(List<SequenceValues> generated, List<SequenceValues> gt, String protocol) {
            return evaluate(generated, gt, protocol).value();
        }

        @Override
        public SetValue evaluate(List<SequenceValues> generated, List<SequenceValues> gt, String protocol) {
            Protocol p = Protocol.named(protocol);
            double[] v = scalars(generated, "bas");
            // mint: sum(beat_scores) / n_samples (calculate_beat_scores.py:210); Bailando: np.mean(ba_scores) (l.73).
            double value;
            if (p.factBeats()) {
                double sum = 0;
                for (double x : v) {
                    sum += x;
                }
                value = sum / v.length;
            } else {
                value = Numpy.mean(v);
            }
            List<Flag> flags = new ArrayList<>();
            long none = generated.stream().filter(s -> s.scalars().getOrDefault("motion_beats", 1.0) == 0).count();
            if (none > 0 && !p.factBeats()) {
                flags.add(Flag.note(Flag.FALLBACK_VALUE, none + " of " + v.length + " sequences have no motion beat and score 0 "
                        + "(Bailando's code fails on them: the minimum of an empty array)"));
            }
            return new SetValue(value, flags);
        }
    }

    /** EDGE's Physical Foot Contact score (× 10,000, lower is better). */
    @Component(service = Metric.class, property = "choreolab.id=pfc")
    public static final class Pfc implements Metric {
        @Override public String id() { return "pfc"; }
        @Override public String name() { return "PFC"; }
        @Override public String description() {
            return "EDGE's physical foot contact: foot sliding weighted by root acceleration at 30 fps, mean over clips "
                    + "(5-s windows under edge) x 10,000 (lower is better)";
        }
        @Override public List<String> protocols() { return Protocol.names(); }
        @Override public Map<String, String> conventions(String protocol) { return Protocol.named(protocol).conventions(id()); }

        @Override
        public SequenceValues sequence(MetricInput in) {
            Protocol p = Protocol.named(in.protocol());
            List<Joints> clips = p.pfcClips(in.motion(), in.groundTruth());
            double[] scores = new double[clips.size()];
            int still = 0;
            for (int i = 0; i < scores.length; i++) {
                FootContact.Score s = FootContact.evaluate(clips.get(i), Protocol.PFC_FPS, 1);
                scores[i] = s.value();
                still += s.rootStill() ? 1 : 0;
            }
            // The sequence's scalar is on the set value's scale (x 10,000), so that a table of sequences and the
            // summary row read alike; the clips' scores stay EDGE's raw per-file scores.
            return new SequenceValues(in.sequenceId(), Map.of("pfc_clips", scores),
                    Map.of("pfc", FootContact.setValue(scores), "pfc_still", (double) still));
        }

        @Override
        public double summarize(List<SequenceValues> generated, List<SequenceValues> gt, String protocol) {
            return evaluate(generated, gt, protocol).value();
        }

        @Override
        public SetValue evaluate(List<SequenceValues> generated, List<SequenceValues> gt, String protocol) {
            Protocol.named(protocol);
            if (generated.isEmpty()) {
                throw new IllegalArgumentException("no sequence was scored");
            }
            // EDGE's script scores every file (here: every clip, i.e. every window under edge) and averages them all.
            List<Double> pooled = new ArrayList<>();
            int still = 0;
            for (SequenceValues s : generated) {
                double[] clips = s.vectors().get("pfc_clips");
                if (clips != null) {
                    for (double c : clips) {
                        pooled.add(c);
                    }
                } else {
                    pooled.add(require(s, "pfc") / 10000);
                }
                still += s.scalars().getOrDefault("pfc_still", 0.0).intValue();
            }
            double value = FootContact.setValue(pooled.stream().mapToDouble(Double::doubleValue).toArray());
            List<Flag> flags = new ArrayList<>();
            if (still > 0) {
                flags.add(Flag.degenerate(Flag.FALLBACK_VALUE, still + " of " + pooled.size() + " clips have a root that never "
                        + "accelerates: scored 0 here, where EDGE's script divides 0 by 0 and gives NaN for the whole set"));
            }
            return new SetValue(value, flags);
        }
    }

    private static double[] scalars(List<SequenceValues> values, String key) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no sequence was scored");
        }
        return values.stream().mapToDouble(v -> require(v, key)).toArray();
    }

    private static double require(SequenceValues v, String key) {
        Double d = v.scalars().get(key);
        if (d == null) {
            throw new IllegalArgumentException(v.sequenceId() + ": no kept value '" + key + "'");
        }
        return d;
    }
}
