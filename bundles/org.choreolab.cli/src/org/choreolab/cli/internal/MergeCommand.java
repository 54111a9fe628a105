package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultFiles;
import org.choreolab.core.ShardMerge;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Combines the output folders of the shards of one experiment (evaluate --shard I/N) into exactly the "
                + "table an unsharded run gives.",
                "Set values such as FID, their flags, bootstrap intervals and the comparisons are recomputed from the merged "
                        + "per-sequence values, never averaged over shards."})
public final class MergeCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "The shards' output folders.")
    List<Path> dirs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the merged results.")
    Path out;

    @picocli.CommandLine.Mixin
    Shared.Quiet quiet;

    public MergeCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        ExperimentResult result = ShardMerge.merge(dirs, services.registry());
        Files.createDirectories(out);
        ResultFiles.writeExperiment(result.experiment(), out);
        ResultFiles.write(result, out);
        ResultFiles.writeSequences(result, out);
        org.choreolab.report.Reports.write(result, out, Cli.conventions(services, result));
        PrintWriter o = spec.commandLine().getOut();
        if (!quiet.quiet) {
            o.println(org.choreolab.report.Reports.markdown(result));
        }
        o.println("Merged " + dirs.size() + " shard(s) into " + out.toAbsolutePath().normalize());
        o.flush();
        return 0;
    }
}
