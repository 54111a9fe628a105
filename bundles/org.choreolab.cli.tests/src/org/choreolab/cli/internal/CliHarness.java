package org.choreolab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.core.GenerationService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The command line run in-process inside the framework, as the CLI tests share it: the real registry,
 * runner and generation service, the command's output and errors captured, and services the test
 * registers withdrawn again by {@link #close()}.
 */
final class CliHarness implements AutoCloseable {

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final BundleContext context;
    final Services services;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    CliHarness(Class<?> test) throws InterruptedException {
        context = FrameworkUtil.getBundle(test).getBundleContext();
        services = new Services(await(context, ComponentRegistry.class), await(context, ExperimentRunner.class),
                await(context, GenerationService.class));
    }

    /** Registers a service for this test only. */
    <T> CliHarness register(Class<T> type, T service) {
        registrations.add(context.registerService(type, service, null));
        return this;
    }

    /** Runs a command; its output and errors are added to {@link #out} and {@link #err}. */
    int run(String... args) {
        return Cli.run(services, args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Runs a command with {@link #out} and {@link #err} emptied first, failing if it has not finished within {@code hang}. */
    int runFresh(Duration hang, String... args) {
        clear();
        return assertTimeoutPreemptively(hang, () -> run(args), () -> String.join(" ", args) + " never finished");
    }

    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    @Override
    public void close() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    static <T> T await(BundleContext bc, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, type, null);
        t.open();
        T s = t.waitForService(TimeUnit.SECONDS.toMillis(20));
        assertNotNull(s, type.getSimpleName());
        return s;
    }
}
