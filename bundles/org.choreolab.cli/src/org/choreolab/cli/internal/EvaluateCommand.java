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
import org.choreolab.core.ResultFiles;
import org.choreolab.core.RunOptions;
import org.choreolab.core.SequenceOutcome;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, subcommands = EvaluateBenchmark.class,
        description = {"Runs generators over a dataset split and scores them with metrics.",
                "With no options: every installed generator and metric on the embedded sample's test split.",
                "Writes results.json, results.md and sequences.jsonl (appended as sequences complete)."})
public final class EvaluateCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "An experiment file (JSON); options below override it.")
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
                protocol != null ? protocol : ex.protocol(), ex.frames(), ex.seed(), ex.device(), ex.timeoutSeconds());
        Path dir = out != null ? out : Path.of("choreolab-results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunOptions shardOptions = parseShard(shard);
        Files.createDirectories(dir);
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
                "seed", Long.toString(ex.seed()), "resumedFrom", Integer.toString(completed.size()),
                "threads", ThreadsOption.describe()));
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
        return result.canceled() ? 1 : 0;
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
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such experiment file");
        }
        try {
            return new ObjectMapper().readValue(file.toFile(), Experiment.class);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException jm && !jm.getPath().isEmpty()
                    ? " field '" + jm.getPath().get(jm.getPath().size() - 1).getFieldName() + "'" : "";
            throw new IOException(file + where + field + ": " + e.getOriginalMessage(), e);
        }
    }
}
