package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.Tensor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Imports models trained elsewhere.",
        subcommands = {ImportCommand.FactCheckpoint.class})
public final class ImportCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "fact-checkpoint", mixinStandardHelpOptions = true,
            description = {"Imports mint's trained FACT (a TensorFlow 2 checkpoint: PREFIX.index + PREFIX.data-*) as a FACT model folder",
                    "(fact.json + fact.params) that fact-pytorch and fact-mxnet load: CHOREOLAB_FACT_MODEL=DIR.",
                    "Reads the checkpoint without TensorFlow; FACT's shape comes from the tensors' shapes, the attention heads",
                    "(in no shape) from --heads or --config, or are mint's published 10 for mint's published shape. Variables",
                    "FACT has no place for, missing ones and mis-shaped ones are listed and nothing is written."})
    static final class FactCheckpoint implements Callable<Integer> {

        private final Services services;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "CHECKPOINT",
                description = "A checkpoint folder (the latest its 'checkpoint' file names, or its only .index), a prefix such as DIR/ckpt-214501, or its .index file.")
        Path checkpoint;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The model folder to write.")
        Path out;

        @Option(names = "--heads", paramLabel = "N", description = "Attention heads of every transformer (not stored in the checkpoint).")
        int heads;

        @Option(names = "--config", paramLabel = "FILE", description = "mint's pipeline configuration (configs/*.config): heads, and every size checked against the shapes.")
        Path config;

        @Option(names = "--force", description = "Overwrite a model already in --out.")
        boolean force;

        @Option(names = "--no-check", description = "Do not load the written model on the installed engines.")
        boolean noCheck;

        FactCheckpoint(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            if (heads < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--heads: expected a positive whole number, got " + heads);
            }
            try {
                return Mint.run(this);
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("import fact-checkpoint needs the FACT bundle (org.choreolab.model.fact), which is not installed");
            }
        }
    }

    /** Kept apart so that nothing of the optional FACT bundle is loaded before the command runs. */
    private static final class Mint {

        static int run(FactCheckpoint c) throws IOException {
            PrintWriter o = c.spec.commandLine().getOut();
            org.choreolab.model.fact.mint.MintCheckpoint m = org.choreolab.model.fact.mint.MintCheckpoint.read(c.checkpoint, c.heads, c.config);
            Map<String, String> f = m.options();
            o.printf(Locale.ROOT, "Read %s%s: %d variables, %,d parameters%n", m.source().toAbsolutePath().normalize(),
                    m.step() >= 0 ? " (step " + m.step() + ")" : "", m.variables(), m.parameterCount());
            o.printf(Locale.ROOT, "FACT: %s wide, %s heads (%s), MLP %s, %s + %s + %s layers, windows %s/%s frames, features %s/%s%n",
                    f.get("hidden"), f.get("heads"), m.headsFrom(), f.get("intermediate"), f.get("motionLayers"), f.get("audioLayers"),
                    f.get("crossLayers"), f.get("motionLength"), f.get("audioLength"), f.get("motionDim"), f.get("audioDim"));
            List<String> skipped = new ArrayList<>();
            m.ignored().forEach((what, n) -> skipped.add(n + " " + what));
            o.println("Skipped: " + (skipped.isEmpty() ? "nothing" : String.join(", ", skipped)));
            m.write(c.out, c.force);
            Path params = org.choreolab.model.fact.mint.MintCheckpoint.parameterFile(c.out);
            o.println("Written: " + c.out.toAbsolutePath().normalize().resolve("fact.json") + " and fact.params");
            if (!c.noCheck) {
                check(c, o, m.options(), params);
            }
            o.println("Use it: CHOREOLAB_FACT_MODEL=" + c.out.toAbsolutePath().normalize() + " ./choreolab evaluate --generators fact-pytorch,fact-mxnet");
            return 0;
        }

        /** Builds FACT on each installed block engine, loads the file and runs one step on zeros. */
        private static void check(FactCheckpoint c, PrintWriter o, Map<String, String> options, Path params) throws IOException {
            List<ModelBackend> engines = c.services.registry().services(ModelBackend.class).stream()
                    .filter(b -> b.engine().equals("PyTorch") || b.engine().equals("MXNet")).toList();
            if (engines.isEmpty()) {
                o.println("Checked on: no engine that builds FACT is installed (PyTorch or MXNet)");
                return;
            }
            for (ModelBackend b : engines) {
                try (Network n = b.network(org.choreolab.model.fact.mint.MintCheckpoint.networkCode(), options, "cpu")) {
                    n.loadParameters(params);
                    List<Tensor> zeros = new ArrayList<>();
                    for (long[] s : n.inputShapes()) {
                        long size = 1;
                        for (long d : s) {
                            size *= d;
                        }
                        zeros.add(new Tensor(s, new float[(int) size]));
                    }
                    for (float v : n.predict(zeros).get(0).data()) {
                        if (!Float.isFinite(v)) {
                            throw new IOException(params + ": FACT on " + b.engine() + " computes " + v + " from zeros");
                        }
                    }
                    o.println("Loads and runs on " + b.engine() + " " + b.engineVersion() + ": yes");
                }
            }
        }
    }
}
