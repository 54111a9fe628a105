package org.choreolab.cli.internal;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command tree. Kept apart from the application so tests can run commands in-process. */
@Command(name = "choreolab", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Choreolab: compose and compare music-to-dance generators on the same data and metrics.",
        subcommands = {Help.class, ComponentsCommand.class, DatasetCommand.class, AudioCommand.class, EvaluateCommand.class,
                MetricsCommand.class, TrainCommand.class, ImportCommand.class, GenerateCommand.class, EnginesCommand.class, RenderCommand.class, MergeCommand.class, SlurmCommand.class, InstallCommands.Install.class,
                InstallCommands.Uninstall.class, WorkerCommand.class},
        footer = {"", "  workbench   Opens the Eclipse workbench (handled by the launcher script).", "",
                "Run 'choreolab <command> --help' for a command's options, 'choreolab help --markdown' for all of them as a table.",
                "Exit codes: 0 success; 1 failure (one line on stderr says why); 2 bad usage (nothing is run and no result folder is made);",
                "3 evaluate completed and wrote its results, but a generator failed on some sequence (each named on stderr)."})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs one command line and returns its exit code. */
    public static int run(Services services, String[] args) {
        return run(services, args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(Services services, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Cli(), new Factory(services));
        for (String generating : java.util.List.of("evaluate", "generate", "render")) {
            CommandLine sub = cl.getSubcommands().get(generating);
            if (sub != null) {
                sub.addMixin("isolate", new IsolateOption());
            }
        }
        cl.setOut(out);
        cl.setErr(err);
        Help.install(cl);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            // One line with the reason, named by the whole command ("choreolab dataset info: …"); the stack trace only when asked for.
            line.getErr().println(line.getCommandSpec().qualifiedName() + ": " + reason(ex));
            if (Boolean.getBoolean("choreolab.debug")) {
                ex.printStackTrace(line.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }

    /** Protocol and metric descriptions, for reports. */
    static java.util.Map<String, String> conventions(Services services, org.choreolab.core.ExperimentResult result) {
        java.util.Map<String, String> c = new java.util.LinkedHashMap<>();
        c.put("protocol", result.experiment().protocol());
        for (String id : result.metricIds()) {
            services.registry().find(org.choreolab.api.metric.Metric.class, id).ifPresent(m -> c.put(id, m.description()));
        }
        return c;
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Gives commands that take {@link Services} in their constructor their services. */
    private record Factory(Services services) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Services.class).newInstance(services);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var b = org.osgi.framework.FrameworkUtil.getBundle(Cli.class);
            return new String[] {"Choreolab " + (b == null ? "(outside OSGi)" : b.getVersion())};
        }
    }
}
