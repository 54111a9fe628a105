package org.choreolab.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.choreolab.core.ComponentRegistry;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.ServiceRegistration;

/**
 * A plain shell and a part context in it ({@link TestContexts#context}), with the fake services a test
 * registers; {@link #close()} undoes all of it, so the next test starts from the same registry. What the
 * part tests set up and tear down alike.
 */
public final class PartShell implements AutoCloseable {

    /** A service to register: {@code impl} under {@code type}. */
    public record Service<S>(Class<S> type, S impl) {
    }

    public static <S> Service<S> service(Class<S> type, S impl) {
        return new Service<>(type, impl);
    }

    public final Display display = Display.getDefault();
    public final Shell shell;
    public final IEclipseContext ctx;
    /** The core registry, or null in a {@link #bare} shell. */
    public final ComponentRegistry registry;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    /**
     * The core services waited for, only the fake components (the real ones stopped) and {@code services}
     * registered before the context exists; the evaluation session keeps its last run in {@code store}.
     */
    public static PartShell withFakes(Path store, Service<?>... services) throws Exception {
        ComponentRegistry registry = TestContexts.core();
        TestBundles.fakesOnly();
        List<ServiceRegistration<?>> registered = new ArrayList<>();
        for (Service<?> s : services) {
            registered.add(register(s));
        }
        return new PartShell(store, registry, registered);
    }

    /** A shell and context only, for views that need no components. */
    public static PartShell bare(Path store) {
        return new PartShell(store, null, List.of());
    }

    private PartShell(Path store, ComponentRegistry registry, List<ServiceRegistration<?>> registered) {
        this.registry = registry;
        registrations.addAll(registered);
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        ctx = TestContexts.context(shell, store);
    }

    /** Sizes the shell (before the part is made, which lays itself out for it). */
    public PartShell size(int width, int height) {
        shell.setSize(width, height);
        return this;
    }

    /** Registers one more service, unregistered on {@link #close()}. */
    public <S> void register(Class<S> type, S impl) {
        registrations.add(register(service(type, impl)));
    }

    private static <S> ServiceRegistration<S> register(Service<S> s) {
        return TestContexts.bundleContext().registerService(s.type(), s.impl(), null);
    }

    /** A part made in its own child of the context, as the workbench makes parts. */
    public <T> T make(Class<T> type) {
        return TestContexts.make(type, ctx);
    }

    @Override
    public void close() {
        shell.dispose();
        ctx.dispose();
        registrations.forEach(ServiceRegistration::unregister);
    }
}
