package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.metric.SetValue;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.data.outputs.Output;
import org.choreolab.data.outputs.OutputFolder;
import org.choreolab.data.outputs.OutputFormat;
import org.choreolab.data.outputs.UpAxis;
import org.choreolab.report.MetricLabels;
import org.choreolab.report.Numbers;
import org.choreolab.report.Table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Scores generated joints against ground-truth joints with the installed metrics.",
                "Prints a table (each value with its flags and their reasons) and writes the set values, their flags, "
                        + "per-sequence features and each metric's conventions under the protocol to --out.",
                "Each DIR is a folder of motion as its code writes it, the format detected per file: joints "
                        + "(<sequence>.npy, (frames, 24, 3) metres, as 'dataset export-joints' writes them), bailando "
                        + "(np.save of {'pred_position'}: <name>.pkl.npy), edge (pickles with full_pose, 30 fps, z up), "
                        + "aistpp (SMPL motion pickles of AIST++, FACT's data or 'generate', or an AIST++ folder), fact "
                        + "(mint's (frames, 225) .npy), or a 'generate' output folder. Files are named after the sequence "
                        + "(or music) in their name. The formats, frame rates and up axes read are printed and written to the JSON; "
                        + "a file that matches none is reported with what was found, and the exit code is then 1.",
                "--music holds, per sequence name or per music id (the fifth field of an AIST++ name), a .txt list of "
                        + "music beat frame indices at the motion frame rate, one per line."},
        subcommands = MetricsBenchmark.class)
