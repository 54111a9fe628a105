package org.choreolab.core.robust;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** An activator that fails, as a model bundle whose license server is down would. Copied into a test bundle. */
public final class ThrowingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("license server unreachable");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
