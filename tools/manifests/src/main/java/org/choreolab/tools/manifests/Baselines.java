package org.choreolab.tools.manifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;

/**
 * bnd's baselining of every bundle that has a release in {@code releases/} against its newest release: bnd
 * ({@link Baseline}, the engine of {@code bnd-baseline-maven-plugin}) compares the classes and says, per exported
 * package, what changed (MICRO, MINOR, MAJOR: an added method is MINOR, a removed or changed one, or an abstract
 * method added to a {@code @ConsumerType} interface, MAJOR) and which version that asks for.
 * <p>
 * Why not the plugin alone: bnd reports a mismatch only when both versions are 1.0 or higher (semantic
 * versioning's "0.y.z: anything may change"), so on our 0.x API the plugin passes whatever changed. Our version
 * policy (docs/EXTENDING.md, section 12) holds below 1.0 too, so we take bnd's findings and apply the rule at
 * every version: a package's version must reach bnd's suggestion, and the bundle's version must rise as far as its
 * most changed package's.
 */
public final class Baselines {

    private Baselines() {
    }

    /** One line per problem (file, header, what changed, what is expected); none when every version says what changed. */
    public static List<String> check(Repository repo) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Bundle b : repo.bundles) {
            List<Release> releases = repo.releasesOf(b.symbolicName);
            if (releases.isEmpty()) {
                continue;
            }
            Release release = releases.get(releases.size() - 1);
            String mf = repo.rel(b.manifestFile);
            Optional<Path> built = builtJar(b);
            if (built.isEmpty()) {
                problems.add(repo.rel(b.dir.resolve("target")) + ": no built jar of " + b.symbolicName + " " + b.version
                        + " to compare with its release " + release.version + "; build the bundles first (./mvnw verify runs"
                        + " this check after them)");
                continue;
            }
            try (Processor reporter = new Processor();
                    Jar newer = new Jar(built.get().toFile());
                    Jar older = new Jar(release.jar.toFile())) {
                Baseline baseline = new Baseline(reporter, new DiffPluginImpl());
                List<Baseline.Info> infos = baseline.baseline(newer, older, new Instructions("*")).stream()
                        .sorted(Comparator.comparing(i -> i.packageName)).toList();
                Delta highest = Delta.UNCHANGED;
                String why = null;
                for (Baseline.Info info : infos) {
                    Delta delta = info.packageDiff.getDelta();
                    String since = " since " + repo.rel(release.jar) + " (" + info.packageName + " " + info.olderVersion + ")";
                    if (delta == Delta.REMOVED) {
                        problems.add(mf + ": Export-Package no longer has " + info.packageName + since
                                + ": removing a package is a major change; keep it (deprecated)");
                        highest = Delta.MAJOR;
                        continue;
                    }
                    if (delta == Delta.ADDED && Delta.MINOR.compareTo(highest) > 0) {
                        highest = Delta.MINOR; // a new package: the bundle has more to offer
                        why = info.packageName;
                    }
                    if (delta == Delta.MAJOR || delta == Delta.MINOR) {
                        if (delta.compareTo(highest) > 0) {
                            highest = delta;
                            why = info.packageName;
                        }
                        if (info.suggestedVersion != null && info.newerVersion.compareTo(info.suggestedVersion) < 0) {
                            problems.add(mf + ": Export-Package " + info.packageName + ";version=\"" + info.newerVersion
                                    + "\", but the package had a " + delta + " change" + since + "; its version must be at least "
                                    + info.suggestedVersion + " (in package-info.java and Export-Package)"
                                    + (delta == Delta.MAJOR ? ", or undo the breaking change" : "") + ". bnd found:\n"
                                    + indent(info.reason));
                        }
                    }
                }
                Version now = b.version;
                Version least = highest == Delta.MAJOR ? release.version.nextMajor()
                        : highest == Delta.MINOR ? release.version.nextMinor() : null;
                if (least != null && now.compareTo(least) < 0) {
                    problems.add(mf + ": Bundle-Version " + b.version + ", but " + (why == null ? "a package was removed" : why)
                            + " had a " + highest + " change since the release " + release.version + " ("
                            + repo.rel(release.jar) + "); the bundle's version must be at least " + least);
                }
            }
        }
        return problems;
    }

    /** The newest jar in the bundle's {@code target/} whose manifest names this bundle at its current version. */
    static Optional<Path> builtJar(Bundle b) throws IOException {
        Path target = b.dir.resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        List<Path> jars;
        try (Stream<Path> s = Files.list(target)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
        }
        Path best = null;
        for (Path p : jars) {
            try (JarFile jf = new JarFile(p.toFile())) {
                var mf = jf.getManifest();
                if (mf == null) {
                    continue;
                }
                String bsn = mf.getMainAttributes().getValue("Bundle-SymbolicName");
                String version = mf.getMainAttributes().getValue("Bundle-Version");
                if (bsn == null || version == null || !Clause.parse(bsn).get(0).name().equals(b.symbolicName)
                        || !Version.parse(version).equals(b.version)) {
                    continue;
                }
            }
            if (best == null || Files.getLastModifiedTime(p).compareTo(Files.getLastModifiedTime(best)) > 0) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String indent(String reason) {
        if (reason == null || reason.isBlank()) {
            return "  (no detail)";
        }
        return ("  " + reason.strip()).replace("\n", "\n  ");
    }
}
