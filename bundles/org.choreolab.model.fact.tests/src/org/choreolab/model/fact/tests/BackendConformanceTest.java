package org.choreolab.model.fact.tests;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.testing.Services;
import org.osgi.framework.FrameworkUtil;

/**
 * No tests any more: the engine conformance suite moved to org.choreolab.backend.djl.tests. What is
 * left is the engine lookup the FACT tests share; it goes once they call one of their own.
 */
final class BackendConformanceTest {

    private BackendConformanceTest() {
    }

    static ModelBackend backend(String engine) {
        return Services.await(FrameworkUtil.getBundle(BackendConformanceTest.class).getBundleContext(), ModelBackend.class,
                "(choreolab.engine=" + engine + ")");
    }
}
