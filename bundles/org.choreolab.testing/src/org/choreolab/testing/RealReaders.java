package org.choreolab.testing;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The AIST++ reader is in every test runtime that has core (core reads output folders through
 * org.choreolab.data.outputs, which uses AIST++'s names), and it ships an embedded dataset that would come
 * before a test's {@link Fakes.Reader} (the registry lists readers by id). Tests that run on the fake
 * dataset stop it while they run and start it again after.
 */
public final class RealReaders {

    public static final String AISTPP = "org.choreolab.data.aistpp";

    private RealReaders() {
    }

    /** Stops the AIST++ reader's bundle; returns whether it was active (and must be started again). */
    public static boolean stop(BundleContext context) throws BundleException {
        for (Bundle b : context.getBundles()) {
            if (AISTPP.equals(b.getSymbolicName()) && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                b.stop(Bundle.STOP_TRANSIENT);
                return true;
            }
        }
        return false;
    }

    public static void start(BundleContext context, boolean wasActive) throws BundleException {
        if (!wasActive) {
            return;
        }
        for (Bundle b : context.getBundles()) {
            if (AISTPP.equals(b.getSymbolicName())) {
                b.start(Bundle.START_TRANSIENT | Bundle.START_ACTIVATION_POLICY);
            }
        }
    }
}
