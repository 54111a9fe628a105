package org.choreolab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.ui.internal.evaluate.EvaluationSession;
import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.suppliers.ExtendedObjectSupplier;
import org.eclipse.e4.core.di.suppliers.IObjectDescriptor;
import org.eclipse.e4.core.di.suppliers.IRequestor;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Parts made the way the workbench makes them (by e4 injection, in a context that reaches OSGi services,
 * with the @Service and @Preference suppliers), in a plain shell: what the part tests share.
 */
public final class TestContexts {

    private TestContexts() {
    }

    public static BundleContext bundleContext() {
        return FrameworkUtil.getBundle(TestContexts.class).getBundleContext();
    }

    /** Waits for the core services (the registry and the runner). */
    public static ComponentRegistry core() {
        // e4's injection suppliers (@Service, @Preference, @UIEventTopic) and the event broker are DS
        // components of lazily activated bundles: started here as the workbench starts them.
        for (var b : bundleContext().getBundles()) {
            if (List.of("org.eclipse.e4.ui.di", "org.eclipse.e4.ui.services", "org.eclipse.e4.core.di.extensions.supplier",
                    "org.eclipse.equinox.event").contains(b.getSymbolicName()) && b.getState() == org.osgi.framework.Bundle.RESOLVED) {
                try {
                    b.start(org.osgi.framework.Bundle.START_ACTIVATION_POLICY);
                } catch (org.osgi.framework.BundleException e) {
                    throw new AssertionError(b.getSymbolicName() + " does not start: " + e.getMessage(), e);
                }
            }
        }
        assertTrue(System.getenv("DISPLAY") != null, "the UI tests need a display: run them under xvfb-run (./mvnw does when xvfb-run is installed)");
        ServiceTracker<ExperimentRunner, ExperimentRunner> runner = new ServiceTracker<>(bundleContext(), ExperimentRunner.class, null);
        runner.open();
        ServiceTracker<ComponentRegistry, ComponentRegistry> t = new ServiceTracker<>(bundleContext(), ComponentRegistry.class, null);
        t.open();
        ComponentRegistry r;
        try {
            assertNotNull(runner.waitForService(TimeUnit.SECONDS.toMillis(20)), "the core runner should be running");
            r = t.waitForService(TimeUnit.SECONDS.toMillis(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the core services", e);
        }
        assertNotNull(r, "the core registry should be running");
        return r;
    }

    /**
     * A context for parts in {@code parent}: OSGi services, UISynchronize on the display, and an
     * evaluation session keeping its last run in {@code store}.
     */
    public static IEclipseContext context(Composite parent, Path store) {
        IEclipseContext ctx = EclipseContextFactory.getServiceContext(bundleContext()).createChild("test");
        Display display = parent.getDisplay();
        ctx.set(Composite.class, parent);
        ctx.set(Display.class, display);
        ctx.set(UISynchronize.class, new UISynchronize() {
            @Override
            public void syncExec(Runnable r) {
                display.syncExec(r);
            }

            @Override
            public void asyncExec(Runnable r) {
                display.asyncExec(r);
            }

            @Override
            protected boolean isUIThread(Thread thread) {
                return display.getThread() == thread;
            }

            @Override
            protected void showBusyWhile(Runnable r) {
                r.run();
            }

            @Override
            protected boolean dispatchEvents() {
                return display.readAndDispatch();
            }
        });
        ctx.set(EvaluationSession.STORE, store);
        // As E4Application does: the injector's default context, which the extended suppliers (@UIEventTopic's
        // among them) are injected from when first used.
        ContextInjectionFactory.setDefault(ctx);
        forgetSuppliers();
        ctx.set(EvaluationSession.class, ContextInjectionFactory.make(EvaluationSession.class, ctx));
        return ctx;
    }

    /**
     * e4 keeps each extended supplier (the one behind @UIEventTopic holds a UISynchronize) injected from the
     * default context current when it was first used, until such a supplier service comes or goes: one
     * coming and going makes the next use take the current default (this test's display, or the workbench's).
     */
    public static void forgetSuppliers() {
        var props = new java.util.Hashtable<String, Object>();
        props.put(ExtendedObjectSupplier.SERVICE_CONTEXT_KEY, "org.choreolab.ui.tests.none");
        bundleContext().registerService(ExtendedObjectSupplier.class, new ExtendedObjectSupplier() {
            @Override
            public Object get(IObjectDescriptor descriptor, IRequestor requestor, boolean track, boolean group) {
                return null;
            }
        }, props).unregister();
    }

    /** A part (or any injected object) made in its own child of {@code ctx}, as the workbench makes parts. */
    public static <T> T make(Class<T> type, IEclipseContext ctx) {
        IEclipseContext own = ctx.createChild(type.getSimpleName());
        return ContextInjectionFactory.make(type, own);
    }

    /** Runs the event loop until {@code done} or {@code seconds} pass; false when it timed out. */
    public static boolean until(Display display, BooleanSupplier done, long seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
        return true;
    }

    /** Lets the pending asynchronous updates in. */
    public static void drain(Display display) {
        for (int i = 0; i < 200 && display.readAndDispatch(); i++) {
            // drain
        }
    }
}
