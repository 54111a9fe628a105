package org.choreolab.guard.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.weaving.WeavingHook;

/**
 * Registers the weaving hook. The product starts this bundle at start level 2, before FileInstall
 * (level 4) installs the dropins, so no third-party class is defined unguarded.
 */
public final class Activator implements BundleActivator {

    private ServiceRegistration<WeavingHook> registration;

    @Override
    public void start(BundleContext context) {
        registration = context.registerService(WeavingHook.class, new ExitWeaver(), null);
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }
}
