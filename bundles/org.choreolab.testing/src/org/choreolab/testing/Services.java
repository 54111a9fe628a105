package org.choreolab.testing;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** Waiting for services that Declarative Services registers a moment after the framework starts. */
public final class Services {

    private Services() {
    }

    /** The service of this type (matching the filter, if given), or an AssertionError after 30 s. */
    public static <T> T await(BundleContext bc, Class<T> type, String filter) {
        try {
            String f = "(objectClass=" + type.getName() + ")";
            if (filter != null) {
                f = "(&" + f + filter + ")";
            }
            Filter parsed = FrameworkUtil.createFilter(f);
            ServiceTracker<T, T> t = new ServiceTracker<>(bc, parsed, null);
            t.open();
            T s = t.waitForService(TimeUnit.SECONDS.toMillis(30));
            if (s == null) {
                throw new AssertionError("no " + type.getSimpleName() + " service " + (filter == null ? "" : filter) + " within 30 s");
            }
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + type.getSimpleName());
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
