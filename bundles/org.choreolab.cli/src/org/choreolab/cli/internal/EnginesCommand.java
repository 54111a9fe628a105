package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.NetworkCode;
import org.choreolab.api.model.Tensor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "engines", mixinStandardHelpOptions = true, subcommands = EnginesCommand.Benchmark.class,
        description = "Lists the deep-learning engines installed (one bundle each), their versions, devices and threads.")
public final class EnginesCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    public EnginesCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        List<ModelBackend> all = services.registry().services(ModelBackend.class);
        if (all.isEmpty()) {
            o.println("No engine installed.");
            return 0;
        }
        o.printf("%-12s %-10s %-16s %-42s %s%n", "engine", "version", "devices", "bundle", "threads");
        for (ModelBackend b : all) {
            String devices;
            try {
                devices = String.join(",", b.devices());
            } catch (RuntimeException e) {
                devices = "failed: " + Cli.reason(e);
            }
            o.printf("%-12s %-10s %-16s %-42s %s%n", b.engine(), b.engineVersion(), devices,
                    FrameworkUtil.getBundle(b.getClass()).getSymbolicName(), threadsOf(b));
        }
        return 0;
    }

    /** What the engine runs with, as its backend recorded it when it loaded ("N (why); what the engine reports"). */
    static String threadsOf(ModelBackend b) {
        return System.getProperty("choreolab.threads." + b.engine(), "not loaded");
    }

    @Command(name = "benchmark", mixinStandardHelpOptions = true,
            description = {"FACT's generation throughput per engine, device and size, as generation runs it: one forward",
                    "pass per generated frame (120 motion + 240 music frames in), at batch 1, 4, 20 and 40 (--batches).",
                    "Prints a table; measures, never asserts.",
                    "--contention also measures it with two busy processes beside it, in alternating windows (idle, busy,",
                    "idle, …) so that both figures of a pair see the machine's other load at the same moment, and times a",
                    "plain Java loop with as many threads the same way: the share any fair program keeps."})
    static final class Benchmark implements Callable<Integer> {
        private final Services services;
        @Spec CommandSpec spec;

        @Option(names = "--sizes", split = ",", description = "FACT sizes (default: small,published); a size may override fields, "
                + "e.g. small/hidden=8/heads=1/intermediate=8: the small network's operations on almost no arithmetic, "
                + "which times what each engine spends per operation.")
        List<String> sizes = List.of("small", "published");

        @Option(names = "--engines", split = ",", description = "Engines (default: every one that builds networks).")
        List<String> engines;

        @Option(names = "--devices", split = ",", description = "Devices (default: cpu, and gpu when there is one).")
        List<String> devices;

        @Option(names = "--frames", description = "Frames generated per measurement (default: ${DEFAULT-VALUE}; the published size runs a fifth).")
        int frames = 60;

        @Option(names = "--batches", split = ",", description = "Sequences advanced together per step, one column each (default: 1,4,20,40).")
        List<Integer> batches = List.of(1, 4, 20, 40);

        @Option(names = "--contention", description = "Also measure with two busy processes beside the benchmark (see above).")
        boolean contention;

        @Option(names = "--rounds", description = "Idle/busy window pairs per row with --contention (default: ${DEFAULT-VALUE}).")
        int rounds = 5;

        @Option(names = "--window", description = "Seconds per window with --contention, at least 3 steps (default: ${DEFAULT-VALUE}).")
        double window = 2;

        @Option(names = "--reference", paramLabel = "FILE",
                description = "timings.json of the reference (Python PyTorch 1.13 running the same network; FLOPs per step), printed beside.")
        Path reference;

        Benchmark(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            sizes.forEach(this::sizeOptions); // a malformed size is a usage error before any work
            PrintWriter o = spec.commandLine().getOut();
            NetworkCode code = factCode();
            JsonNode ref = reference == null ? null : new ObjectMapper().readTree(reference.toFile());
            List<ModelBackend> backends = new ArrayList<>();
            for (ModelBackend b : services.registry().services(ModelBackend.class)) {
                if (engines == null ? !b.engine().equals("OnnxRuntime") : engines.stream().anyMatch(e -> e.equalsIgnoreCase(b.engine()))) {
                    backends.add(b);
                }
            }
            o.printf(Locale.ROOT, "CPUs: %d allowed to this JVM; load average %s%n", Runtime.getRuntime().availableProcessors(), Contention.loadAverage());
            List<String[]> rows = new ArrayList<>();
            Map<String, Double> fpsByEngineSize = new LinkedHashMap<>();
            for (ModelBackend b : backends) {
                long t0 = System.nanoTime();
                List<String> devs = devices != null ? devices : b.devices().stream().filter(d -> d.equals("cpu") || d.equals("gpu0")).toList();
                double engineLoad = (System.nanoTime() - t0) / 1e9;
                o.printf(Locale.ROOT, "%s: engine loaded in %.2f s (natives from the cache after the first run); threads: %s%n", b.engine(),
                        engineLoad, threadsOf(b));
                o.flush();
                for (String dev : devs) {
                    for (String size : sizes) {
                        Map<String, String> opts = sizeOptions(size);
                        long t1 = System.nanoTime();
                        try (Network n = b.network(code, opts, dev)) {
                            double build = (System.nanoTime() - t1) / 1e9;
                            List<Tensor> in = inputs(n, 1);
                            long t2 = System.nanoTime();
                            n.predict(in);
                            double first = (System.nanoTime() - t2) / 1e9;
                            int budget = size.equals("published") ? Math.max(2, frames / 5) : frames;
                            List<String> perBatch = new ArrayList<>();
                            double fps = Double.NaN;
                            for (int batch : batches) {
                                // Each step advances `batch` sequences by one frame; at least 2 timed steps after a warm-up.
                                // As generation does (BatchedRollouts), an engine that runs several passes at once
                                // advances the batch as that many groups side by side.
                                int groups = Math.max(1, Math.min(batch, n.concurrentCalls()));
                                List<List<Tensor>> parts = new ArrayList<>();
                                for (int g = 0; g < groups; g++) {
                                    parts.add(inputs(n, (batch - g + groups - 1) / groups));
                                    n.predict(parts.get(g));
                                }
                                int steps = Math.max(2, (budget + batch - 1) / batch);
                                long c3 = processCpuNanos();
                                long t3 = System.nanoTime();
                                sideBySide(n, parts, steps);
                                double r = (double) steps * batch / ((System.nanoTime() - t3) / 1e9);
                                double cpuMs = (processCpuNanos() - c3) / 1e6 / (steps * batch);
                                if (batch == 1 || Double.isNaN(fps)) {
                                    fps = r;
                                }
                                perBatch.add(f(r, 1) + " (" + f(cpuMs, 1) + " ms)");
                                o.flush();
                            }
                            fpsByEngineSize.put(b.engine() + "/" + dev + "/" + size, fps);
                            String threads = threadsOf(b).split(" ", 2)[0];
                            List<String> row = new ArrayList<>(List.of(b.engine(), dev, size, Long.toString(n.parameterCount()), threads,
                                    f(build, 2), f(first, 3)));
                            row.addAll(perBatch);
                            if (contention) {
                                Contention.Result r = Contention.measure(() -> {
                                    try {
                                        n.predict(in);
                                    } catch (IOException e) {
                                        throw new java.io.UncheckedIOException(e);
                                    }
                                }, rounds, Math.max(window, 3 / fps));
                                Contention.Result control = Contention.control(Integer.parseInt(threads), rounds, 1);
                                row.addAll(List.of(f(r.idleMedian(), 1), f(r.busyMedian(), 1), pct(r.keptMin()), pct(r.keptMedian()),
                                        pct(control.keptMedian())));
                            }
                            row.add(referenceFor(ref, size, b.engine()));
                            rows.add(row.toArray(String[]::new));
                            printRow(o, rows.size() == 1, row);
                        } catch (IOException | RuntimeException e) {
                            o.printf("| %s | %s | %s | failed: %s |%n", b.engine(), dev, size, Cli.reason(e));
                        }
                        o.flush();
                    }
                }
            }
            o.println();
            o.println("frames/s, batch B: autoregressive generation speed with B sequences advanced together per step (frames of all of");
            o.println("them per second; batch 1 is one sequence at a time), and in brackets the CPU time this process spent per frame");
            o.println("(all its threads; unlike wall time it hardly depends on the machine's other load, so it is the figure to compare");
            o.println("on a busy machine); build s: network built and initialized; threads: the engine's");
            o.println("intra-op threads (why: see the line above the table; --threads N or CHOREOLAB_THREADS sets them). An engine");
            o.println("that runs several passes at once (\"2 calls at once\" above) advances a batch as that many groups side by side,");
            o.println("as generation does.");
            if (contention) {
                o.println("idle / busy: median frames/s in " + rounds + " alternating windows without and with two busy processes (sh loops,");
                o.println("children of this process) beside it; kept: busy / idle per window pair (min, median); a fair program keeps");
                o.println("its share of the CPUs: the Java loop with as many threads, timed the same way, shows that share here.");
            }
            for (String size : sizes) {
                Double pt = fpsByEngineSize.get("PyTorch/cpu/" + size), mx = fpsByEngineSize.get("MXNet/cpu/" + size);
                if (pt != null && mx != null) {
                    o.printf(Locale.ROOT, "MXNet / PyTorch, %s: %.2f× the time per frame%n", size, pt / mx);
                }
            }
            if (ref != null) {
                o.println("reference: " + ref.path("what").asText());
            }
            return 0;
        }

        /** The network options of a --sizes entry: SIZE, or SIZE/FIELD=VALUE/… overriding fields of it. */
        private Map<String, String> sizeOptions(String size) {
            Map<String, String> opts = new LinkedHashMap<>();
            String[] parts = size.split("/");
            opts.put("size", parts[0]);
            for (int k = 1; k < parts.length; k++) {
                String[] kv = parts[k].split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--sizes " + size + ": expected SIZE or SIZE/FIELD=VALUE/…, e.g. small/hidden=8");
                }
                opts.put(kv[0], kv[1]);
            }
            return opts;
        }

        private void printRow(PrintWriter o, boolean header, List<String> row) {
            if (header) {
                List<String> h = new ArrayList<>(List.of("engine", "device", "size", "parameters", "threads", "build s", "first step s"));
                for (int batch : batches) {
                    h.add("frames/s, batch " + batch);
                }
                if (contention) {
                    h.addAll(List.of("idle frames/s", "busy frames/s", "kept (min)", "kept (median)", "Java loop kept"));
                }
                h.add("reference");
                o.println();
                o.println("| " + String.join(" | ", h) + " |");
                o.println("|" + "---|".repeat(h.size()));
            }
            o.println("| " + String.join(" | ", row) + " |");
        }

        private static String referenceFor(JsonNode ref, String size, String engine) {
            if (ref == null) {
                return "–";
            }
            JsonNode s = ref.path("sizes").path(size);
            if (s.isMissingNode()) {
                return "–";
            }
            List<String> parts = new ArrayList<>();
            JsonNode fps = s.path("torch_frames_per_s");
            fps.fieldNames().forEachRemaining(threads -> parts.add(f(fps.get(threads).asDouble(), 2) + " (" + threads + " thr)"));
            String out = "Python torch " + ref.path("torch").asText("?") + ": " + String.join(", ", parts);
            if (s.has("flop_bound_frames_per_s")) {
                out += "; FLOP bound " + f(s.get("flop_bound_frames_per_s").asDouble(), 2);
            }
            return out;
        }

        /** The network's inputs with {@code batch} rows (each row different, as distinct sequences are). */
        private static List<Tensor> inputs(Network n, int batch) {
            List<Tensor> in = new ArrayList<>();
            for (long[] s : n.inputShapes()) {
                long[] shape = s.clone();
                shape[0] = batch;
                int count = 1;
                for (long d : shape) {
                    count *= (int) d;
                }
                float[] v = new float[count];
                for (int i = 0; i < count; i++) {
                    v[i] = (float) Math.sin(i * 0.01);
                }
                in.add(new Tensor(shape, v));
            }
            return in;
        }

        private static NetworkCode factCode() throws IOException {
            BundleContext bc = FrameworkUtil.getBundle(EnginesCommand.class).getBundleContext();
            try {
                var refs = bc.getServiceReferences(NetworkCode.class, "(choreolab.network=fact)");
                for (ServiceReference<NetworkCode> r : refs) {
                    return bc.getService(r);
                }
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            throw new IOException("the FACT bundle (org.choreolab.model.fact) is not installed");
        }
    }

    /** {@code steps} passes of each part, the parts on threads of their own when there are several. */
    static void sideBySide(Network n, List<List<Tensor>> parts, int steps) throws IOException {
        if (parts.size() == 1) {
            for (int i = 0; i < steps; i++) {
                n.predict(parts.get(0));
            }
            return;
        }
        List<java.util.concurrent.CompletableFuture<Void>> running = new ArrayList<>();
        for (List<Tensor> part : parts) {
            running.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < steps; i++) {
                        n.predict(part);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, r -> new Thread(r, "choreolab-benchmark-group").start()));
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(running.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
        }
    }

    /** CPU time of this process, all threads (the engines' native pools included). */
    static long processCpuNanos() {
        try {
            // jdk.management's interface, through the platform loader: the bundle imports no com.sun package
            Class<?> type = Class.forName("com.sun.management.OperatingSystemMXBean", false, ClassLoader.getPlatformClassLoader());
            Object v = type.getMethod("getProcessCpuTime").invoke(java.lang.management.ManagementFactory.getOperatingSystemMXBean());
            return ((Number) v).longValue();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return 0;
        }
    }

    static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * v);
    }
}
