package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Smpl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Times every installed metric on generated joint sets of AIST++ test-split size and full-dataset size; prints a table.")
final class MetricsBenchmark implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "golden.json of the reference implementation, whose timing is printed beside ours, scaled by frames.")
    Path reference;

    @Option(names = "--full", defaultValue = "1408", paramLabel = "N", description = "Sequences in the full-size set (default: ${DEFAULT-VALUE}).")
    int full;

    MetricsBenchmark(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        List<Metric> metrics = services.registry().services(Metric.class);
        if (metrics.isEmpty()) {
            throw new IOException("no metric is installed");
        }
        double refSecondsPerFrame = Double.NaN;
        if (reference != null) {
            JsonNode t = new ObjectMapper().readTree(reference.toFile()).get("timing_s");
            refSecondsPerFrame = (t.get("features").asDouble() + t.get("set_metrics").asDouble() + t.get("bas").asDouble())
                    / t.get("frames").asDouble();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%n| set | sequences | frames (gt + generated) | seconds | frames/s | reference seconds (scaled) | speed-up |%n");
        out.printf("|---|---:|---:|---:|---:|---:|---:|%n");
        for (int[] size : new int[][] {{40, 1200}, {full, 1000}}) {
            List<MotionClip> gt = clips(size[0], size[1], 1), pred = clips(size[0], size[1], 2);
            int[] beats = new int[size[1] / 45];
            for (int i = 0; i < beats.length; i++) {
                beats[i] = i * 45;
            }
            long t0 = System.nanoTime();
            List<List<SequenceValues>> g = score(gt, metrics, beats, true), p = score(pred, metrics, beats, false);
            for (int m = 0; m < metrics.size(); m++) {
                metrics.get(m).summarize(p.get(m), g.get(m), "bailando");
            }
            double s = (System.nanoTime() - t0) / 1e9;
            long frames = 2L * size[0] * size[1];
            double ref = refSecondsPerFrame * frames;
            out.printf(Locale.ROOT, "| %s | %d | %d | %.2f | %.0f | %s | %s |%n", size[0] == 40 ? "test split" : "full dataset",
                    size[0], frames, s, frames / s, Double.isNaN(ref) ? "–" : String.format(Locale.ROOT, "%.1f", ref),
                    Double.isNaN(ref) ? "–" : String.format(Locale.ROOT, "%.0f×", ref / s));
            out.flush();
        }
        out.println("\nMetrics: " + metrics.stream().map(Metric::id).toList() + ", protocol bailando, "
                + Runtime.getRuntime().availableProcessors() + " cores.");
        return 0;
    }

    private static List<List<SequenceValues>> score(List<MotionClip> clips, List<Metric> metrics, int[] beats, boolean gt) {
        List<List<SequenceValues>> out = new ArrayList<>();
        for (Metric m : metrics) {
            out.add(java.util.Collections.synchronizedList(new ArrayList<>()));
        }
        java.util.stream.IntStream.range(0, clips.size()).parallel().forEach(i -> {
            for (int m = 0; m < metrics.size(); m++) {
                out.get(m).add(metrics.get(m).sequence(new MetricInput("s" + i, clips.get(i), beats, "bailando", gt)));
            }
        });
        return out;
    }

    /** Smooth random dances: per joint, sums of sines with random phases, through SMPL forward kinematics. */
    static List<MotionClip> clips(int n, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<MotionClip> out = new ArrayList<>();
        ForwardKinematics fk = new ForwardKinematics(Smpl.NEUTRAL);
        for (int s = 0; s < n; s++) {
            double[] amp = new double[72], freq = new double[72], phase = new double[72];
            for (int i = 0; i < 72; i++) {
                amp[i] = r.nextDouble() * 0.6;
                freq[i] = 0.5 + r.nextDouble() * 2;
                phase[i] = r.nextDouble() * 6.28;
            }
            float[] aa = new float[72 * frames], t = new float[3 * frames];
            for (int f = 0; f < frames; f++) {
                double time = f / 60.0;
                for (int i = 0; i < 72; i++) {
                    aa[72 * f + i] = (float) (amp[i] * Math.sin(2 * Math.PI * freq[i] * time + phase[i]));
                }
                t[3 * f] = (float) (0.5 * Math.sin(time * 0.7 + s));
                t[3 * f + 1] = (float) (0.9 + 0.05 * Math.sin(time * 6));
                t[3 * f + 2] = (float) (0.5 * Math.cos(time * 0.5 + s));
            }
            out.add(fk.withPositions(new MotionClip(Smpl.NEUTRAL, 60, t, aa, null)));
        }
        return out;
    }

}
