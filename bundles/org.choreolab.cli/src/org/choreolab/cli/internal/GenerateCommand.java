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
        description = {"Runs one generator over the sequences of a split and writes each clip.",
                "joints/<id>.npy (T × 24 × 3 float32, metres; always) and motions/<id>.pkl in AIST++'s format (smpl_poses T × 72, "
                        + "smpl_trans T × 3, smpl_scaling; readable by --dataset; for generators that return rotations), and "
                        + "generate.json (the generator, its parameters with the --param overrides, seed, device, counts).",
                "A sequence the generator fails on is reported by generator and sequence and the others go on. Rerunning the same "
                        + "command on the same --out skips the clips already written (Ctrl-C prints that command).",
                "ID is exact (fact-pytorch, or fact --engine PyTorch): an unknown or ambiguous id is a usage error that lists "
                        + "the candidates."})
public final class GenerateCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--generator", required = true, paramLabel = "ID",
            description = "The generator's exact id (see 'choreolab components'), e.g. fact-pytorch, random-clip, nearest-music.")
    String generator;

    @Option(names = "--engine", description = "For generators offered on several engines: --generator fact --engine MXNet is fact-mxnet.")
    String engine;

    @picocli.CommandLine.Mixin
    Shared.Params param;

    @picocli.CommandLine.Mixin
    Shared.Device deviceOption;

    @picocli.CommandLine.Mixin
    Shared.Dataset datasetOption;

    @picocli.CommandLine.Mixin
    Shared.Split splitOption;

    @Option(names = "--sequences", split = ",", paramLabel = "ID", description = "Only these sequences.")
    List<String> only;

    @Option(names = "--frames", paramLabel = "N", description = "Frames per clip (default: the ground truth's length).")
    int frames;

    @picocli.CommandLine.Mixin
    Shared.Seed seedOption;

    @picocli.CommandLine.Mixin
    Shared.OutDir outOption;

    @Option(names = "--fresh", description = "Generate every clip again instead of keeping those already in --out.")
    boolean fresh;

    private Path out;

    public GenerateCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        MotionGenerator g = GeneratorIds.resolve(services, spec.commandLine(), "--generator", generator, engine);
        GeneratorDescriptor descriptor = g.descriptor();
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out = outOption.dir;
        String dataset = datasetOption.dir, split = splitOption.name == null ? "test" : splitOption.name;
        String device = deviceOption.orAuto();
        long seed = seedOption.seed == null ? 0 : seedOption.seed;
        Map<String, String> params = param.values;
        int[] failed = {0}, written = {0}, motions = {0}, kept = {0};
        long[] framesMade = {0};
        try (Dataset d = Datasets.open(services.registry(), dataset, false)) {
            List<Sequence> seqs = d.split(split).stream().filter(s -> only == null || only.contains(s.id())).toList();
            if (seqs.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--split " + split
                        + (only == null ? "" : " --sequences " + String.join(",", only)) + ": no sequences in " + d.name()
                        + " (splits: " + String.join(", ", d.splits()) + ")");
            }
            // What identifies the clips of a run: a rerun with the same settings keeps the clips already written.
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("generator", g.id());
            settings.put("overrides", params);
            settings.put("dataset", d.name());
            settings.put("split", split);
            settings.put("frames", frames);
            settings.put("seed", seed);
            settings.put("device", device);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Path manifestFile = out.resolve("generate.json");
            if (!fresh && Files.isRegularFile(manifestFile)) {
                Map<?, ?> before = json.readValue(manifestFile.toFile(), Map.class);
                Object recorded = before.get("settings");
                // Compared as JSON read back, so that 0 read from the file equals the long 0 here.
                if (!json.readTree(json.writeValueAsString(settings)).equals(json.readTree(json.writeValueAsString(recorded)))) {
                    throw new IOException(out + " holds clips of another generate run (" + (recorded == null
                            ? "its generate.json records no settings" : recorded) + "); choose another --out or add --fresh");
                }
            }
            Files.createDirectories(out.resolve("motions"));
            Files.createDirectories(out.resolve("joints"));
            Map<String, Object> started = new LinkedHashMap<>();
            started.put("settings", settings);
            started.put("complete", false);
            json.writeValue(manifestFile.toFile(), started);
            List<Sequence> todo = new java.util.ArrayList<>();
            for (Sequence s : seqs) {
                if (!fresh && Files.isRegularFile(out.resolve("joints").resolve(s.id() + ".npy"))) {
                    kept[0]++;
                } else {
                    todo.add(s);
                }
            }
            if (kept[0] > 0) {
                err.println("Resuming: " + kept[0] + " clip(s) already in " + out + " are kept");
            }
            GenerationOptions options = new GenerationOptions(frames, seed, device, params, 0);
            ConsoleProgress progress = new ConsoleProgress(err, false);
            progress.begin("Generating " + todo.size() + " clips with " + g.id(), todo.size());
            long start = System.nanoTime();
            List<String> args = spec.root().commandLine().getParseResult() == null ? List.of()
                    : spec.root().commandLine().getParseResult().originalArgs();
            try (Interruption stop = Interruption.install(err,
                    () -> Interruption.generateStopped(Interruption.launcher(), args, out, kept[0] + written[0]))) {
                services.generation().generateAll(g, d, todo, options, progress, done -> {
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
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, String> parameters = new LinkedHashMap<>(descriptor.parameters());
            parameters.putAll(params);
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("settings", settings);
            manifest.put("complete", failed[0] == 0);
            manifest.put("generator", g.id());
            manifest.put("name", g.name());
            manifest.put("backend", descriptor.backend());
            manifest.put("parameters", parameters);
            manifest.put("overrides", params);
            manifest.put("dataset", d.name());
            manifest.put("split", split);
            manifest.put("device", device);
            manifest.put("seed", seed);
            manifest.put("clips", written[0] + kept[0]);
            manifest.put("kept", kept[0]);
            manifest.put("motions", motions[0]);
            manifest.put("failed", failed[0]);
            manifest.put("seconds", Math.round(seconds * 100) / 100.0);
            json.writeValue(manifestFile.toFile(), manifest);
            o.printf(Locale.ROOT, "%d clip(s) written to %s%s (%d failed), %.1f frames/s%n", written[0],
                    out.toAbsolutePath().normalize(), kept[0] > 0 ? ", " + kept[0] + " kept from before" : "", failed[0],
                    framesMade[0] / Math.max(seconds, 1e-9));
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
            Path pklFile = out.resolve("motions").resolve(id + ".pkl"), tmp = pklFile.resolveSibling(id + ".pkl.part");
            NumpyPickle.writeDict(tmp, pkl);
            Files.move(tmp, pklFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        // The joints file last and whole: its presence tells a rerun that this clip is done.
        int j = clip.skeleton().jointCount();
        Path npy = out.resolve("joints").resolve(id + ".npy"), tmp = npy.resolveSibling(id + ".npy.part");
        Npy.writeFloat32(tmp, clip.positions(new float[3 * j * n]), n, j, 3);
        Files.move(tmp, npy, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return clip.hasRotations();
    }
}
