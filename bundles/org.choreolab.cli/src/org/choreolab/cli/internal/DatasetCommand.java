package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.visual.Visualizer;
import org.choreolab.core.Datasets;
import org.choreolab.data.aistpp.LoadBenchmark;
import org.choreolab.data.aistpp.SampleDataset;
import org.choreolab.io.numpy.Npy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dataset", mixinStandardHelpOptions = true, description = "Inspects and exports datasets.",
        subcommands = {DatasetCommand.Info.class, DatasetCommand.ExportJoints.class, DatasetCommand.ExportBvh.class,
                DatasetCommand.Sample.class, DatasetCommand.Benchmark.class})
public final class DatasetCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "info", mixinStandardHelpOptions = true,
            description = {"Counts per split and genre, total duration, and the problems found (reads every motion).",
                    "Exits with 1 when it lists problems (a file that cannot be read, a sequence listed but missing), else 0."})
    static final class Info implements Callable<Integer> {
        private final Services services;
        @Spec CommandSpec spec;
        @Mixin Shared.Dataset dataset;

        Info(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (Dataset d = Datasets.open(services.registry(), dataset.dir, false)) {
                Map<String, double[]> bySplit = new TreeMap<>();
                Map<String, double[]> byGenre = new TreeMap<>();
                List<String> problems = new java.util.ArrayList<>();
                d.problems().forEach(p -> problems.add(p.toString()));
                double total = 0;
                ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
                progress.begin("Reading " + d.sequences().size() + " sequences of " + d.name(), d.sequences().size());
                for (Sequence s : d.sequences()) {
                    try {
                        MotionClip c = d.motion(s);
                        double sec = c.durationSeconds();
                        total += sec;
                        add(bySplit, s.split().isEmpty() ? "(none)" : s.split(), sec);
                        add(byGenre, s.meta("genre").isEmpty() ? "(unknown)" : s.meta("genre") + " " + s.meta("genreName"), sec);
                    } catch (IOException | RuntimeException e) {
                        problems.add(Cli.reason(e));
                    }
                    progress.worked(1);
                }
                progress.done();
                out.printf("Dataset: %s (%s)%n", d.name(), d.root().toAbsolutePath());
                out.printf("Sequences: %d readable of %d listed, %s in all%n%n", d.sequences().size() - (problems.size()
                        - d.problems().size()), d.sequences().size(), duration(total));
                table(out, "split", bySplit);
                table(out, "genre", byGenre);
                if (problems.isEmpty()) {
                    out.println("Problems: none");
                } else {
                    out.println("Problems (" + problems.size() + "):");
                    problems.forEach(p -> out.println("  " + p));
                }
                out.flush();
                // Scripts and CI rely on the exit code: a dataset with problems is not a clean one.
                return problems.isEmpty() ? 0 : 1;
            }
        }

        private static void add(Map<String, double[]> m, String key, double seconds) {
            double[] v = m.computeIfAbsent(key, k -> new double[2]);
            v[0]++;
            v[1] += seconds;
        }

        private static void table(PrintWriter out, String title, Map<String, double[]> m) {
            out.printf("%-26s %9s %12s%n", title, "sequences", "duration");
            m.forEach((k, v) -> out.printf("%-26s %9d %12s%n", k, (int) v[0], duration(v[1])));
            out.println();
        }

        static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format("%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60)
                    : String.format("%dm %02ds", s / 60, s % 60);
        }
    }

    @Command(name = "export-joints", mixinStandardHelpOptions = true,
            description = "Writes <sequence>.npy per sequence: float32 (frames, joints, 3) world joint positions in metres, .npy v1.0.")
    static final class ExportJoints implements Callable<Integer> {
        private final Services services;
        @Spec CommandSpec spec;
        @Mixin Shared.Dataset dataset;
        @Mixin Shared.OutDir outDir;
        @Option(names = "--split", paramLabel = "NAME", description = "Only this split (default: every sequence).")
        String split;

        ExportJoints(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            Path out = outDir.dir;
            try (Dataset d = Datasets.open(services.registry(), dataset.dir, false)) {
                List<Sequence> seqs = split == null ? d.sequences() : d.split(split);
                if (seqs.isEmpty()) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--split " + split + ": no sequences in "
                            + d.name() + " (splits: " + String.join(", ", d.splits()) + ")");
                }
                Files.createDirectories(out);
                ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
                progress.begin("Exporting joints of " + seqs.size() + " sequences", seqs.size());
                int failed = 0;
                for (Sequence s : seqs) {
                    try {
                        MotionClip c = d.motion(s);
                        int j = c.skeleton().jointCount();
                        Npy.writeFloat32(out.resolve(s.id() + ".npy"), c.positions(new float[3 * j * c.frameCount()]),
                                c.frameCount(), j, 3);
                    } catch (IOException | RuntimeException e) {
                        failed++;
                        spec.commandLine().getErr().println("skipped: " + Cli.reason(e));
                    }
                    progress.worked(1);
                }
                progress.done();
                spec.commandLine().getOut().printf("Wrote %d of %d sequences to %s%n", seqs.size() - failed, seqs.size(),
                        out.toAbsolutePath());
                return failed == 0 ? 0 : 1;
            }
        }
    }

    @Command(name = "export-bvh", mixinStandardHelpOptions = true, description = "Writes one sequence as BVH (centimetres), for Blender and other tools.")
    static final class ExportBvh implements Callable<Integer> {
        private final Services services;
        @Spec CommandSpec spec;
        @Mixin Shared.Dataset dataset;
        @Option(names = "--sequence", required = true, paramLabel = "ID") String sequence;
        @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

        ExportBvh(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            Visualizer bvh = services.registry().services(Visualizer.class).stream().filter(v -> v.formats().contains("bvh"))
                    .findFirst().orElseThrow(() -> new IOException("no installed visualizer writes BVH"));
            try (Dataset d = Datasets.open(services.registry(), dataset.dir, false)) {
                Sequence s = d.sequence(sequence).orElseThrow(() -> new IOException("no sequence '" + sequence + "' in " + d.name()));
                bvh.render(List.of(d.motion(s)), out, Map.of());
                spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath());
                return 0;
            }
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Writes the embedded sample dataset (AIST++ layout, with music) into a folder, to look at or copy.")
    static final class Sample implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

        @Override
        public Integer call() throws IOException {
            SampleDataset.ensure(out);
            spec.commandLine().getOut().println("Wrote the sample dataset to " + out.toAbsolutePath());
            return 0;
        }
    }

    @Command(name = "benchmark", mixinStandardHelpOptions = true,
            description = "Times loading and forward kinematics of a generated dataset of AIST++'s size; prints a table.")
    static final class Benchmark implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--sequences", defaultValue = "1408", paramLabel = "N", description = "Sequences to generate (default: ${DEFAULT-VALUE}, as AIST++).") int sequences;
        @Option(names = "--frames", defaultValue = "1000", paramLabel = "N", description = "Frames per sequence (default: ${DEFAULT-VALUE}).") int frames;
        @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "Threads for the parallel run (default: all cores).") int threads;
        @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the generated files (default: a temporary folder, deleted after).") Path dir;

        @Override
        public Integer call() throws IOException {
            int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            Path work = dir != null ? dir : Files.createTempDirectory("choreolab-bench");
            try {
                ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
                List<LoadBenchmark.Row> rows = LoadBenchmark.run(work, sequences, frames, t, progress);
                progress.done();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("%n%d sequences x %d frames (%.0f s of 60-fps motion), %d cores%n%n", sequences, frames,
                        sequences * frames / 60.0, Runtime.getRuntime().availableProcessors());
                out.printf("| stage | threads | seconds | sequences/s | frames/s |%n|---|---:|---:|---:|---:|%n");
                for (LoadBenchmark.Row r : rows) {
                    out.printf(Locale.ROOT, "| %s | %d | %.2f | %.0f | %s |%n", r.stage(), r.threads(), r.seconds(),
                            r.sequencesPerSecond(), r.frames() == 0 ? "–" : String.format(Locale.ROOT, "%.0f", r.framesPerSecond()));
                }
                out.flush();
                return 0;
            } finally {
                if (dir == null) {
                    org.apache.commons.io.file.PathUtils.deleteDirectory(work);
                }
            }
        }
    }
}
