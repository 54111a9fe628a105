package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
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

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "engines", mixinStandardHelpOptions = true, subcommands = EnginesCommand.Benchmark.class,
        description = "Lists the deep-learning engines installed (one bundle each), their versions and devices.")
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
        o.printf("%-12s %-10s %-16s %s%n", "engine", "version", "devices", "bundle");
        for (ModelBackend b : all) {
            String devices;
            try {
                devices = String.join(",", b.devices());
            } catch (RuntimeException e) {
                devices = "failed: " + Cli.reason(e);
            }
            o.printf("%-12s %-10s %-16s %s%n", b.engine(), b.engineVersion(), devices,
                    FrameworkUtil.getBundle(b.getClass()).getSymbolicName());
        }
        return 0;
    }

    @Command(name = "benchmark", mixinStandardHelpOptions = true,
            description = {"FACT's generation throughput per engine, device and size, as generation runs it: one forward",
                    "pass per generated frame (120 motion + 240 music frames in). Prints a table; measures, never asserts."})
    static final class Benchmark implements Callable<Integer> {
        private final Services services;
        @Spec CommandSpec spec;

        @Option(names = "--sizes", split = ",", description = "FACT sizes (default: small,published).")
        List<String> sizes = List.of("small", "published");

        @Option(names = "--engines", split = ",", description = "Engines (default: every one that builds networks).")
        List<String> engines;

        @Option(names = "--devices", split = ",", description = "Devices (default: cpu, and gpu when there is one).")
        List<String> devices;

        @Option(names = "--frames", description = "Frames generated per measurement (default: ${DEFAULT-VALUE}; the published size runs a fifth).")
        int frames = 60;

        Benchmark(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            PrintWriter o = spec.commandLine().getOut();
            NetworkCode code = factCode();
            List<ModelBackend> backends = new ArrayList<>();
            for (ModelBackend b : services.registry().services(ModelBackend.class)) {
                if (engines == null ? !b.engine().equals("OnnxRuntime") : engines.stream().anyMatch(e -> e.equalsIgnoreCase(b.engine()))) {
                    backends.add(b);
                }
            }
            o.printf("%-10s %-8s %-10s %12s %10s %12s %12s%n", "engine", "device", "size", "parameters", "build s", "first step s", "frames/s");
            for (ModelBackend b : backends) {
                long t0 = System.nanoTime();
                List<String> devs = devices != null ? devices : b.devices().stream().filter(d -> d.equals("cpu") || d.equals("gpu0")).toList();
                double engineLoad = (System.nanoTime() - t0) / 1e9;
                o.printf(Locale.ROOT, "%-10s engine loaded in %.2f s (natives from the cache after the first run)%n", b.engine(), engineLoad);
                for (String dev : devs) {
                    for (String size : sizes) {
                        Map<String, String> opts = new LinkedHashMap<>();
                        opts.put("size", size);
                        long t1 = System.nanoTime();
                        try (Network n = b.network(code, opts, dev)) {
                            double build = (System.nanoTime() - t1) / 1e9;
                            List<Tensor> in = new ArrayList<>();
                            for (long[] shape : n.inputShapes()) {
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
                            long t2 = System.nanoTime();
                            n.predict(in);
                            double first = (System.nanoTime() - t2) / 1e9;
                            int steps = size.equals("published") ? Math.max(2, frames / 5) : frames;
                            long t3 = System.nanoTime();
                            for (int i = 0; i < steps; i++) {
                                n.predict(in);
                            }
                            double fps = steps / ((System.nanoTime() - t3) / 1e9);
                            o.printf(Locale.ROOT, "%-10s %-8s %-10s %12d %10.2f %12.3f %12.1f%n", b.engine(), dev, size, n.parameterCount(),
                                    build, first, fps);
                        } catch (IOException | RuntimeException e) {
                            o.printf("%-10s %-8s %-10s failed: %s%n", b.engine(), dev, size, Cli.reason(e));
                        }
                        o.flush();
                    }
                }
            }
            o.println("frames/s: autoregressive generation speed (batch 1); build s: network built and initialized.");
            return 0;
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
}
