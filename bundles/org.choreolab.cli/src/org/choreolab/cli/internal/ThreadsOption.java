package org.choreolab.cli.internal;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code --threads N|auto} on every command that runs a deep-learning engine. The engines read the
 * count (system property {@code choreolab.threads}) when they load, which is after the command
 * line is parsed; {@code auto} (the default) sizes them from the CPUs this process may use (affinity,
 * cgroup quota, Slurm's SLURM_CPUS_PER_TASK). Added here rather than in each command so that the
 * option, its text and its check are one.
 */
final class ThreadsOption {

    static final String PROPERTY = "choreolab.threads";
    /** The commands (and their subcommands) that load an engine. */
    static final List<String> COMMANDS = List.of("evaluate", "generate", "train", "render", "engines");

    private ThreadsOption() {
    }

    static void install(CommandLine root) {
        for (String name : COMMANDS) {
            CommandLine c = root.getSubcommands().get(name);
            if (c != null) {
                addTo(c);
            }
        }
    }

    private static void addTo(CommandLine c) {
        CommandSpec spec = c.getCommandSpec();
        if (spec.findOption("--threads") == null) {
            spec.addOption(OptionSpec.builder("--threads").paramLabel("N").type(String.class)
                    .description("Threads for the deep-learning engines (default: auto, the CPUs this process may use: "
                            + "affinity, cgroup quota, SLURM_CPUS_PER_TASK; MXNet takes 1 of them unless N is given; "
                            + "also CHOREOLAB_THREADS).")
                    .setter(new CommandLine.Model.ISetter() {
                        @Override
                        public <T> T set(T value) {
                            if (value == null) {
                                // picocli's initial value: nothing asked for, the engines choose
                                return null;
                            }
                            String v = String.valueOf(value).trim();
                            if (!v.equalsIgnoreCase("auto")) {
                                int n;
                                try {
                                    n = Integer.parseInt(v);
                                } catch (NumberFormatException e) {
                                    n = 0;
                                }
                                if (n < 1) {
                                    throw new CommandLine.ParameterException(c, "--threads: expected a whole number of threads (1 or more) or 'auto', got '" + v + "'");
                                }
                            }
                            System.setProperty(PROPERTY, v);
                            return null;
                        }
                    }).build());
        }
        for (CommandLine sub : c.getSubcommands().values()) {
            addTo(sub);
        }
    }

    /** What the engines run with: the count asked for, or what they choose themselves ("N (why)"). */
    static String describe() {
        String asked = System.getProperty(PROPERTY);
        if (asked != null && !asked.equalsIgnoreCase("auto")) {
            return asked + " (--threads)";
        }
        String env = System.getenv("CHOREOLAB_THREADS");
        if (env != null && !env.isBlank() && !env.trim().equalsIgnoreCase("auto")) {
            return env.trim() + " (CHOREOLAB_THREADS)";
        }
        return System.getProperty("choreolab.threads.auto", "the engines' default (no engine installed)");
    }
}
