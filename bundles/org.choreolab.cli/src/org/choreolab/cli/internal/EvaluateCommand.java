package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.OutputLock;
import org.choreolab.core.ResultFiles;
import org.choreolab.core.RunOptions;
import org.choreolab.core.SequenceOutcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, subcommands = EvaluateBenchmark.class,
        description = {"Runs generators over a dataset split and scores them with metrics.",
                "With no options: every installed generator and metric on the embedded sample's test split.",
                "Writes results.json, results.md and sequences.jsonl (appended as sequences complete)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed, every generator on every sequence", "1:failure (one line on stderr says why), or cancelled",
                "2:bad usage", "3:the run completed and its results are written, but a generator failed on some sequence (named on stderr)"})
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

    @Option(names = "--dataset", paramLabel = "DIR", description = "Dataset folder (default: the embedded sample).")
    String dataset;

    @Option(names = "--split", description = "Split to evaluate (default: test; empty for all).")
    String split;

    @Option(names = "--generators", split = ",", paramLabel = "ID", description = "Generator ids (default: all installed).")
    List<String> generators;

    @Option(names = "--metrics", split = ",", paramLabel = "ID", description = "Metric ids (default: all installed).")
    List<String> metrics;

    @Option(names = "--protocol", description = "Metric protocol: bailando, fact or edge (default: bailando).")
    String protocol;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run the I-th of N deterministic slices of the sequences (1-based); "
            + "'choreolab merge' combines the shards' folders.")
    String shard;

    @Option(names = "--fresh", description = "Discard results already in the output folder instead of resuming from them.")
    boolean fresh;

    @Option(names = "--quiet", description = "Print only the output folder.")
    boolean quiet;

    @Option(names = "--json", description = "Print results.json to standard output instead of the table.")
    boolean printJson;

    public EvaluateCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        Experiment ex = config == null ? Experiment.defaults() : readConfig(config);
        ex = new Experiment(dataset != null ? dataset : ex.dataset(), split != null ? split : ex.split(), ex.encoder(),
                generators != null ? generators : ex.generators(), metrics != null ? metrics : ex.metrics(),
                protocol != null ? protocol : ex.protocol(), ex.frames(), ex.seed(), ex.device(), ex.timeoutSeconds(), ex.parameters());
        Path dir = out != null ? out : Path.of("choreolab-results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunOptions shardOptions = parseShard(shard);
        Files.createDirectories(dir);
        // One run per output folder: a second one is refused before it reads or writes anything there.
        try (OutputLock lock = OutputLock.acquire(dir)) {
            return run(ex, dir, shardOptions);
        }
    }

    private int run(Experiment ex, Path dir, RunOptions shardOptions) throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        // An output folder that holds this experiment is resumed: what it holds is not computed again.
        java.util.Optional<Experiment> before = ResultFiles.readExperiment(dir);
        if (fresh) {
            Files.deleteIfExists(dir.resolve(ResultFiles.SEQUENCES_JSONL));
        } else if (before.isPresent() && !before.get().equals(ex)) {
            throw new IOException(dir + " holds results of another experiment; choose another --out or add --fresh");
        }
        Map<String, SequenceOutcome> completed = new LinkedHashMap<>();
        for (ResultFiles.Line l : ResultFiles.readCompleted(dir)) {
            completed.put(RunOptions.key(l.generator(), l.outcome().sequenceId()), l.outcome());
        }
        if (!completed.isEmpty()) {
            spec.commandLine().getErr().println("Resuming: " + completed.size() + " sequence results already in " + dir);
        }
        ResultFiles.writeExperiment(ex, dir);
        ResultFiles.writeRunManifest(dir, services.registry(), Map.of("shard", shard == null ? "" : shard,
                "seed", Long.toString(ex.seed()), "resumedFrom", Integer.toString(completed.size())));
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), quiet || printJson);
        RunOptions options = new RunOptions(shardOptions.shardIndex(), shardOptions.shardCount(), completed);
        ExperimentResult result = services.runner().run(ex, options, progress, ResultFiles.appender(dir));
        progress.done();
        ResultFiles.write(result, dir);
        org.choreolab.report.Reports.write(result, dir, Cli.conventions(services, result));
        if (printJson) {
            o.println(Files.readString(dir.resolve(ResultFiles.RESULTS_JSON)));
        } else {
            if (!quiet) {
                o.println(ResultFiles.markdown(result));
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

    static RunOptions parseShard(String shard) {
        if (shard == null) {
            return RunOptions.NONE;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)/(\\d+)").matcher(shard.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard: expected I/N such as 1/4, got '" + shard + "'");
        }
        return new RunOptions(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Map.of());
    }

    static Experiment readConfig(Path file) throws IOException {
        return Experiment.read(file); // strict: duplicate keys and trailing text are refused too
    }
}
