package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.choreolab.io.numpy.Npy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks of the product as a whole (the areas' own benchmarks are 'engines benchmark', 'metrics benchmark', …). */
@Command(name = "benchmark", mixinStandardHelpOptions = true, subcommands = {StartupBenchmark.Startup.class, StartupBenchmark.MainJob.class},
        description = {"Benchmarks of the product as a whole, run through its launcher (benchmark startup, benchmark main-job).",
                "Each area has its own (dataset, audio, metrics, evaluate and engines benchmark)."})
public final class StartupBenchmark implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "startup", mixinStandardHelpOptions = true,
            description = {"Times the start of light commands through the launcher (help, components, metrics on two small joint sets).",
                    "Runs each N times and prints wall time (min, median) and the CPU time the run used, beside an empty Equinox start and the target.",
                    "Measures, never asserts; the machine's other load shows in the wall time, so the min is the figure to compare."})
    static final class Startup implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--runs", defaultValue = "7", description = "Runs per command (default: ${DEFAULT-VALUE}; the first is a warm-up, not counted).")
        int runs;

        @Option(names = "--launcher", paramLabel = "FILE", description = "The choreolab script to time (default: the one running this).")
        Path launcher;

        @Option(names = "--target", defaultValue = "1.0", description = "The target in seconds, printed beside (default: ${DEFAULT-VALUE}).")
        double target;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path script = launcher != null ? launcher : launcherPath();
            PrintWriter o = spec.commandLine().getOut();
            Path work = Files.createTempDirectory("choreolab-startup");
            try {
                Path gt = work.resolve("gt"), pred = work.resolve("pred");
                joints(gt, 1);
                joints(pred, 2);
                List<Case> cases = List.of(new Case("help", List.of("help")), new Case("components", List.of("components")),
                        new Case("metrics (2 + 2 sequences of 240 frames, fid_k, div_k)", List.of("metrics", "--gt", gt.toString(), "--pred",
                                pred.toString(), "--metrics", "fid_k,div_k", "--out", work.resolve("m.json").toString())));
                o.printf("Launcher: %s (%d runs per command after a warm-up; CPUs allowed: %d; load average %s)%n%n", script, runs,
                        Runtime.getRuntime().availableProcessors(), loadAverage());
                o.printf("| command | wall s (min) | wall s (median) | CPU s (median) | target |%n|---|---:|---:|---:|---:|%n");
                o.flush();
                for (Case c : cases) {
                    List<double[]> times = new ArrayList<>();
                    for (int i = 0; i <= runs; i++) {
                        double[] t = time(script, c.args(), work);
                        if (i > 0) {
                            times.add(t);
                        }
                    }
                    List<Double> wall = times.stream().map(t -> t[0]).sorted().toList();
                    List<Double> cpu = times.stream().map(t -> t[1]).sorted().toList();
                    o.printf(Locale.ROOT, "| `%s` | %.2f | %.2f | %.2f | ≤ %.1f |%n", c.name(), wall.get(0), median(wall), median(cpu), target);
                    o.flush();
                }
                o.println();
                o.println(aotCache());
                o.println("wall: from starting the launcher to its exit (the shell script, the JVM, Equinox, the command); CPU: user + system");
                o.println("time of the launcher and everything it ran (from this process's children's times, 10 ms resolution).");
                o.println("Reference: an empty Equinox application starts in about 0.7 s on our 2-core machines.");
                return 0;
            } finally {
                org.apache.commons.io.file.PathUtils.deleteDirectory(work);
            }
        }

        record Case(String name, List<String> args) {
        }

        static Path launcherPath() throws IOException {
            String l = System.getProperty("choreolab.launcher");
            if (l == null) {
                throw new IOException("--launcher: not started by the choreolab script; give the script to time");
            }
            return Path.of(l);
        }

        /** Wall seconds and the CPU seconds of the run (from the children's times this process accumulates). */
        static double[] time(Path script, List<String> args, Path work) throws IOException, InterruptedException {
            return time(script, args, work, java.util.Map.of());
        }

        static double[] time(Path script, List<String> args, Path work, java.util.Map<String, String> env)
                throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            cmd.add(script.toString());
            cmd.addAll(args);
            long[] before = childrenTicks();
            long t0 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("last-output.txt").toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(3600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": did not finish in an hour");
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + ": exit code " + p.exitValue() + ": "
                        + Files.readString(work.resolve("last-output.txt")).strip());
            }
            long[] after = childrenTicks();
            double cpu = after == null || before == null ? Double.NaN : (after[0] - before[0]) / 100.0;
            return new double[] {wall, cpu};
        }

        /** cutime + cstime of /proc/self/stat, in clock ticks (USER_HZ, 100 on Linux). */
        private static long[] childrenTicks() {
            try {
                String s = Files.readString(Path.of("/proc/self/stat"));
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                // after "pid (comm) ": state is field 3, cutime field 16, cstime field 17
                return new long[] {Long.parseLong(f[13]) + Long.parseLong(f[14])};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /**
         * Whether the runs mapped the JDK's ahead-of-time class cache, which the launcher writes beside the
         * configuration areas on the first light command (the warm-up run here, not timed).
         */
        static String aotCache() {
            if ("0".equals(System.getenv("CHOREOLAB_AOT"))) {
                return "Ahead-of-time class cache: off (CHOREOLAB_AOT=0).";
            }
            String cache = System.getProperty("choreolab.cache");
            Path state = cache == null ? null : Path.of(cache).getParent();
            if (state != null && Files.isDirectory(state)) {
                try (var files = Files.list(state)) {
                    var found = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("configuration-") && n.endsWith(".aot"))
                            .sorted().toList();
                    if (!found.isEmpty()) {
                        return "Ahead-of-time class cache: in use (" + state.resolve(found.get(0)) + ", written by the first warm-up run).";
                    }
                } catch (IOException e) {
                    // reported as not found below
                }
            }
            return "Ahead-of-time class cache: none (CHOREOLAB_AOT=0, a JDK before 25, or no flock); see the launcher's comments.";
        }

        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            } catch (IOException e) {
                return "?";
            }
        }

        private static double median(List<Double> sorted) {
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        /** Two sequences of 240 frames of smooth, distinct joint motion (T × 24 × 3, metres). */
        private static void joints(Path dir, int seed) throws IOException {
            Files.createDirectories(dir);
            for (int s = 0; s < 2; s++) {
                int frames = 240;
                float[] v = new float[frames * 24 * 3];
                for (int t = 0; t < frames; t++) {
                    for (int j = 0; j < 24; j++) {
                        for (int k = 0; k < 3; k++) {
                            v[(t * 24 + j) * 3 + k] = (float) (0.1 * j + 0.3 * Math.sin(0.05 * t * (seed + s + 1) + j + k));
                        }
                    }
                }
                Npy.writeFloat32(dir.resolve("seq" + s + ".npy"), v, frames, 24, 3);
            }
        }
    }

    @Command(name = "main-job", mixinStandardHelpOptions = true,
            description = {"Times the README's main job as a user runs it, through the launcher.",
                    "The launcher's 'evaluate' (every installed generator and metric on the embedded sample) runs first with an",
                    "empty state folder (the sample is made, the engines' natives extracted, as on a new user's first run), then",
                    "--runs times with that folder kept. Prints wall and CPU time. Measures, never asserts; the load average is",
                    "printed beside (the machine's other load shows in wall time)."})
    static final class MainJob implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--runs", defaultValue = "2", description = "Runs after the first (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--launcher", paramLabel = "FILE", description = "The choreolab script to time (default: the one running this).")
        Path launcher;

        @Option(names = "--target", defaultValue = "20", description = "The target in seconds, printed beside (default: ${DEFAULT-VALUE}).")
        double target;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path script = launcher != null ? launcher : Startup.launcherPath();
            PrintWriter o = spec.commandLine().getOut();
            Path work = Files.createTempDirectory("choreolab-mainjob");
            try {
                java.util.Map<String, String> env = java.util.Map.of("CHOREOLAB_STATE", work.resolve("state").toString());
                o.printf("Launcher: %s; CPUs allowed: %d; load average at start %s%n%n", script, Runtime.getRuntime().availableProcessors(),
                        Startup.loadAverage());
                o.printf("| run | wall s | CPU s | load average after | target |%n|---|---:|---:|---:|---:|%n");
                o.flush();
                for (int i = 0; i <= runs; i++) {
                    Path out = work.resolve("results-" + i);
                    double[] t = Startup.time(script, List.of("evaluate", "--quiet", "--out", out.toString()), work, env);
                    o.printf(Locale.ROOT, "| %s | %.1f | %.1f | %s | ≤ %.0f |%n", i == 0 ? "first (empty state: sample made, natives extracted)"
                            : "again (state kept)", t[0], t[1], Startup.loadAverage(), target);
                    o.flush();
                }
                o.println();
                o.println("wall: from starting the launcher to its exit; CPU: user + system time of the launcher and all it ran.");
                return 0;
            } finally {
                org.apache.commons.io.file.PathUtils.deleteDirectory(work);
            }
        }
    }
}
