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
import org.choreolab.core.RunOptions;
import org.choreolab.data.aistpp.LoadBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Sequences per second of evaluate (random-clip baseline and every metric) on the embedded sample and on a "
                + "generated dataset of AIST++'s size, as 1 shard and as 2 shards run side by side; prints a table."})
final class EvaluateBenchmark implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--sequences", defaultValue = "1408", description = "Sequences of the generated dataset (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--frames", defaultValue = "1000", description = "Frames per generated sequence (default: ${DEFAULT-VALUE}).")
    int frames;

    EvaluateBenchmark(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("choreolab-eval-bench");
        try {
            LoadBenchmark.run(work.resolve("aist"), sequences, frames, 1, ProgressMonitor.NULL);
            // One untimed run first, so that JIT compilation and the sample's generation are not measured.
            services.runner().run(new Experiment("", "test", "", List.of("random-clip"), List.of(), null, 0, 0, null, 0),
                    ProgressMonitor.NULL, ExperimentListener.NONE);
            out.printf("%n| dataset | sequences scored | shards | seconds | sequences/s |%n|---|---:|---:|---:|---:|%n");
            // The sample: its test split; the generated set: every sequence (it has no splits).
            for (String[] ds : new String[][] {{"embedded sample", "", "test"}, {"generated, AIST++ size", work.resolve("aist").toString(), ""}}) {
                Experiment ex = new Experiment(ds[1], ds[2], "", List.of("random-clip"), List.of(), null, 0, 0, null, 0);
                int scored = -1;
                for (int shards : new int[] {1, 2}) {
                    long t0 = System.nanoTime();
                    ExecutorService pool = Executors.newFixedThreadPool(shards);
                    List<Future<Integer>> runs = new ArrayList<>();
                    for (int i = 1; i <= shards; i++) {
                        RunOptions o = new RunOptions(i, shards, java.util.Map.of());
                        runs.add(pool.submit(() -> services.runner().run(ex, o, ProgressMonitor.NULL, ExperimentListener.NONE)
                                .sequenceIds().size()));
                    }
                    int n = 0;
                    for (Future<Integer> f : runs) {
                        n += f.get();
                    }
                    pool.shutdown();
                    double s = (System.nanoTime() - t0) / 1e9;
                    scored = n;
                    out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f |%n", ds[0], scored, shards, s, scored / s);
                    out.flush();
                }
            }
            out.println("\nEach shard also scores the whole ground-truth pool that FID compares against (Bailando's protocol).");
            return 0;
        } finally {
            org.apache.commons.io.file.PathUtils.deleteDirectory(work);
        }
    }

}
