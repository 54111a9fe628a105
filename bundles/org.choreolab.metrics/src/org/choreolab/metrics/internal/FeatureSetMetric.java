package org.choreolab.metrics.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.metric.SetValue;
import org.choreolab.metrics.Protocol;
import org.choreolab.metrics.SetMetrics;

/**
 * FID or Div on kinetic or geometric features. Per sequence it keeps the feature vector of each
 * window ({@code kinetic}, or {@code kinetic/0}, {@code kinetic/1}, … under windowed protocols); the
 * set value normalises by the ground-truth set.
 */
abstract class FeatureSetMetric implements Metric {

    private final Features.Kind kind;
    private final boolean fid;

    FeatureSetMetric(Features.Kind kind, boolean fid) {
        this.kind = kind;
        this.fid = fid;
    }

    @Override
    public String id() {
        return (fid ? "fid_" : "div_") + (kind == Features.Kind.KINETIC ? "k" : "g");
    }

    @Override
    public String name() {
        return (fid ? "FID" : "Div") + (kind == Features.Kind.KINETIC ? "_k" : "_g");
    }

    @Override
    public String description() {
        String f = kind == Features.Kind.KINETIC ? "the 72 kinetic features" : "the 32 geometric features";
        return fid ? "Fréchet distance between Gaussian fits of " + f + " of generated and real motion (lower is closer)"
                : "Mean pairwise distance of " + f + " of the generated set (normalised by the real set)";
    }

    @Override
    public List<String> protocols() {
        return Protocol.names();
    }

    @Override
    public boolean needsGroundTruth() {
        return true;
    }

    @Override
    public boolean groundTruthIsWholeDataset(String protocol) {
        return fid && Protocol.named(protocol).wholeDatasetGroundTruth();
    }

    @Override
    public Map<String, String> conventions(String protocol) {
        return Protocol.named(protocol).conventions(id());
    }

    @Override
    public SequenceValues sequence(MetricInput in) {
        List<double[]> windows = Features.of(in, kind);
        Map<String, double[]> v = new LinkedHashMap<>();
        if (windows.size() == 1) {
            v.put(kind.key, windows.get(0));
        } else {
            for (int i = 0; i < windows.size(); i++) {
                v.put(kind.key + "/" + i, windows.get(i));
            }
        }
        return new SequenceValues(in.sequenceId(), v, Map.of());
    }

    @Override
    public double summarize(List<SequenceValues> generated, List<SequenceValues> groundTruth, String protocol) {
        Protocol.named(protocol);
        double[][] gen = vectors(generated);
        double[][] gt = vectors(groundTruth);
        return fid ? SetMetrics.fid(gen, gt) : SetMetrics.diversity(gen, gt);
    }

    @Override
    public SetValue evaluate(List<SequenceValues> generated, List<SequenceValues> groundTruth, String protocol) {
        Protocol.named(protocol);
        double[][] gen = vectors(generated);
        double[][] gt = vectors(groundTruth);
        return fid ? SetMetrics.fidWithFlags(gen, gt, kind.key) : SetMetrics.diversityWithFlags(gen, gt, kind.key);
    }

    /** Every kept vector of this kind, sequence by sequence and window by window (the reference's order). */
    private double[][] vectors(List<SequenceValues> values) {
        List<double[]> out = new ArrayList<>();
        for (SequenceValues s : values) {
            TreeMap<Integer, double[]> windows = new TreeMap<>();
            s.vectors().forEach((k, v) -> {
                if (k.equals(kind.key)) {
                    windows.put(-1, v);
                } else if (k.startsWith(kind.key + "/")) {
                    windows.put(Integer.parseInt(k.substring(kind.key.length() + 1)), v);
                }
            });
            out.addAll(windows.values());
        }
        return out.toArray(double[][]::new);
    }
}
