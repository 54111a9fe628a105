package org.choreolab.core.tests;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The AIST++ reader is in this test runtime (core reads output folders through org.choreolab.data.outputs,
 * which uses AIST++'s names), and it ships an embedded dataset that would come before the tests' fake
 * reader (the registry lists readers by id). The tests stop it while they run and start it again after.
 */
final class RealReaders {

    static final String AISTPP = "org.choreolab.data.aistpp";

    private RealReaders() {
    }

    /** Stops the AIST++ reader's bundle; returns whether it was active (and must be started again). */
    static boolean stop(BundleContext context) throws BundleException {
        for (Bundle b : context.getBundles()) {
            if (AISTPP.equals(b.getSymbolicName()) && (b.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                b.stop(Bundle.STOP_TRANSIENT);
                return true;
            }
        }
        return false;
    }

    static void start(BundleContext context, boolean wasActive) throws BundleException {
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
