package org.choreolab.tools.manifests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The version rules and the architecture diagram, checked on this repository. */
class ManifestsTest {

    private static Repository repo;

    @BeforeAll
    static void read() throws Exception {
        String root = System.getProperty("choreolab.repository");
        assertTrue(root != null, "the system property choreolab.repository (the repository's root) is not set");
        repo = new Repository(Path.of(root));
        assertFalse(repo.bundles.isEmpty(), root + "/bundles: no bundle with a META-INF/MANIFEST.MF");
    }

    @Test
    void exportedVersionsAreThoseOfPackageInfo() throws Exception {
        List<String> problems = new VersionChecks(repo).exports();
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void importRangesSayWhatEachBundleUses() throws Exception {
        List<String> problems = new VersionChecks(repo).imports();
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void changesSinceTheReleaseCarryTheirVersions() throws Exception {
        List<String> problems = Baselines.check(repo);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theApiHasARelease() {
        // The baseline check (Baselines) needs one.
        assertFalse(repo.releasesOf("org.choreolab.api").isEmpty(),
                "releases/org/choreolab/org.choreolab.api: no release of the API to baseline against (releases/README.md)");
    }

    @Test
    void architectureDiagramIsUpToDate() throws Exception {
        String expected = Diagram.dot(repo);
        Path dot = repo.root.resolve(Diagram.DOT);
        Path svg = repo.root.resolve(Diagram.SVG);
        String fix = "; run tools/manifests/update-diagram.sh and commit " + Diagram.DOT + " and " + Diagram.SVG;
        assertTrue(Files.isRegularFile(dot), Diagram.DOT + ": missing" + fix);
        // Not assertEquals: the whole diagram in the message would hide the one line that says what to do.
        assertTrue(expected.equals(Files.readString(dot)), Diagram.DOT + ": not what the manifests say today" + fix);
        assertTrue(Files.isRegularFile(svg), Diagram.SVG + ": missing" + fix);
        String hash = Diagram.sourceHash(expected);
        assertTrue(Files.readString(svg).contains("<!-- source " + hash + " -->"),
                Diagram.SVG + ": not drawn from the current " + Diagram.DOT + " (source " + hash + ")" + fix);
    }
}
