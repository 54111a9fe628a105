package org.choreolab.ui.internal;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.URIUtil;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real workbench, started in the test runtime exactly as the product starts it (the e4
 * application with our product's properties: Application.e4xmi, the life cycle, saved state), and a
 * script run on its UI thread once the window is up. The script may run the event loop itself
 * ({@link #until}); when it returns (or fails) the workbench is closed, saving its state as on exit.
 */
public final class WorkbenchRun {

    /** What the script gets: the running workbench. */
    public interface Script {
        void run(IWorkbench workbench, MApplication app, MWindow window) throws Exception;
    }

    private WorkbenchRun() {
    }

    /** Starts the workbench, runs {@code script}, closes it; rethrows what the script threw. */
    public static void launch(Script script, String... args) throws Exception {
        var ext = Platform.getExtensionRegistry().getExtension("org.eclipse.core.runtime.applications",
                "org.eclipse.e4.ui.workbench.swt.E4Application");
        IApplication app = (IApplication) ext.getConfigurationElements()[0].getChildren("run")[0].createExecutableExtension("class");
        Map<String, String> product = Map.of("applicationXMI", "org.choreolab.ui/Application.e4xmi", "appName", "Choreolab",
                "lifeCycleURI", "bundleclass://org.choreolab.ui/org.choreolab.ui.internal.LifeCycle");
        Bundle branding = Platform.getBundle("org.choreolab.ui");
        IApplicationContext context = new IApplicationContext() {
            @Override
            public Map<?, ?> getArguments() {
                return Map.of(IApplicationContext.APPLICATION_ARGS, args);
            }

            @Override
            public void applicationRunning() {
            }

            @Override
            public String getBrandingApplication() {
                return "org.eclipse.e4.ui.workbench.swt.E4Application";
            }

            @Override
            public String getBrandingName() {
                return "Choreolab";
            }

            @Override
            public String getBrandingDescription() {
                return null;
            }

            @Override
            public String getBrandingId() {
                return "org.choreolab.ui.workbench";
            }

            @Override
            public String getBrandingProperty(String key) {
                return product.get(key);
            }

            @Override
            public Bundle getBrandingBundle() {
                return branding;
            }

            @Override
            public void setResult(Object result, IApplication application) {
            }
        };
        ServiceTracker<IWorkbench, IWorkbench> workbenches = new ServiceTracker<>(TestContexts.bundleContext(), IWorkbench.class, null);
        workbenches.open();
        Display display = Display.getDefault();
        Throwable[] failure = new Throwable[1];
        boolean[] ran = new boolean[1];
        boolean[] subscribed = new boolean[1];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Runnable[] poll = new Runnable[1];
        // The script runs once the workbench says its start is complete (handlers active, views rendered).
        poll[0] = () -> {
            IWorkbench wb = workbenches.getService();
            if (wb != null && !subscribed[0] && wb.getApplication().getContext() != null) {
                subscribed[0] = true;
                IEventBroker broker = wb.getApplication().getContext().get(IEventBroker.class);
                broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, e -> display.asyncExec(() -> {
                    MWindow w = wb.getApplication().getChildren().get(0);
                    Shell shell = (Shell) w.getWidget();
                    System.err.println("WorkbenchRun: window bounds " + shell.getBounds() + ", client area " + shell.getClientArea()
                            + ", client origin " + shell.toDisplay(0, 0) + ", display " + display.getBounds());
                    try {
                        ran[0] = true;
                        drain(display);
                        script.run(wb, wb.getApplication(), w);
                    } catch (Throwable t) {
                        failure[0] = t;
                    } finally {
                        wb.close();
                    }
                }));
                return;
            }
            if (!subscribed[0]) {
                if (System.nanoTime() < deadline) {
                    display.timerExec(20, poll[0]);
                } else {
                    failure[0] = new AssertionError("the workbench did not start within 120 s");
                }
            }
        };
        display.timerExec(20, poll[0]);
        TestContexts.forgetSuppliers();
        app.start(context);
        workbenches.close();
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        if (!ran[0]) {
            throw new AssertionError("the workbench closed before the script ran");
        }
    }

    /** Runs the event loop until {@code done}; fails after {@code seconds}. */
    public static void until(BooleanSupplier done, long seconds, String what) {
        until(done, seconds, () -> what);
    }

    /** As {@link #until(BooleanSupplier, long, String)}, the message written when it fails. */
    public static void until(BooleanSupplier done, long seconds, java.util.function.Supplier<String> what) {
        if (!TestContexts.until(Display.getCurrent(), done, seconds)) {
            throw new AssertionError(what.get() + " (waited " + seconds + " s)");
        }
    }

    /** Runs the event loop for a moment, so that pending updates and layouts are done. */
    public static void settle(long millis) {
        long end = System.currentTimeMillis() + millis;
        TestContexts.until(Display.getCurrent(), () -> System.currentTimeMillis() > end, millis / 1000 + 2);
    }

    static void drain(Display display) {
        TestContexts.drain(display);
    }

    /** The part's object, its view shown. */
    public static <T> T show(MWindow window, String partId, Class<T> type) {
        MPart p = window.getContext().get(EPartService.class).showPart(partId, EPartService.PartState.ACTIVATE);
        settle(300);
        return type.cast(p.getObject());
    }

    /** The instance area's e4 state file and our bundle's state folder: deleted for a first start. */
    public static void forgetState() throws IOException, URISyntaxException {
        Path base = Path.of(URIUtil.toURI(Platform.getInstanceLocation().getURL())).resolve(".metadata").resolve(".plugins");
        Files.deleteIfExists(base.resolve("org.eclipse.e4.workbench").resolve("workbench.xmi"));
        Path lastRun = base.resolve("org.choreolab.ui").resolve("last-run");
        if (Files.isDirectory(lastRun)) {
            try (var files = Files.list(lastRun)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
