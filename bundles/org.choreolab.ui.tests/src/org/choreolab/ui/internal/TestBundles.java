package org.choreolab.ui.internal;

import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * The real component bundles the workbench tests need (the AIST++ reader with its embedded sample, the
 * baselines, the audio encoders) are installed beside the fakes; the part tests stop them so that they
 * see exactly their fakes (the first reader with an embedded dataset would otherwise be the sample).
 */
public final class TestBundles {

    static final List<String> REAL = List.of("org.choreolab.data.aistpp", "org.choreolab.generators.baseline", "org.choreolab.audio");

    private TestBundles() {
    }

    /** Only the fakes a test registers (and the metrics, which the workbench's bundles import). */
    public static void fakesOnly() throws BundleException {
        for (Bundle b : bundles()) {
            if (b.getState() == Bundle.ACTIVE || b.getState() == Bundle.STARTING) {
                b.stop();
            }
        }
    }

    /** The real components, as the product has them. */
    public static void real() throws BundleException {
        for (Bundle b : bundles()) {
            b.start(Bundle.START_ACTIVATION_POLICY);
        }
    }

    private static List<Bundle> bundles() {
        return java.util.Arrays.stream(TestContexts.bundleContext().getBundles()).filter(b -> REAL.contains(b.getSymbolicName())).toList();
    }
}
