package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.Datasets;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.OutputLock;
import org.choreolab.core.ResultFiles;
import org.choreolab.core.ResultRow;
import org.choreolab.core.RunOptions;
import org.choreolab.core.SequenceOutcome;
import org.choreolab.report.Reports;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, subcommands = EvaluateBenchmark.class,
        description = {"Runs generators over a dataset split and scores them with metrics.",
                "With no options: every installed generator and metric on the embedded sample's test split, protocol bailando.",
                "Each set value comes with its 95 %% bootstrap interval over sequences and, when it is ill-posed or worth a note, "
                        + "a flag with its reason; the best two generators per metric are compared (paired bootstrap).",
                "Writes into DIR (default choreolab-results/<date-time>): sequences.jsonl (appended as each sequence completes), "
                        + "results.json (values, flags, intervals, comparisons, conventions, per-sequence values and clip checks), "
                        + "results.md (the table printed here), results.csv, results.tex, report.html with per-genre values and "
                        + "chart-<metric>.png, experiment.json and run.json (components and versions, machine, seed).",
                "Rerun on the same DIR to resume an interrupted run (even after kill -9): nothing is computed twice or lost; "
                        + "Ctrl-C prints the command that resumes it. --shard I/N runs a deterministic slice of the sequences "
                        + "(merge combines the shards)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed, every generator on every sequence", "1:failure (one line on stderr says why), or cancelled",
                "2:bad usage (nothing is run, no folder is made)", "3:the run completed and its results are written, but a generator failed on some sequence (named on stderr)"})
