package org.choreolab.cli.internal;

import java.util.concurrent.TimeUnit;

import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.core.GenerationService;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The headless application started by {@code ./choreolab}: parses the arguments with picocli and
 * returns the command's exit code (0 on success, 1 on failure, 2 on a usage error).
 */
public final class HeadlessApplication implements IApplication {

    private static final long SERVICE_WAIT_SECONDS = 30;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        BundleContext bc = FrameworkUtil.getBundle(HeadlessApplication.class).getBundleContext();
        ComponentRegistry registry = await(bc, ComponentRegistry.class);
        ExperimentRunner runner = await(bc, ExperimentRunner.class);
        GenerationService generation = await(bc, GenerationService.class);
        if (registry == null || runner == null || generation == null) {
            System.err.println("choreolab: the core runtime did not start (is org.apache.felix.scr started?)");
            return 1;
        }
        // Model bundles in dropins/ are installed by FileInstall on its own thread: let it finish first.
        // One line per bundle that did not start; a worker process stays quiet (its parent said it already).
        boolean worker = args != null && args.length > 0 && "worker".equals(args[0]);
        for (String problem : org.choreolab.core.ModelBundles.awaitDropins(bc, 15_000)) {
            if (!worker) {
                System.err.println("choreolab: " + problem);
            }
        }
        return Cli.run(new Services(registry, runner, generation), args == null ? new String[0] : args);
    }

    private static <T> T await(BundleContext bc, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, type, null);
        t.open();
        try {
            return t.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_WAIT_SECONDS));
        } finally {
            // The service object stays valid; the tracker only watched for it.
            t.close();
        }
    }

    @Override
    public void stop() {
    }
}
