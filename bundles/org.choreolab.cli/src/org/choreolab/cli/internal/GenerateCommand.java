package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.Datasets;
import org.choreolab.core.GenerationOptions;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npy;
import org.choreolab.io.numpy.NumpyPickle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Runs one generator on the sequences of a split and writes each clip twice:",
                "motions/<id>.pkl as AIST++ does (smpl_poses T×72, smpl_trans T×3, smpl_scaling; only for generators",
                "that return rotations) and joints/<id>.npy (T×24×3 float32, metres, always).",
                "A generator that fails on a sequence is reported and the others go on."})
public final class GenerateCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--generator", required = true, paramLabel = "ID",
            description = "The generator's exact id (see 'choreolab components'), e.g. fact-pytorch, random-clip, nearest-music.")
    String generator;

    @Option(names = "--engine", description = "For generators offered on several engines: --generator fact --engine MXNet is fact-mxnet.")
    String engine;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
            description = "Overrides one of the generator's parameters for this run (repeatable), e.g. --param feedback=raw; "
                    + "what a key means is the generator's to decide; every override is recorded in generate.json.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--device", description = "cpu, gpu, gpuN or auto (default: ${DEFAULT-VALUE}).")
    String device = "auto";

    @Option(names = "--dataset", paramLabel = "DIR", description = "Dataset folder (default: the embedded sample).")
    String dataset = "";

    @Option(names = "--split", description = "Split (default: ${DEFAULT-VALUE}).")
    String split = "test";

    @Option(names = "--sequences", split = ",", paramLabel = "ID", description = "Only these sequences.")
    List<String> only;

    @Option(names = "--frames", description = "Frames per clip (default: the ground truth's length).")
    int frames;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    public GenerateCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        MotionGenerator g = GeneratorIds.resolve(services, spec.commandLine(), "--generator", generator, engine);
        GeneratorDescriptor descriptor = g.descriptor();
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(out.resolve("motions"));
        Files.createDirectories(out.resolve("joints"));
        int[] failed = {0}, written = {0}, motions = {0};
        long[] framesMade = {0};
        try (Dataset d = Datasets.open(services.registry(), dataset, false)) {
            List<Sequence> seqs = d.split(split).stream().filter(s -> only == null || only.contains(s.id())).toList();
            if (seqs.isEmpty()) {
                throw new IllegalArgumentException("--split " + split + (only == null ? "" : " --sequences " + only)
                        + ": no sequences (splits: " + d.splits() + ")");
            }
            GenerationOptions options = new GenerationOptions(frames, seed, device, params, 0);
            ConsoleProgress progress = new ConsoleProgress(err, false);
            progress.begin("Generating " + seqs.size() + " clips with " + g.id(), seqs.size());
            long start = System.nanoTime();
            services.generation().generateAll(g, d, seqs, options, progress, done -> {
                if (done.failed()) {
                    failed[0]++;
                    progress.println("choreolab generate: " + done.error().getMessage());
                } else {
                    try {
                        MotionClip clip = done.clip();
                        if (write(done.sequence().id(), clip)) {
                            motions[0]++;
                        }
                        framesMade[0] += clip.frameCount();
                        written[0]++;
                    } catch (IOException | RuntimeException e) {
                        failed[0]++;
                        progress.println("choreolab generate: " + done.sequence().id() + ": cannot write: " + Cli.reason(e));
                    }
                }
                progress.worked(1);
            });
            progress.done();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> parameters = new LinkedHashMap<>(descriptor.parameters());
            parameters.putAll(params);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("generator", g.id());
            manifest.put("name", g.name());
            manifest.put("backend", descriptor.backend());
            manifest.put("parameters", parameters);
            manifest.put("overrides", params);
            manifest.put("dataset", d.name());
            manifest.put("split", split);
            manifest.put("device", device);
            manifest.put("seed", seed);
            manifest.put("clips", written[0]);
            manifest.put("motions", motions[0]);
            manifest.put("failed", failed[0]);
            manifest.put("seconds", Math.round(seconds * 100) / 100.0);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("generate.json").toFile(), manifest);
            o.printf(Locale.ROOT, "%d clip(s) written to %s (%d failed), %.1f frames/s%n", written[0],
                    out.toAbsolutePath().normalize(), failed[0], framesMade[0] / Math.max(seconds, 1e-9));
            if (written[0] > motions[0]) {
                o.printf(Locale.ROOT, "%d clip(s) have joint positions only (%s returns no rotations): joints/*.npy written, no motions/*.pkl%n",
                        written[0] - motions[0], g.id());
            }
        }
        return failed[0] == 0 ? 0 : 1;
    }

    /** Writes the joints, and the AIST++ motion when the clip has rotations; returns whether it did. */
    private boolean write(String id, MotionClip clip) throws IOException {
        int n = clip.frameCount();
        if (clip.hasRotations()) {
            Map<String, Object> pkl = new LinkedHashMap<>();
            pkl.put("smpl_loss", 0.0);
            int r = 3 * clip.skeleton().jointCount();
            pkl.put("smpl_poses", NdArray.float32(clip.rotations(new float[r * n]), n, r));
            pkl.put("smpl_scaling", NdArray.float32(new float[] {1f}, 1));
            pkl.put("smpl_trans", NdArray.float32(clip.translations(new float[3 * n]), n, 3));
            NumpyPickle.writeDict(out.resolve("motions").resolve(id + ".pkl"), pkl);
        }
        int j = clip.skeleton().jointCount();
        Npy.writeFloat32(out.resolve("joints").resolve(id + ".npy"), clip.positions(new float[3 * j * n]), n, j, 3);
        return clip.hasRotations();
    }
}
