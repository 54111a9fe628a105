package org.choreolab.tools.manifests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository as the checks see it: every bundle under {@code bundles/}, the {@code package-info.java}
 * files of their sources, and the releases under {@code releases/}.
 */
public final class Repository {

    /** A package-info.java: its package, whether it carries {@code @Export}, and its {@code @Version} (or null). */
    public record PackageInfo(Path file, String packageName, boolean exported, String version) {
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern EXPORT = Pattern.compile("@(?:org\\.osgi\\.annotation\\.bundle\\.)?Export\\b");
    private static final Pattern VERSION =
            Pattern.compile("@(?:org\\.osgi\\.annotation\\.versioning\\.)?Version\\s*\\(\\s*\"([^\"]*)\"\\s*\\)");

    public final Path root;
    public final List<Bundle> bundles = new ArrayList<>();
    public final List<Release> releases = new ArrayList<>();

    public Repository(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Path bundlesDir = this.root.resolve("bundles");
        if (!Files.isDirectory(bundlesDir)) {
            throw new IOException(bundlesDir + ": no such folder (is choreolab.repository the repository's root?)");
        }
        try (Stream<Path> s = Files.list(bundlesDir)) {
            for (Path dir : s.sorted().toList()) {
                Bundle b = Bundle.read(dir);
                if (b != null) {
                    bundles.add(b);
                }
            }
        }
        Path rel = this.root.resolve("releases");
        if (Files.isDirectory(rel)) {
            try (Stream<Path> s = Files.walk(rel)) {
                for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    releases.add(new Release(jar));
                }
            }
        }
        releases.sort(Comparator.comparing((Release r) -> r.symbolicName).thenComparing(r -> r.version));
    }

    /** The package-info.java files under a bundle's folder (its build output excluded), by package. */
    public Map<String, PackageInfo> packageInfos(Bundle b) throws IOException {
        Map<String, PackageInfo> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(b.dir)) {
            files = s.filter(p -> p.getFileName().toString().equals("package-info.java"))
                    .filter(p -> !b.dir.relativize(p).startsWith("target")).sorted().toList();
        }
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher pkg = PACKAGE.matcher(text);
            if (!pkg.find()) {
                continue;
            }
            // Only what stands before the package declaration annotates the package (not its Javadoc text).
            String head = stripComments(text.substring(0, pkg.start()));
            Matcher v = VERSION.matcher(head);
            out.put(pkg.group(1), new PackageInfo(f, pkg.group(1), EXPORT.matcher(head).find(), v.find() ? v.group(1) : null));
        }
        return out;
    }

    /** The bundle that exports {@code pkg}, or null when none of the repository's does. */
    public Bundle exporterOf(String pkg) {
        for (Bundle b : bundles) {
            if (b.exportedVersions().containsKey(pkg)) {
                return b;
            }
        }
        return null;
    }

    public Bundle bundle(String symbolicName) {
        return bundles.stream().filter(b -> b.symbolicName.equals(symbolicName)).findFirst().orElse(null);
    }

    /** The releases of a bundle, oldest first. */
    public List<Release> releasesOf(String symbolicName) {
        return releases.stream().filter(r -> r.symbolicName.equals(symbolicName)).toList();
    }

    /** A path relative to the repository's root, for messages. */
    public String rel(Path p) {
        return root.relativize(p.toAbsolutePath().normalize()).toString();
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", " ");
    }
}
