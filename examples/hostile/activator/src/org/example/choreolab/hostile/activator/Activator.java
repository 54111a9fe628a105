package org.example.choreolab.hostile.activator;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Hostile: fails on activation, every time, as a model whose license server is down would. */
public final class Activator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("license server unreachable (hostile example)");
    }

    @Override
    public void stop(BundleContext context) {
    }
}
