package org.choreolab.testing;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The launcher and class path for a second Java process made of a test's own classes (a lock holder,
 * a hostile worker): what a test needs to check behaviour across processes, such as a lock surviving
 * or dying with its holder.
 */
public final class Jvm {

    private Jvm() {
    }

    /** The running JVM's {@code java} launcher. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A {@code -cp} value: the code sources of {@code classes}, in that order. */
    public static String classpath(Class<?>... classes) {
        return String.join(File.pathSeparator, Arrays.stream(classes).map(Jvm::source).toList());
    }

    /** The jar or class folder {@code c} was loaded from. */
    public static String source(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(c + " has no code source as a path", e);
        }
    }
}