public final class EvaluateCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = {"An experiment file (JSON); options below override it.",
            "Per-generator parameters: \"parameters\": {\"fact-pytorch\": {\"feedback\": \"raw\"}} (recorded in the results).",
            "Its \"encoder\" field is read but not used: each generator receives the music features it declares."})
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: choreolab-results/<date-time>).")
    Path out;

    @Mixin
    Shared.Dataset dataset;

    @Mixin
    Shared.Split split;

    @Option(names = "--generators", split = ",", paramLabel = "ID", description = "Generator ids, exact (default: all installed).")
    List<String> generators;

    @Option(names = "--metrics", split = ",", paramLabel = "ID", description = "Metric ids (default: all installed).")
    List<String> metrics;

    @Option(names = "--protocol", paramLabel = "NAME", description = "Metric protocol: bailando, fact, fact-paper or edge (default: bailando).")
    String protocol;

    @Option(names = "--outputs", paramLabel = "NAME=DIR",
            description = "Scores a folder of motion generated elsewhere (Bailando's, EDGE's, FACT's output folders, a generate "
                    + "output, .npy joints) as a row named NAME, its files matched to the split's sequences by name; a sequence "
                    + "without a file is counted and listed (repeatable).")
    Map<String, String> outputs;

    @Option(names = "--compare", split = ",", paramLabel = "A,B",
            description = "Two row ids (generators, output names, ground_truth) whose difference is tested on every metric "
                    + "(default: per metric, the best generator against the runner-up).")
    List<String> compare;

    @Option(names = "--repeats", paramLabel = "N", description = "Runs each generator N times with seeds seed, seed + 1, … and reports "
            + "the mean ± sd of each set value; a deterministic generator runs twice (default: 1).")
    Integer repeats;

    @Option(names = "--resamples", paramLabel = "N", description = "Bootstrap resamples of the confidence intervals and comparisons; "
            + "0 for none (default: 1,000).")
    Integer resamples;

    @Mixin
    Shared.Seed seed;

    @Mixin
    Shared.Device device;

    @Option(names = {"-p", "--param"}, paramLabel = "[GEN:]KEY=VALUE",
            description = "Overrides a generator parameter (repeatable): GEN:KEY=VALUE for one generator, KEY=VALUE for every "
                    + "generator run; recorded in the results.")
    Map<String, String> params;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run the I-th of N deterministic slices of the sequences (1-based); "
            + "'choreolab merge' combines the shards' folders.")
    String shard;

    @Option(names = "--fresh", description = "Discard results already in the output folder instead of resuming from them.")
    boolean fresh;

    @Option(names = "--batch", paramLabel = "N", description = {"Sequences a generator that takes batches (FACT, exported models) advances together,",
            "one forward pass per step for all (default: 8; 1 = one at a time; on a GPU try 40)."})
    Integer batch;

    @Mixin
    Shared.Quiet quiet;

    @Mixin
    Shared.Json json;

    public EvaluateCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        if (batch != null) {
            if (batch < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--batch: expected 1 or more sequences, got " + batch);
            }
            System.setProperty("choreolab.batch", Integer.toString(batch));
        }
        Experiment ex = experiment();
        RunOptions shardOptions = parseShard(shard);
        validate(ex);
        Path dir = out != null ? out : Path.of("choreolab-results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        // One run per output folder: a second one is refused before it reads or writes anything there.
        try (OutputLock lock = OutputLock.acquire(dir)) {
            return run(ex, dir, shardOptions);
        }
    }

    private int run(Experiment ex, Path dir, RunOptions shardOptions) throws IOException {
        // An output folder that holds this experiment is resumed: what it holds is not computed again.
        java.util.Optional<Experiment> before = ResultFiles.readExperiment(dir);
        if (!fresh && before.isPresent() && !before.get().sameOutcomesAs(ex)) {
            throw new IOException(dir + " holds results of another experiment; choose another --out or add --fresh");
        }
        Files.createDirectories(dir);
        if (fresh) {
            Files.deleteIfExists(dir.resolve(ResultFiles.SEQUENCES_JSONL));
        }
        PrintWriter o = spec.commandLine().getOut();
        Map<String, SequenceOutcome> completed = new LinkedHashMap<>();
        for (ResultFiles.Line l : ResultFiles.readCompleted(dir)) {
            completed.put(RunOptions.key(l.generator(), l.outcome().sequenceId()), l.outcome());
        }
        if (!completed.isEmpty()) {
            spec.commandLine().getErr().println("Resuming: " + completed.size() + " sequence results already in " + dir);
        }
        ResultFiles.writeExperiment(ex, dir);
        ResultFiles.writeRunManifest(dir, services.registry(), Map.of("shard", shard == null ? "" : shard,
                "seed", Long.toString(ex.seed()), "resumedFrom", Integer.toString(completed.size()),
                "threads", ThreadsOption.describe(), "batch", System.getProperty("choreolab.batch", "8 (default)")), conventions(ex));
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), quiet.quiet || json.json);
        RunOptions options = new RunOptions(shardOptions.shardIndex(), shardOptions.shardCount(), completed);
        AtomicInteger kept = new AtomicInteger(completed.size());
        ExperimentListener appender = ResultFiles.appender(dir);
        ExperimentListener counting = new ExperimentListener() {
            @Override
            public void sequenceDone(ResultRow row, SequenceOutcome outcome) {
                appender.sequenceDone(row, outcome);
                kept.incrementAndGet();
            }

            @Override
            public void poolSequenceDone(SequenceOutcome outcome) {
                appender.poolSequenceDone(outcome);
                kept.incrementAndGet();
            }
        };
        List<String> args = spec.root().commandLine().getParseResult() == null ? List.of()
                : spec.root().commandLine().getParseResult().originalArgs();
        ExperimentResult result;
        try (Interruption i = Interruption.install(spec.commandLine().getErr(),
                () -> Interruption.evaluateStopped(Interruption.launcher(), args, dir, kept.get()))) {
            result = services.runner().run(ex, options, progress, counting);
            progress.done();
            ResultFiles.write(result, dir);
            Reports.write(result, dir, Cli.conventions(services, result));
        }
        if (json.json) {
            o.println(Files.readString(dir.resolve(ResultFiles.RESULTS_JSON)));
        } else {
            if (!quiet.quiet) {
                o.println(Reports.markdown(result));
            }
            o.println("Results written to " + dir.toAbsolutePath().normalize());
        }
        o.flush();
        if (result.canceled()) {
            return 1;
        }
        List<String> failed = failedGenerators(result);
        for (String f : failed) {
            spec.commandLine().getErr().println("choreolab evaluate: generator failed: " + f);
        }
        return failed.isEmpty() ? 0 : EXIT_GENERATOR_FAILED;
    }

    /** The exit code of a run that completed (its results are written) while a generator failed on some sequence. */
    static final int EXIT_GENERATOR_FAILED = 3;

    /**
     * "id: n of N sequences (first: reason)" for every generator that failed on a sequence whose ground
     * truth was readable (an unreadable ground truth is the dataset's problem, reported as such).
     */
    static List<String> failedGenerators(ExperimentResult result) {
        java.util.Set<String> truthFailed = new java.util.HashSet<>();
        result.rows().stream().filter(org.choreolab.core.ResultRow::isReference)
                .forEach(r -> r.sequences().values().stream().filter(SequenceOutcome::failed).forEach(x -> truthFailed.add(x.sequenceId())));
        List<String> out = new java.util.ArrayList<>();
        for (org.choreolab.core.ResultRow r : result.rows()) {
            if (r.isReference()) {
                continue;
            }
            List<SequenceOutcome> bad = r.sequences().values().stream()
                    .filter(x -> x.failed() && !truthFailed.contains(x.sequenceId())).toList();
            if (!bad.isEmpty()) {
                out.add(r.id() + ": " + bad.size() + " of " + r.sequences().size() + " sequences (" + bad.get(0).sequenceId() + ": "
                        + bad.get(0).error() + ")");
            }
        }
        return out;
    }

    /** The experiment file (or the defaults) with the command line's options over it. */
    private Experiment experiment() throws IOException {
        Experiment ex = config == null ? Experiment.defaults() : readConfig(config);
        Map<String, Map<String, String>> parameters = new LinkedHashMap<>();
        ex.parameters().forEach((g, p) -> parameters.put(g, new LinkedHashMap<>(p)));
        List<String> gens = generators != null ? generators : ex.generators();
        if (params != null) {
            for (Map.Entry<String, String> e : params.entrySet()) {
                int colon = e.getKey().indexOf(':');
                if (colon == 0 || colon == e.getKey().length() - 1) {
                    throw new ParameterException(spec.commandLine(), "--param " + e.getKey() + "=" + e.getValue()
                            + ": expected KEY=VALUE or GENERATOR:KEY=VALUE");
                }
                List<String> targets = colon > 0 ? List.of(e.getKey().substring(0, colon))
                        : gens.isEmpty() ? services.registry().services(MotionGenerator.class).stream().map(MotionGenerator::id).toList()
                        : gens;
                String key = e.getKey().substring(colon + 1);
                if (colon > 0) {
                    GeneratorIds.resolve(services, spec.commandLine(), "--param " + e.getKey() + "=" + e.getValue() + ": generator",
                            e.getKey().substring(0, colon), null);
                }
                for (String g : targets) {
                    parameters.computeIfAbsent(g, x -> new LinkedHashMap<>()).put(key, e.getValue());
                }
            }
        }
        Map<String, String> folders = new LinkedHashMap<>(ex.outputs());
        if (outputs != null) {
            outputs.forEach((name, folder) -> {
                if (name.isBlank() || folder.isBlank()) {
                    throw new ParameterException(spec.commandLine(), "--outputs " + name + "=" + folder + ": expected NAME=DIR");
                }
                folders.put(name, folder);
            });
        }
        try {
            return new Experiment(dataset.dir != null && !dataset.dir.isEmpty() ? dataset.dir : ex.dataset(),
                    split.name != null ? split.name : ex.split(), ex.encoder(), gens, metrics != null ? metrics : ex.metrics(),
                    protocol != null ? protocol : ex.protocol(), ex.frames(), seed.seed != null ? seed.seed : ex.seed(),
                    device.device != null ? device.device : ex.device(), ex.timeoutSeconds(), parameters, folders,
                    repeats != null ? repeats : ex.repeats(), resamples != null ? resamples : ex.resamples(),
                    compare != null ? compare : ex.compare());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Every id and name the experiment uses, checked before any work and any folder: an unknown protocol,
     * generator, metric, split, output folder or compared row is a usage error (exit 2).
     */
    private void validate(Experiment ex) throws IOException {
        List<Metric> installed = services.registry().services(Metric.class);
        List<Metric> chosen = new ArrayList<>();
        if (ex.metrics().isEmpty()) {
            chosen.addAll(installed);
        }
        for (String id : ex.metrics()) {
            chosen.add(services.registry().find(Metric.class, id).orElseThrow(() -> new ParameterException(
                    spec.commandLine(), "--metrics " + id + ": no such metric (installed: "
                            + String.join(", ", installed.stream().map(Metric::id).toList()) + ")")));
        }
        Set<String> known = new LinkedHashSet<>();
        installed.forEach(m -> known.addAll(m.protocols()));
        if (!known.isEmpty() && !known.contains(ex.protocol())) {
            throw new ParameterException(spec.commandLine(), "--protocol " + ex.protocol() + ": no such protocol (known: "
                    + String.join(", ", known) + ")");
        }
        for (Metric m : chosen) {
            if (!m.protocols().contains(ex.protocol())) {
                throw new ParameterException(spec.commandLine(), "--protocol " + ex.protocol() + ": metric " + m.id()
                        + " does not know it (it knows " + String.join(", ", m.protocols()) + ")");
            }
        }
        Set<String> rows = new LinkedHashSet<>(List.of(ResultRow.GROUND_TRUTH));
        if (ex.generators().isEmpty()) {
            services.registry().services(MotionGenerator.class).forEach(g -> rows.add(g.id()));
        }
        for (String id : ex.generators()) {
            rows.add(GeneratorIds.resolve(services, spec.commandLine(), "--generators", id, null).id());
        }
        for (Map.Entry<String, String> e : ex.outputs().entrySet()) {
            String name = e.getKey();
            if (rows.contains(name) || name.equals(ResultRow.POOL) || name.contains("#") || name.contains("/")) {
                throw new ParameterException(spec.commandLine(), "--outputs " + name + "=" + e.getValue() + ": " + name
                        + " is taken (a generator's id or a reserved name) or holds # or /; choose another name");
            }
            if (!Files.isDirectory(Path.of(e.getValue()))) {
                throw new ParameterException(spec.commandLine(), "--outputs " + name + "=" + e.getValue() + ": not a folder");
            }
            rows.add(name);
        }
        for (String id : ex.compare()) {
            if (!rows.contains(id)) {
                throw new ParameterException(spec.commandLine(), "--compare " + String.join(",", ex.compare()) + ": " + id
                        + " is not a row of this run (rows: " + String.join(", ", rows) + ")");
            }
        }
        try (Dataset d = Datasets.open(services.registry(), ex.dataset(), false)) {
            if (!ex.split().isEmpty() && d.split(ex.split()).isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--split " + ex.split() + ": no sequences in " + d.name()
                        + " (splits: " + String.join(", ", d.splits()) + ")");
            }
        }
    }

    /** Each chosen metric's conventions under the protocol, for run.json. */
    private Map<String, Map<String, String>> conventions(Experiment ex) {
        Map<String, Map<String, String>> c = new LinkedHashMap<>();
        for (Metric m : services.registry().services(Metric.class)) {
            if (ex.metrics().isEmpty() || ex.metrics().contains(m.id())) {
                try {
                    c.put(m.id(), m.conventions(ex.protocol()));
                } catch (RuntimeException e) {
                    c.put(m.id(), Map.of("error", Cli.reason(e)));
                }
            }
        }
        return c;
    }

    RunOptions parseShard(String s) {
        if (s == null) {
            return RunOptions.NONE;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)/(\\d+)").matcher(s.trim());
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), "--shard " + s + ": expected I/N such as 1/4");
        }
        try {
            return new RunOptions(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Map.of());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--shard " + s + ": " + e.getMessage());
        }
    }

    static Experiment readConfig(Path file) throws IOException {
        return Experiment.read(file); // strict: duplicate keys and trailing text are refused too
    }
}
