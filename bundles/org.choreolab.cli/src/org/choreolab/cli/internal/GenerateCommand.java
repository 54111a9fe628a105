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

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.Datasets;
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
                "motions/<id>.pkl as AIST++ does (smpl_poses T×72, smpl_trans T×3, smpl_scaling) and",
                "joints/<id>.npy (T×24×3 float32, metres). A generator that fails on a sequence is reported and the others go on."})
public final class GenerateCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--generator", required = true, paramLabel = "ID", description = "Generator id, e.g. fact, random-clip, nearest-music.")
    String generator;

    @Option(names = "--engine", description = "For generators offered on several engines (FACT): PyTorch or MXNet.")
    String engine;

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
        MotionGenerator g = pick();
        PrintWriter o = spec.commandLine().getOut();
        Files.createDirectories(out.resolve("motions"));
        Files.createDirectories(out.resolve("joints"));
        int failed = 0, written = 0;
        try (Dataset d = Datasets.open(services.registry(), dataset, false)) {
            List<Sequence> seqs = d.split(split).stream().filter(s -> only == null || only.contains(s.id())).toList();
            if (seqs.isEmpty()) {
                throw new IllegalArgumentException("--split " + split + (only == null ? "" : " --sequences " + only)
                        + ": no sequences (splits: " + d.splits() + ")");
            }
            ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
            progress.begin("Generating " + seqs.size() + " clips with " + g.id(), seqs.size());
            long start = System.nanoTime();
            long framesMade = 0;
            for (Sequence s : seqs) {
                progress.subTask(s.id());
                try {
                    MotionClip truth = d.motion(s);
                    int n = frames > 0 ? frames : truth.frameCount();
                    MotionClip seedClip = GenerationRequest.seedFor(g.descriptor(), truth);
                    MotionClip clip = g.generate(new GenerationRequest(d, s, null, seedClip, n, truth.fps(), seed, device),
                            ProgressMonitor.NULL);
                    write(s.id(), clip);
                    framesMade += clip.frameCount();
                    written++;
                } catch (Exception | LinkageError e) {
                    failed++;
                    spec.commandLine().getErr().println("choreolab generate: " + s.id() + ": " + Cli.reason(e));
                }
                progress.worked(1);
            }
            progress.done();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("generator", g.id());
            manifest.put("name", g.name());
            manifest.put("backend", g.descriptor().backend());
            manifest.put("parameters", g.descriptor().parameters());
            manifest.put("dataset", d.name());
            manifest.put("split", split);
            manifest.put("device", device);
            manifest.put("seed", seed);
            manifest.put("clips", written);
            manifest.put("failed", failed);
            manifest.put("seconds", Math.round(seconds * 100) / 100.0);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("generate.json").toFile(), manifest);
            o.printf(Locale.ROOT, "%d clip(s) written to %s (%d failed), %.1f frames/s%n", written,
                    out.toAbsolutePath().normalize(), failed, framesMade / Math.max(seconds, 1e-9));
        }
        return failed == 0 ? 0 : 1;
    }

    private MotionGenerator pick() {
        List<MotionGenerator> all = services.registry().services(MotionGenerator.class);
        String wanted = engine == null ? generator : generator + "-" + engine.toLowerCase(Locale.ROOT);
        return all.stream().filter(x -> x.id().equals(wanted)).findFirst()
                .or(() -> engine == null ? all.stream().filter(x -> x.id().startsWith(generator + "-")).findFirst()
                        : all.stream().filter(x -> x.id().equals(generator) && x.descriptor().backend().equalsIgnoreCase(engine)).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("--generator " + wanted + ": not installed (installed: "
                        + all.stream().map(MotionGenerator::id).toList() + ")"));
    }

    private void write(String id, MotionClip clip) throws IOException {
        int n = clip.frameCount();
        if (clip.hasRotations()) {
            Map<String, Object> pkl = new LinkedHashMap<>();
            pkl.put("smpl_loss", 0.0);
            pkl.put("smpl_poses", NdArray.float32(clip.rotations(new float[72 * n]), n, 72));
            pkl.put("smpl_scaling", NdArray.float32(new float[] {1f}, 1));
            pkl.put("smpl_trans", NdArray.float32(clip.translations(new float[3 * n]), n, 3));
            NumpyPickle.writeDict(out.resolve("motions").resolve(id + ".pkl"), pkl);
        }
        int j = clip.skeleton().jointCount();
        Npy.writeFloat32(out.resolve("joints").resolve(id + ".npy"), clip.positions(new float[3 * j * n]), n, j, 3);
    }
}
