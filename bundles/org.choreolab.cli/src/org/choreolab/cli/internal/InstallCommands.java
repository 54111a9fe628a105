package org.choreolab.cli.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.choreolab.core.ModelBundles;
import org.osgi.framework.FrameworkUtil;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Installing and removing third-party model bundles (see docs/EXTENDING.md). */
final class InstallCommands {

    private InstallCommands() {
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Validates a model bundle (it must resolve here, start, and register a generator) and copies it into "
                    + "the dropins folder, where it stays installed across restarts. A running workbench picks it up too."})
    static final class Install implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE.jar") Path jar;

        @Override
        public Integer call() throws IOException {
            var a = ModelBundles.install(FrameworkUtil.getBundle(Install.class).getBundleContext(), jar);
            spec.commandLine().getOut().printf("Installed %s %s: generators %s (%s)%n", a.symbolicName(), a.version(), a.generators(),
                    a.file());
            return 0;
        }
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            description = "Removes a model bundle from the dropins folder, by bundle symbolic name or by the id of a generator it provides.")
    static final class Uninstall implements Callable<Integer> {
        private final Services services;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "ID") String id;

        Uninstall(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            Path removed = ModelBundles.uninstall(FrameworkUtil.getBundle(Uninstall.class).getBundleContext(), services.registry(), id);
            spec.commandLine().getOut().println("Removed " + removed);
            return 0;
        }
    }
}
