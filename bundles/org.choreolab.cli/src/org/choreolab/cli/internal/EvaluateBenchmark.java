package org.choreolab.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultRow;
import org.choreolab.core.RunOptions;
import org.choreolab.core.Summaries;
import org.choreolab.data.aistpp.LoadBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Sequences per second of evaluate (random-clip baseline and every metric) on the embedded sample and on a "
                + "generated dataset of AIST++'s size, as 1 shard and as 2 shards run side by side; prints a table.",
                "Then the time of the bootstrap intervals (1,000 resamples) of every set metric for a test split of 20 sequences "
                        + "against the generated dataset as ground truth, which evaluate adds once per row and metric."})
final class EvaluateBenchmark implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--sequences", defaultValue = "1408", paramLabel = "N", description = "Sequences of the generated dataset (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--frames", defaultValue = "1000", paramLabel = "N", description = "Frames per generated sequence (default: ${DEFAULT-VALUE}).")
    int frames;

    EvaluateBenchmark(Services services) {
        this.services = services;
    }

    /** The runs timed: random-clip and every metric, no bootstrap. */
    private static Experiment experiment(String dataset, String split) {
        return new Experiment(dataset, split, "", List.of("random-clip"), List.of(), null, 0, 0, null, 0, java.util.Map.of(),
                java.util.Map.of(), 1, 0, List.of());
    }

    /** Times 1,000 resamples per metric: 20 generated sequences against every sequence of the run as ground truth. */
    private void bootstrap(ExperimentResult r, PrintWriter out) {
        ResultRow gen = r.row("random-clip").orElse(null), truth = r.row(ResultRow.GROUND_TRUTH).orElse(null);
        if (gen == null || truth == null) {
            return;
        }
        int resamples = Experiment.DEFAULT_RESAMPLES, n = 20;
        out.printf(Locale.ROOT, "%nBootstrap intervals, %,d resamples on %d cores: %d generated sequences against %d real ones%n%n"
                + "| metric | seconds |%n|---|---:|%n", resamples, Runtime.getRuntime().availableProcessors(), n, truth.sequences().size());
        for (String id : r.metricIds()) {
            Metric m = services.registry().find(Metric.class, id).orElse(null);
            List<SequenceValues> g = values(gen, id).stream().limit(n).toList(), t = m != null && m.needsGroundTruth() ? values(truth, id)
                    : List.of();
            if (m == null || g.size() < 2) {
                continue;
            }
            try {
                double v = m.summarize(g, t, r.experiment().protocol());
                long t0 = System.nanoTime();
                Summaries.bootstrap(m, g, t, r.experiment().protocol(), v, resamples, 1);
                out.printf(Locale.ROOT, "| %s | %.2f |%n", id, (System.nanoTime() - t0) / 1e9);
            } catch (RuntimeException e) {
                out.printf(Locale.ROOT, "| %s | error: %s |%n", id, Cli.reason(e));
            }
            out.flush();
        }
    }

    private static List<SequenceValues> values(ResultRow row, String metric) {
        List<SequenceValues> out = new ArrayList<>();
        row.sequences().values().forEach(o -> {
            SequenceValues v = o.values().get(metric);
            if (v != null) {
                out.add(v);
            }
        });
        return out;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("choreolab-eval-bench");
        try {
            LoadBenchmark.run(work.resolve("aist"), sequences, frames, 1, ProgressMonitor.NULL);
            // One untimed run first, so that JIT compilation and the sample's generation are not measured.
            services.runner().run(experiment("", "test"), ProgressMonitor.NULL, ExperimentListener.NONE);
            out.printf("%nScoring (no bootstrap intervals: they cost once per row and metric, timed below):%n");
            out.printf("%n| dataset | sequences scored | shards | seconds | sequences/s |%n|---|---:|---:|---:|---:|%n");
            ExperimentResult whole = null;
            // The sample: its test split; the generated set: every sequence (it has no splits).
            for (String[] ds : new String[][] {{"embedded sample", "", "test"}, {"generated, AIST++ size", work.resolve("aist").toString(), ""}}) {
                Experiment ex = experiment(ds[1], ds[2]);
                int scored = -1;
                for (int shards : new int[] {1, 2}) {
                    long t0 = System.nanoTime();
                    ExecutorService pool = Executors.newFixedThreadPool(shards);
                    List<Future<ExperimentResult>> runs = new ArrayList<>();
                    for (int i = 1; i <= shards; i++) {
                        RunOptions o = new RunOptions(i, shards, java.util.Map.of());
                        runs.add(pool.submit(() -> services.runner().run(ex, o, ProgressMonitor.NULL, ExperimentListener.NONE)));
                    }
                    int n = 0;
                    for (Future<ExperimentResult> f : runs) {
                        ExperimentResult r = f.get();
                        n += r.sequenceIds().size();
                        if (shards == 1 && !ds[1].isEmpty()) {
                            whole = r;
                        }
                    }
                    pool.shutdown();
                    double s = (System.nanoTime() - t0) / 1e9;
                    scored = n;
                    out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f |%n", ds[0], scored, shards, s, scored / s);
                    out.flush();
                }
            }
            out.println("\nEach shard also scores the whole ground-truth pool that FID compares against (Bailando's protocol).");
            if (whole != null) {
                bootstrap(whole, out);
            }
            return 0;
        } finally {
            org.apache.commons.io.file.PathUtils.deleteDirectory(work);
        }
    }

}
