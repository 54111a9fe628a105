package org.choreolab.guard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.choreolab.guard.ExitRefusedException;
import org.choreolab.guard.ThirdParty;
import org.choreolab.testing.BundleJars;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * The guard in a running framework: a third-party bundle (here on trial, as {@code choreolab install}
 * installs one) whose class calls {@code System.exit} gets an exception naming it, and the test JVM
 * goes on. Before the guard existed, this test ended the JVM that runs it.
 */
class WeavingTest {

    private BundleContext context;
    private Bundle hostile;

    @BeforeEach
    void startGuard() throws Exception {
        Bundle guard = FrameworkUtil.getBundle(ExitWeaver.class);
        guard.start();
        context = guard.getBundleContext();
    }

    @AfterEach
    void remove() throws Exception {
        if (hostile != null) {
            hostile.uninstall();
        }
    }

    /** A bundle holding a copy of the Quitter class, and nothing else. */
    static byte[] quitterBundle(String symbolicName) throws IOException {
        return BundleJars.jar(symbolicName, "1.0.0", Map.of(),
                Map.of(ExitRewriterTest.QUITTER + ".class", ExitRewriterTest.bytes(ExitRewriterTest.QUITTER)));
    }

    @Test
    void aThirdPartyBundleCannotEndTheJvm() throws Exception {
        hostile = context.installBundle(ThirdParty.TRIAL_PREFIX + "quitter-test", new ByteArrayInputStream(quitterBundle("test.quitter")));
        assertTrue(ThirdParty.isThirdParty(hostile));
        Class<?> c = hostile.loadClass(ExitRewriterTest.QUITTER.replace('/', '.'));
        Throwable direct = ExitRewriterTest.call(c, "systemExit");
        assertInstanceOf(ExitRefusedException.class, direct);
        assertEquals("test.quitter 1.0.0 called System.exit(3): refused (a third-party bundle may not end Choreolab)",
                direct.getMessage());
        assertEquals("test.quitter 1.0.0", ((ExitRefusedException) direct).bundle());
        assertEquals("test.quitter 1.0.0 called Runtime.halt(5): refused (a third-party bundle may not end Choreolab)",
                ExitRewriterTest.call(c, "runtimeHalt").getMessage());
        // A method reference is named through the stack: the caller's bundle.
        assertEquals("test.quitter 1.0.0 called System.exit(6): refused (a third-party bundle may not end Choreolab)",
                ExitRewriterTest.call(c, "reference").getMessage());
    }

    @Test
    void whereABundleComesFromDecides() {
        Path dropins = Path.of("/opt/choreolab/dropins");
        assertTrue(ThirdParty.isThirdParty("file:/opt/choreolab/dropins/my-model_1.0.0.jar", dropins), "FileInstall's location");
        assertTrue(ThirdParty.isThirdParty("reference:file:/opt/choreolab/dropins/sub/x.jar", dropins));
        assertTrue(ThirdParty.isThirdParty("choreolab-trial:/home/me/my-model.jar", dropins), "a trial install");
        assertTrue(ThirdParty.isThirdParty("choreolab-trial:/home/me/my-model.jar", null), "a trial install, no dropins folder");
        assertFalse(ThirdParty.isThirdParty("reference:file:org.choreolab.core_0.1.0.jar", dropins), "the product's plugins/");
        assertFalse(ThirdParty.isThirdParty("reference:file:/opt/choreolab/plugins/org.choreolab.core_0.1.0.jar", dropins));
        assertFalse(ThirdParty.isThirdParty("file:/opt/choreolab/dropins-old/x.jar", dropins), "a sibling folder is not inside");
        assertFalse(ThirdParty.isThirdParty("file:/opt/choreolab/dropins/x.jar", null), "no dropins folder configured");
        assertFalse(ThirdParty.isThirdParty(context.getBundle(0)), "the system bundle");
        assertFalse(ThirdParty.isThirdParty(FrameworkUtil.getBundle(ExitWeaver.class)), "the guard itself");
    }
}
