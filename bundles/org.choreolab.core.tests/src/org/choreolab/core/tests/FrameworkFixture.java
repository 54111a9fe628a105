package org.choreolab.core.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.choreolab.testing.RealReaders;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The running framework as the runtime tests use it: the real AIST++ reader stopped while the test
 * runs (so that the fakes' dataset is the one found), the test's own services registered, and all of
 * it undone by {@link #close()}.
 */
final class FrameworkFixture implements AutoCloseable {

    final BundleContext context;
    private final boolean aistppWasActive;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    FrameworkFixture(Class<?> test) {
        context = FrameworkUtil.getBundle(test).getBundleContext();
        try {
            aistppWasActive = RealReaders.stop(context);
        } catch (BundleException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> void register(Class<T> type, T service) {
        register(type, service, null);
    }

    <T> void register(Class<T> type, T service, Dictionary<String, ?> properties) {
        registrations.add(context.registerService(type, service, properties));
    }

    /** The service, once Declarative Services has registered it (20 s at most). */
    <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context, type, null);
        t.open();
        T s = t.waitForService(TimeUnit.SECONDS.toMillis(20));
        assertNotNull(s, type.getSimpleName() + " service should be registered by SCR");
        return s;
    }

    @Override
    public void close() {
        try {
            RealReaders.start(context, aistppWasActive);
        } catch (BundleException e) {
            throw new IllegalStateException(e);
        }
        registrations.forEach(ServiceRegistration::unregister);
    }
}
