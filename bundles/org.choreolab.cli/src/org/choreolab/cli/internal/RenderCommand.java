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
import org.choreolab.core.MusicBeats;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Renders the ground truth and generators dancing to the same music side by side, as the workbench's Watch "
                + "view shows them.",
                "An animated GIF (the JDK's encoder; 12.5 frames per second and 240 × 270 pixels per panel by default, a palette "
                        + "of the picture's colours), a PNG still (--at) or an MP4 when ffmpeg is installed; prints the file's size."})
public final class RenderCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    Shared.Dataset dataset;

    @Option(names = "--sequence", required = true, paramLabel = "ID", description = "The sequence (its music and ground truth).")
    String sequence;

    @Option(names = "--generators", split = ",", paramLabel = "ID",
            description = "Up to three generators (exact ids) beside the ground truth (default: none).")
    List<String> generators = List.of();

    @Option(names = "--no-truth", description = "Leave the ground truth out.")
    boolean noTruth;

    @Option(names = "--out", required = true, paramLabel = "FILE.gif|png|mp4", description = "FILE.gif, FILE.png or FILE.mp4.")
    Path out;

    @Option(names = "--from", paramLabel = "S", description = "Start, seconds (default: 0).")
    double from;

    @Option(names = "--to", paramLabel = "S", description = "End, seconds (default: the end of the clips).")
    Double to;

    @Option(names = "--at", paramLabel = "S", description = "For a PNG: the instant, seconds (default: --from).")
    Double at;

    @Option(names = "--fps", paramLabel = "N", description = "Animation frames per second (default: ${DEFAULT-VALUE}; a GIF shows "
            + "frames for whole hundredths of a second, so 10, 12.5, 20 and 25 keep the music's time exactly).")
    double fps = 12.5;

    @Option(names = "--size", paramLabel = "WxH", description = "Pixels per panel (default: ${DEFAULT-VALUE}).")
    String size = "240x270";

    @Option(names = "--visualizer", paramLabel = "ID", description = "The visualizer (default: ${DEFAULT-VALUE}).")
    String visualizer = "skeleton";

    @picocli.CommandLine.Mixin
    Shared.Device device;

    public RenderCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        Visualizer v = services.registry().find(Visualizer.class, visualizer)
                .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(), "--visualizer " + visualizer
                        + ": not installed (installed: " + String.join(", ", services.registry().services(Visualizer.class).stream()
                                .map(Visualizer::id).toList()) + ")"));
        String[] wh = size.toLowerCase().split("x");
        if (wh.length != 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--size " + size + ": expected WIDTHxHEIGHT such as 240x270");
        }
        List<MotionGenerator> chosen = generators.stream()
                .map(id -> GeneratorIds.resolve(services, spec.commandLine(), "--generators", id, null)).toList();
        List<MotionClip> clips = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        try (Dataset d = Datasets.open(services.registry(), dataset.dir, false)) {
            Sequence s = d.sequence(sequence).orElseThrow(() -> new IllegalArgumentException("--sequence: '" + sequence
                    + "' is not in " + d.name() + " (e.g. " + d.sequences().stream().limit(3).map(Sequence::id).toList() + ")"));
            MotionClip truth = d.motion(s);
            if (!noTruth) {
                clips.add(truth);
                titles.add("Ground truth");
            }
            GenerationOptions generation = GenerationOptions.DEFAULT.withFrames(truth.frameCount()).withDevice(device.orAuto());
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
            MusicBeats.of(services.registry(), services.generation(), d, s, truth.fps()).ifPresent(b -> options.put("beats",
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
        long bytes = java.nio.file.Files.size(out);
        o.printf(java.util.Locale.ROOT, "Rendered %d clip(s) to %s (%s, %s × %s pixels)%n", clips.size(), out.toAbsolutePath().normalize(),
                size(bytes), options.get("width"), options.get("height"));
        return 0;
    }

    /** {@code 2.4 MB}, {@code 310 kB}. */
    static String size(long bytes) {
        if (bytes >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return bytes >= 1000 ? Math.round(bytes / 1e3) + " kB" : bytes + " bytes";
    }
}