public final class MetricsCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--gt", paramLabel = "DIR", description = "Ground-truth motion folder (the whole pool FID compares against).")
    Path gt;

    @Option(names = "--pred", paramLabel = "DIR", description = "Generated motion folder.")
    Path pred;

    @Option(names = "--music", paramLabel = "DIR", description = "Music beats per sequence or music id (needed by bas).")
    Path music;

    @Option(names = "--metrics", split = ",", paramLabel = "ID", description = "Metric ids (default: every installed metric).")
    List<String> metricIds;

    @Option(names = "--protocol", defaultValue = "bailando", paramLabel = "NAME", description = "bailando, fact, fact-paper or edge (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format of both folders: auto (default: detected per file), "
            + "joints, bailando, edge, aistpp or fact.")
    String format;

    @Option(names = "--pred-format", paramLabel = "FORMAT", description = "Format of --pred (overrides --format).")
    String predFormat;

    @Option(names = "--gt-format", paramLabel = "FORMAT", description = "Format of --gt (overrides --format).")
    String gtFormat;

    @Option(names = "--fps", paramLabel = "N", description = "Frame rate of both folders (default: the format's: 60, EDGE 30).")
    Double fps;

    @Option(names = "--pred-fps", paramLabel = "N", description = "Frame rate of --pred (overrides --fps).")
    Double predFps;

    @Option(names = "--gt-fps", paramLabel = "N", description = "Frame rate of --gt (overrides --fps).")
    Double gtFps;

    @Option(names = "--up", paramLabel = "AXIS", description = "Up axis of both folders, y or z (default: the format's: y, EDGE z; "
            + "joints files: read from the data).")
    String up;

    @Option(names = "--pred-up", paramLabel = "AXIS", description = "Up axis of --pred (overrides --up).")
    String predUp;

    @Option(names = "--gt-up", paramLabel = "AXIS", description = "Up axis of --gt (overrides --up).")
    String gtUp;

    @Option(names = "--out", paramLabel = "FILE", description = "The JSON file to write.")
    Path out;

    public MetricsCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        // Checked here rather than by picocli, so that 'metrics benchmark' needs none of them.
        if (gt == null || pred == null || out == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required options: --gt, --pred and --out");
        }
        List<Metric> metrics = new ArrayList<>();
        List<Metric> installed = services.registry().services(Metric.class);
        if (metricIds == null) {
            metrics.addAll(installed);
        } else {
            for (String id : metricIds) {
                metrics.add(services.registry().find(Metric.class, id).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                        spec.commandLine(), "--metrics " + id + ": no such metric (installed: "
                                + String.join(", ", installed.stream().map(Metric::id).toList()) + ")")));
            }
        }
        if (metrics.isEmpty()) {
            throw new IOException("no metric is installed");
        }
        for (Metric m : metrics) {
            if (!m.protocols().contains(protocol)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--protocol " + protocol + ": metric " + m.id()
                        + " does not know it (it knows " + String.join(", ", m.protocols()) + ")");
            }
        }
        // Metrics left out, with why (shown in the table and the JSON, not only on stderr).
        Map<String, String> leftOut = new LinkedHashMap<>();
        if (music == null && metrics.stream().anyMatch(Metric::needsMusicBeats)) {
            if (metricIds != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--music is needed by "
                        + String.join(", ", metrics.stream().filter(Metric::needsMusicBeats).map(Metric::id).toList())
                        + " (a folder of music beat frames per sequence or music id)");
            }
            metrics.stream().filter(Metric::needsMusicBeats).forEach(m -> leftOut.put(m.id(),
                    "left out: no --music (" + m.name() + " needs the music's beat frames)"));
            metrics.removeIf(Metric::needsMusicBeats);
        }
        OutputFolder gtFolder = readDir(gt, "--gt", gtFormat, gtFps, gtUp);
        OutputFolder predFolder = readDir(pred, "--pred", predFormat, predFps, predUp);
        List<String> skipped = new ArrayList<>();
        for (OutputFolder f : List.of(predFolder, gtFolder)) {
            f.problems().forEach(p -> skipped.add(p.toString()));
        }
        skipped.forEach(p -> spec.commandLine().getErr().println("skipped: " + p));
        Map<String, MotionClip> gtClips = clips(gtFolder);
        Map<String, MotionClip> predClips = clips(predFolder);
        predFolder.outputs().forEach(o -> predMusicOf.put(o.name(), o.music()));
        gtFolder.outputs().forEach(o -> gtMusicOf.put(o.name(), o.music()));
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
        progress.begin("Scoring " + predClips.size() + " generated and " + gtClips.size() + " real sequences",
                predClips.size() + gtClips.size());
        Map<String, Map<String, SequenceValues>> gtValues = score(gtClips, metrics, true, progress);
        Map<String, Map<String, SequenceValues>> predValues = score(predClips, metrics, false, progress);
        progress.done();

        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("protocol", protocol);
        ObjectNode inputs = root.putObject("inputs");
        inputs.set("pred", inputNode(json, predFolder));
        inputs.set("gt", inputNode(json, gtFolder));
        ObjectNode set = root.putObject("set");
        ObjectNode flags = root.putObject("flags");
        ObjectNode conventions = root.putObject("conventions");
        ObjectNode descriptions = root.putObject("descriptions");
        root.set("leftOut", json.valueToTree(leftOut));
        root.put("units", "pfc: EDGE's score × 10,000; the others as the reference code computes them");
        Map<String, SetValue> table = new LinkedHashMap<>();
        for (Metric m : metrics) {
            conventions.set(m.id(), json.valueToTree(m.conventions(protocol)));
            descriptions.put(m.id(), m.description());
            List<SequenceValues> g = column(gtValues, m), p = column(predValues, m);
            putSet(set, flags, table, m.id(), () -> m.evaluate(p, g, protocol));
            if (m.id().startsWith("div_") || m.id().equals("bas") || m.id().equals("pfc")) {
                // The real set's own value, as papers report beside the generated one.
                putSet(set, flags, table, m.id() + "_gt", () -> m.evaluate(g, g, protocol));
            }
        }
        root.set("sequences", sequencesNode(json, predValues));
        root.set("ground_truth", sequencesNode(json, gtValues));
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(out.toFile(), root);

        PrintWriter o = spec.commandLine().getOut();
        o.printf("Protocol %s: %d generated, %d real sequences%n", protocol, predClips.size(), gtClips.size());
        o.printf("Generated: %s (%s%s)%n", pred, predFolder.describe(), predFolder.problems().isEmpty() ? ""
                : "; " + predFolder.problems().size() + " skipped");
        o.printf("Real: %s (%s%s)%n%n", gt, gtFolder.describe(), gtFolder.problems().isEmpty() ? ""
                : "; " + gtFolder.problems().size() + " skipped");
        o.print(table(table, errors, leftOut));
        o.println();
        o.println("Wrote " + out.toAbsolutePath());
        if (!skipped.isEmpty()) {
            o.println(skipped.size() + " file(s) skipped (listed on stderr and in the JSON): the values above leave them out");
        }
        o.flush();
        return !errors.isEmpty() || !skipped.isEmpty() ? 1 : 0;
    }

    private final Map<String, String> errors = new LinkedHashMap<>();

    /**
     * The printed table: one row per value (the generated set's, then the real set's own for Div, BAS and
     * PFC), in the report's number format and units; ⚠n beside a degenerate value and [n] for a note, the
     * reasons below; metrics left out and errors in the table too.
     */
    static String table(Map<String, SetValue> values, Map<String, String> errors, Map<String, String> leftOut) {
        StringBuilder b = new StringBuilder("| metric | value |\n|---|---:|\n");
        List<String> notes = new ArrayList<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        java.util.Set<String> keys = new java.util.LinkedHashSet<>(values.keySet());
        keys.addAll(errors.keySet());
        for (String key : keys) {
            boolean own = key.endsWith("_gt");
            String metric = own ? key.substring(0, key.length() - 3) : key;
            String label = MetricLabels.header(metric) + (own ? " (ground truth's own)" : "");
            SetValue v = values.get(key);
            if (v == null) {
                b.append("| ").append(label).append(" | error: ").append(errors.get(key).replace("|", "\\|")).append(" |\n");
                continue;
            }
            StringBuilder cell = new StringBuilder(Numbers.format(v.value()));
            List<Flag> flags = new ArrayList<>(v.flags(Flag.Severity.DEGENERATE));
            flags.addAll(v.flags(Flag.Severity.NOTE));
            for (Flag f : flags) {
                String text = MetricLabels.name(metric) + " — " + (f.isDegenerate() ? "degenerate" : "note") + " (" + f.code() + "): "
                        + f.reason();
                int n = numbers.computeIfAbsent(text, t -> numbers.size() + 1);
                String mark = f.isDegenerate() ? Table.DEGENERATE + n : "[" + n + "]";
                cell.append(' ').append(mark);
                if (n == notes.size() + 1) {
                    notes.add(mark + " " + text);
                }
            }
            b.append("| ").append(label).append(" | ").append(cell).append(" |\n");
        }
        leftOut.forEach((m, why) -> b.append("| ").append(MetricLabels.header(m)).append(" | ").append(why).append(" |\n"));
        if (!notes.isEmpty()) {
            b.append('\n');
            notes.forEach(n -> b.append(n).append('\n'));
        }
        b.append('\n').append(MetricLabels.legend(values.keySet())).append(".\n");
        return b.toString();
    }

    private void putSet(ObjectNode set, ObjectNode flags, Map<String, SetValue> table, String key,
            java.util.function.Supplier<SetValue> f) {
        try {
            SetValue v = f.get();
            if (Double.isFinite(v.value())) {
                set.put(key, v.value());
            } else {
                set.putNull(key);
            }
            if (!v.flags().isEmpty()) {
                com.fasterxml.jackson.databind.node.ArrayNode a = flags.putArray(key);
                for (Flag x : v.flags()) {
                    ObjectNode n = a.addObject();
                    n.put("code", x.code());
                    n.put("severity", x.severity().name().toLowerCase(Locale.ROOT));
                    n.put("reason", x.reason());
                }
            }
            table.put(key, v);
        } catch (RuntimeException e) {
            set.put(key + "_error", Cli.reason(e));
            errors.put(key, Cli.reason(e));
            spec.commandLine().getErr().println(key + ": " + Cli.reason(e));
        }
    }

    private static List<SequenceValues> column(Map<String, Map<String, SequenceValues>> values, Metric m) {
        List<SequenceValues> out = new ArrayList<>();
        values.values().forEach(v -> {
            if (v.containsKey(m.id())) {
                out.add(v.get(m.id()));
            }
        });
        return out;
    }

    private static ObjectNode sequencesNode(ObjectMapper json, Map<String, Map<String, SequenceValues>> values) {
        ObjectNode n = json.createObjectNode();
        values.forEach((name, byMetric) -> {
            ObjectNode s = n.putObject(name);
            // Metrics share features (fid_k and div_k both keep "kinetic"): one entry per key.
            byMetric.values().forEach(v -> {
                v.vectors().forEach((k, vec) -> s.set(k, json.valueToTree(vec)));
                v.scalars().forEach(s::put);
            });
        });
        return n;
    }

    private Map<String, Map<String, SequenceValues>> score(Map<String, MotionClip> clips, List<Metric> metrics, boolean groundTruth,
            ConsoleProgress progress) throws IOException {
        Map<String, Map<String, SequenceValues>> out = new ConcurrentHashMap<>();
        Map<String, int[]> beats = new LinkedHashMap<>();
        if (music != null) {
            for (String name : clips.keySet()) {
                beats.put(name, musicBeats(name, groundTruth ? gtMusicOf : predMusicOf));
            }
        }
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        clips.entrySet().parallelStream().forEach(e -> {
            Map<String, SequenceValues> v = new LinkedHashMap<>();
            for (Metric m : metrics) {
                try {
                    v.put(m.id(), m.sequence(new MetricInput(e.getKey(), e.getValue(), beats.get(e.getKey()), protocol, groundTruth)));
                } catch (RuntimeException ex) {
                    errors.add((groundTruth ? "gt " : "pred ") + e.getKey() + ", " + m.id() + ": " + Cli.reason(ex));
                }
            }
            out.put(e.getKey(), v);
            progress.worked(1);
        });
        errors.forEach(spec.commandLine().getErr()::println);
        Map<String, Map<String, SequenceValues>> sorted = new java.util.TreeMap<>(out);
        return sorted;
    }

    private int[] musicBeats(String sequence, Map<String, String> musicOf) throws IOException {
        String[] fields = sequence.split("_");
        List<Path> candidates = new ArrayList<>(List.of(music.resolve(sequence + ".txt")));
        String given = musicOf.getOrDefault(sequence, "");
        if (!given.isEmpty() && !given.equals(sequence)) {
            // the music the file says it was generated for (mint's <motion>_<music>.npy, EDGE's music-named files)
            candidates.add(music.resolve(given + ".txt"));
        }
        if (fields.length >= 5 && !fields[4].equals(given)) {
            candidates.add(music.resolve(fields[4] + ".txt"));
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                List<String> lines = Files.readAllLines(p);
                int[] b = new int[lines.size()];
                int n = 0;
                for (int i = 0; i < lines.size(); i++) {
                    String l = lines.get(i).trim();
                    if (l.isEmpty()) {
                        continue;
                    }
                    try {
                        b[n++] = Integer.parseInt(l);
                    } catch (NumberFormatException ex) {
                        throw new IOException(p + ": line " + (i + 1) + ": expected a beat frame index (an integer), got '" + l + "'");
                    }
                }
                return java.util.Arrays.copyOf(b, n);
            }
        }
        for (Path p : candidates) {
            Path wav = p.resolveSibling(p.getFileName().toString().replace(".txt", ".wav"));
            if (Files.isRegularFile(wav)) {
                throw new IOException(wav + ": beats from WAV files need the audio encoders; give a .txt of beat frames");
            }
        }
        throw new IOException("no music beats for " + sequence + " in " + music + " (looked for " + candidates.stream()
                .map(c -> c.getFileName().toString()).toList() + ")");
    }

    /** Per sequence name, the music id its file says it was made for (empty when it does not). */
    private final Map<String, String> predMusicOf = new LinkedHashMap<>(), gtMusicOf = new LinkedHashMap<>();

    private OutputFolder readDir(Path dir, String option, String sideFormat, Double sideFps, String sideUp) throws IOException {
        OutputFolder.Options options = OutputFolder.Options.DETECT;
        String f = sideFormat != null ? sideFormat : format;
        Double r = sideFps != null ? sideFps : fps;
        String u = sideUp != null ? sideUp : up;
        try {
            if (f != null && !f.equalsIgnoreCase("auto")) {
                options = options.withFormat(OutputFormat.byId(f));
            }
            if (r != null) {
                options = options.withFps(r);
            }
            if (u != null) {
                options = options.withUp(UpAxis.byId(u));
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
        return OutputFolder.open(dir, options);
    }

    private static Map<String, MotionClip> clips(OutputFolder folder) {
        Map<String, MotionClip> out = new LinkedHashMap<>();
        folder.outputs().forEach(o -> out.put(o.name(), o.clip()));
        return out;
    }

    /** What was read from a folder, for the JSON: layout, formats, and each file with its format, frame rate and up axis. */
    private static ObjectNode inputNode(ObjectMapper json, OutputFolder folder) {
        ObjectNode n = json.createObjectNode();
        n.put("dir", folder.dir().toAbsolutePath().toString());
        n.put("layout", folder.layout());
        n.put("read", folder.describe());
        ObjectNode files = n.putObject("files");
        for (Output o : folder.outputs()) {
            ObjectNode f = files.putObject(o.name());
            f.put("file", o.file().getFileName().toString());
            f.put("format", o.format().id());
            f.put("fps", o.fps());
            f.put("up", o.up().id());
            f.put("frames", o.clip().frameCount());
            if (!o.music().isEmpty()) {
                f.put("music", o.music());
            }
            if (!o.note().isEmpty()) {
                f.put("note", o.note());
            }
        }
        var skipped = n.putArray("skipped");
        folder.problems().forEach(p -> skipped.add(p.toString()));
        return n;
    }
}
