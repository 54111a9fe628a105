package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.visual.Visualizer;
import org.choreolab.core.Datasets;
import org.choreolab.core.GenerationOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders a sequence's ground truth and generators' dances for the same music side by side:",
                "an animated GIF, a PNG still (--at) or an MP4 (needs ffmpeg). The same pictures as the workbench's Watch view."})
public final class RenderCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "DIR", description = "Dataset folder (default: the embedded sample).")
    String dataset = "";

    @Option(names = "--sequence", required = true, paramLabel = "ID", description = "The sequence (its music and ground truth).")
    String sequence;

    @Option(names = "--generators", split = ",", paramLabel = "ID",
            description = "Up to three generators (exact ids) beside the ground truth (default: none).")
    List<String> generators = List.of();

    @Option(names = "--no-truth", description = "Leave the ground truth out.")
    boolean noTruth;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.gif, FILE.png or FILE.mp4.")
    Path out;

    @Option(names = "--from", description = "Start, seconds (default: 0).")
    double from;

    @Option(names = "--to", description = "End, seconds (default: the end of the clips).")
    Double to;

    @Option(names = "--at", description = "For a PNG: the instant, seconds (default: --from).")
    Double at;

    @Option(names = "--fps", description = "Animation frames per second (default: ${DEFAULT-VALUE}).")
    double fps = 20;

    @Option(names = "--size", paramLabel = "WxH", description = "Pixels per panel (default: ${DEFAULT-VALUE}).")
    String size = "360x400";

    @Option(names = "--visualizer", description = "The visualizer (default: ${DEFAULT-VALUE}).")
    String visualizer = "skeleton";

    @Option(names = "--device", description = "Device for generators on an engine (default: ${DEFAULT-VALUE}).")
    String device = "auto";

    public RenderCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        Visualizer v = services.registry().find(Visualizer.class, visualizer)
                .orElseThrow(() -> new IllegalArgumentException("--visualizer: '" + visualizer + "' is not installed"));
        String[] wh = size.toLowerCase().split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("--size: expected WIDTHxHEIGHT such as 360x400, got '" + size + "'");
        }
        List<MotionGenerator> chosen = generators.stream()
                .map(id -> GeneratorIds.resolve(services, spec.commandLine(), "--generators", id, null)).toList();
        List<MotionClip> clips = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        try (Dataset d = Datasets.open(services.registry(), dataset, false)) {
            Sequence s = d.sequence(sequence).orElseThrow(() -> new IllegalArgumentException("--sequence: '" + sequence
                    + "' is not in " + d.name() + " (e.g. " + d.sequences().stream().limit(3).map(Sequence::id).toList() + ")"));
            MotionClip truth = d.motion(s);
            if (!noTruth) {
                clips.add(truth);
                titles.add("Ground truth");
            }
            GenerationOptions generation = GenerationOptions.DEFAULT.withFrames(truth.frameCount()).withDevice(device);
            for (MotionGenerator g : chosen) {
                ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
                progress.begin("Generating with " + g.id() + " …", 1);
                clips.add(services.generation().generate(g, d, s, generation, progress));
                progress.worked(1);
                progress.done();
                titles.add(g.name());
            }
            if (clips.isEmpty()) {
                throw new IllegalArgumentException("nothing to render: --no-truth and no --generators");
            }
            d.musicBeats(s, truth.fps()).ifPresent(b -> options.put("beats",
                    java.util.Arrays.stream(b).mapToObj(Integer::toString).collect(Collectors.joining(","))));
            options.put("beatsFps", Double.toString(truth.fps()));
        }
        options.put("titles", String.join(",", titles));
        options.put("width", Integer.toString(Integer.parseInt(wh[0].trim()) * clips.size()));
        options.put("height", wh[1].trim());
        options.put("fps", Double.toString(fps));
        options.put("from", Double.toString(from));
        if (to != null) {
            options.put("to", Double.toString(to));
        }
        options.put("at", Double.toString(at != null ? at : from));
        v.render(clips, out, options);
        PrintWriter o = spec.commandLine().getOut();
        o.println("Rendered " + clips.size() + " clip(s) to " + out.toAbsolutePath().normalize());
        return 0;
    }
}
