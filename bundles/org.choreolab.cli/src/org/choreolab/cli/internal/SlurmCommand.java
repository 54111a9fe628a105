package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "slurm", mixinStandardHelpOptions = true,
        description = {"Writes (and with --submit, submits) a Slurm job array that runs an experiment in N shards, "
                + "and a merge job that waits for the array (afterok) and writes the whole table."})
public final class SlurmCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--experiment", required = true, paramLabel = "FILE", description = "The experiment file (as evaluate --config).")
    Path experiment;

    @Option(names = "--shards", required = true, paramLabel = "N", description = "Number of array tasks.")
    int shards;

    @Option(names = "--out", paramLabel = "DIR", description = "Where shards, merged results and logs go (default: choreolab-slurm).")
    Path out = Path.of("choreolab-slurm");

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (default: the cluster's default).")
    String partition;

    @Option(names = "--time", defaultValue = "04:00:00", paramLabel = "T", description = "Time limit per task (default: ${DEFAULT-VALUE}).")
    String time;

    @Option(names = "--cpus", defaultValue = "2", paramLabel = "C", description = "CPUs per task (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--mem", defaultValue = "8G", paramLabel = "M", description = "Memory per task (default: ${DEFAULT-VALUE}).")
    String mem;

    @Option(names = "--submit", description = "Submit both jobs with sbatch and print their ids.")
    boolean submit;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (shards < 1) {
            throw new IOException("--shards: expected at least 1, got " + shards);
        }
        if (!Files.isRegularFile(experiment)) {
            throw new IOException(experiment + ": no such experiment file");
        }
        EvaluateCommand.readConfig(experiment); // refuse a malformed file now, not on the cluster
        Path dir = out.toAbsolutePath().normalize();
        Path slurm = Files.createDirectories(dir.resolve("slurm"));
        String launcher = launcher();
        String exp = experiment.toAbsolutePath().normalize().toString();
        String header = "#!/bin/bash\n"
                + (partition == null ? "" : "#SBATCH --partition=" + partition + "\n")
                + "#SBATCH --time=" + time + "\n#SBATCH --cpus-per-task=" + cpus + "\n#SBATCH --mem=" + mem + "\n";
        // Each task gets its own OSGi state: tasks sharing a node must not share a configuration area.
        String state = "export CHOREOLAB_STATE=\"${TMPDIR:-/tmp}/choreolab-${SLURM_JOB_ID}-${SLURM_ARRAY_TASK_ID:-merge}\"\n"
                + "trap 'rm -rf \"$CHOREOLAB_STATE\"' EXIT\n";
        String array = header + "#SBATCH --job-name=choreolab-eval\n#SBATCH --array=1-" + shards + "\n#SBATCH --output="
                + slurm.resolve("shard-%a.log") + "\nset -euo pipefail\n" + state
                + q(launcher) + " evaluate --config " + q(exp) + " --out " + q(dir + "/shard-") + "\"${SLURM_ARRAY_TASK_ID}\""
                + " --shard \"${SLURM_ARRAY_TASK_ID}/" + shards + "\" --quiet\n";
        List<String> shardDirs = new ArrayList<>();
        for (int i = 1; i <= shards; i++) {
            shardDirs.add(q(dir + "/shard-" + i));
        }
        String merge = header + "#SBATCH --job-name=choreolab-merge\n#SBATCH --output=" + slurm.resolve("merge.log")
                + "\nset -euo pipefail\n" + state + q(launcher) + " merge " + String.join(" ", shardDirs) + " --out "
                + q(dir + "/merged") + " --quiet\n";
        Path arrayScript = write(slurm.resolve("evaluate.sbatch"), array);
        Path mergeScript = write(slurm.resolve("merge.sbatch"), merge);
        PrintWriter o = spec.commandLine().getOut();
        o.println("Wrote " + arrayScript + " (" + shards + " array tasks) and " + mergeScript);
        if (submit) {
            String arrayId = sbatch(List.of("sbatch", "--parsable", arrayScript.toString()));
            String mergeId = sbatch(List.of("sbatch", "--parsable", "--dependency=afterok:" + arrayId, mergeScript.toString()));
            o.println("Submitted array job " + arrayId + " and merge job " + mergeId + "; results will be in " + dir.resolve("merged"));
        } else {
            o.println("Submit with: jid=$(sbatch --parsable " + arrayScript + ") && sbatch --dependency=afterok:$jid " + mergeScript);
        }
        o.flush();
        return 0;
    }

    private static String launcher() {
        String l = System.getProperty("choreolab.launcher");
        return l != null ? l : "choreolab";
    }

    private static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static Path write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: sbatch reads the script anyway.
        }
        return p;
    }

    private static String sbatch(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output.split(";")[0].trim();
    }
}
