package org.choreolab.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The reference material computed by the original implementations, kept in this repository
 * ({@code bundles/org.choreolab.testing/reference}; the build passes it as the system property
 * {@code choreolab.reference}).
 */
public final class Reference {

    private Reference() {
    }

    /** The reference folder; fails with a clear message when it is not there. */
    public static Path dir() {
        String p = System.getProperty("choreolab.reference");
        if (p == null || !Files.isDirectory(Path.of(p))) {
            throw new IllegalStateException("reference material not found at " + p
                    + ": run the tests through Maven, which passes bundles/org.choreolab.testing/reference (or -Dchoreolab.reference=DIR)");
        }
        return Path.of(p);
    }

    /** A file under the reference folder. */
    public static Path file(String relative) {
        Path f = dir().resolve(relative);
        if (!Files.exists(f)) {
            throw new IllegalStateException("reference file missing: " + f);
        }
        return f;
    }

    /** A file of this repository (the build passes its root as {@code choreolab.repository}). */
    public static Path repositoryFile(String relative) {
        String p = System.getProperty("choreolab.repository");
        Path f = p == null ? null : Path.of(p).resolve(relative);
        if (f == null || !Files.exists(f)) {
            throw new IllegalStateException("repository file not found: " + f + " (run the tests through Maven, which sets choreolab.repository)");
        }
        return f;
    }
}
