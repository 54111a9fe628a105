package org.choreolab.tools.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks on a small repository made here, with each mistake they must find: compiled with javac, with a
 * release of the exporting bundle in releases/ that lacks a method the current version has.
 */
class VersionChecksTest {

    @TempDir
    static Path root;

    private static List<String> imports;
    private static List<String> exports;
    private static List<String> baselines;

    @BeforeAll
    static void makeRepository() throws Exception {
        String annotations = """
                package org.osgi.annotation.versioning;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.CLASS)
                public @interface ProviderType {}
                """;
        String service = """
                package lib.api;
                @org.osgi.annotation.versioning.ProviderType
                public interface Service { int size(); }
                """;
        String thingOld = "package lib.api; public class Thing { public int old() { return 1; } }";
        String thingNew = "package lib.api; public class Thing { public int old() { return 1; } public int newer() { return 2; } }";

        // The release 0.1.0 of lib: Thing without newer().
        Path relClasses = compile("release", Map.of("org/osgi/annotation/versioning/ProviderType.java", annotations,
                "lib/api/Service.java", service, "lib/api/Thing.java", thingOld), null);
        jar(root.resolve("releases/org/example/lib/0.1.0/lib-0.1.0.jar"), relClasses,
                manifest("lib", "0.1.0", "Export-Package", "lib.api;version=\"0.1.0\""));

        // lib now: 0.2.0 with newer(); its package-info agrees.
        Path lib = bundle("lib", "0.2.0", "Export-Package: lib.api;version=\"0.2.0\"\n");
        write(lib.resolve("src/lib/api/package-info.java"),
                "@org.osgi.annotation.bundle.Export\n@org.osgi.annotation.versioning.Version(\"0.2.0\")\npackage lib.api;\n");
        Path libClasses = compile("lib", Map.of("org/osgi/annotation/versioning/ProviderType.java", annotations,
                "lib/api/Service.java", service, "lib/api/Thing.java", thingNew), lib.resolve("target/classes"));

        // A consumer of newer() that still asks for [0.1,1): wrong floor.
        consumer("usesnewer", "[0.1,1)", "public int f(lib.api.Thing t) { return t.newer(); }", libClasses);
        // A consumer of old() only: [0.1,1) is right (the release has old()).
        consumer("usesold", "[0.1,1)", "public int f(lib.api.Thing t) { return t.old(); }", libClasses);
        // A provider of Service with a consumer's range.
        consumer("provider", "[0.2,1)", "public lib.api.Service s() { return () -> 3; }", libClasses);
        // A provider with the right range.
        consumer("goodprovider", "[0.2,0.3)", "public lib.api.Service s() { return () -> 3; }", libClasses);
        // A floor that names no version there ever was.
        consumer("nosuchversion", "[0.0.5,1)", "public int f(lib.api.Thing t) { return t.old(); }", libClasses);
        // A range that excludes the current version.
        consumer("tooold", "[0.1,0.2)", "public int f(lib.api.Thing t) { return t.old(); }", libClasses);

        // A bundle whose manifest and package-info disagree.
        Path other = bundle("other", "1.0.0", "Export-Package: other;version=\"1.1.0\"\n");
        write(other.resolve("src/other/package-info.java"),
                "/** Javadoc that mentions @Version(\"9.9.9\") is not an annotation. */\n"
                        + "@org.osgi.annotation.bundle.Export\n@org.osgi.annotation.versioning.Version(\"1.2.0\")\npackage other;\n");
        write(other.resolve("src/other/inner/package-info.java"),
                "@org.osgi.annotation.bundle.Export\n@org.osgi.annotation.versioning.Version(\"1.0.0\")\npackage other.inner;\n");

        // lib's built jar, for the baseline: a MINOR change since 0.1.0 (Thing.newer()), and versions that say so.
        jar(lib.resolve("target/lib-0.2.0-SNAPSHOT.jar"), libClasses,
                manifest("lib", "0.2.0.202601010000", "Export-Package", "lib.api;version=\"0.2.0\""));
        // stale: a method added since its release 0.1.0, but neither the package nor the bundle went up.
        Path staleRel = compile("stale-release", Map.of("stale/api/Gadget.java",
                "package stale.api; public class Gadget { public int a() { return 1; } }"), null);
        jar(root.resolve("releases/org/example/stale/0.1.0/stale-0.1.0.jar"), staleRel,
                manifest("stale", "0.1.0", "Export-Package", "stale.api;version=\"0.1.0\""));
        Path stale = bundle("stale", "0.1.0", "Export-Package: stale.api;version=\"0.1.0\"\n");
        Path staleNow = compile("stale", Map.of("stale/api/Gadget.java",
                "package stale.api; public class Gadget { public int a() { return 1; } public int b() { return 2; } }"),
                stale.resolve("target/classes"));
        jar(stale.resolve("target/stale-0.1.0-SNAPSHOT.jar"), staleNow,
                manifest("stale", "0.1.0.202601010000", "Export-Package", "stale.api;version=\"0.1.0\""));

        Repository repo = new Repository(root);
        imports = new VersionChecks(repo).imports();
        exports = new VersionChecks(repo).exports();
        baselines = Baselines.check(repo);
    }

    @Test
    void aChangeWithoutItsVersionsIsFoundByTheBaseline() {
        List<String> p = problemsOf(baselines, "bundles/stale/");
        assertEquals(2, p.size(), String.join("\n", baselines));
        assertTrue(p.get(0).contains("Export-Package stale.api;version=\"0.1.0\"") && p.get(0).contains("MINOR change")
                && p.get(0).contains("at least 0.2.0") && p.get(0).contains("b()"), p.get(0));
        assertTrue(p.get(1).contains("Bundle-Version 0.1.0") && p.get(1).contains("at least 0.2.0"), p.get(1));
    }

    @Test
    void aChangeWithItsVersionsPassesTheBaseline() {
        assertEquals(List.of(), problemsOf(baselines, "bundles/lib/"));
    }

    @Test
    void aFloorWhoseReleaseLacksWhatIsUsedIsFound() {
        String p = only("bundles/usesnewer/");
        assertTrue(p.contains("lib.api.Thing.newer()I"), p);
        assertTrue(p.contains("import [0.2,1)"), p);
    }

    @Test
    void aFloorWhoseReleaseHasWhatIsUsedPasses() {
        assertEquals(List.of(), problemsOf(imports, "bundles/usesold/"));
        assertEquals(List.of(), problemsOf(imports, "bundles/goodprovider/"));
    }

    @Test
    void aProviderMustImportTheMinorLine() {
        String p = only("bundles/provider/");
        assertTrue(p.contains("implements lib.api.Service, a @ProviderType") && p.contains("[0.2,0.3)"), p);
    }

    @Test
    void aFloorThatWasNeverReleasedIsFound() {
        String p = only("bundles/nosuchversion/");
        assertTrue(p.contains("0.0.5 was never released") && p.contains("import [0.1,1)"), p);
    }

    @Test
    void aRangeWithoutTheCurrentVersionIsFound() {
        String p = only("bundles/tooold/");
        assertTrue(p.contains("does not include 0.2.0"), p);
    }

    @Test
    void manifestAndPackageInfoMustAgree() {
        List<String> p = problemsOf(exports, "bundles/other/");
        assertEquals(2, p.size(), String.join("\n", p));
        assertTrue(p.get(0).contains("Export-Package other;version=\"1.1.0\"") && p.get(0).contains("@Version(\"1.2.0\")"), p.get(0));
        assertTrue(p.get(1).contains("other/inner/package-info.java: @Export, but")
                && p.get(1).contains("other.inner;version=\"1.0.0\""), p.get(1));
        assertEquals(List.of(), problemsOf(exports, "bundles/lib/"));
    }

    private static String only(String prefix) {
        List<String> p = problemsOf(imports, prefix);
        assertEquals(1, p.size(), "expected one problem for " + prefix + ", got:\n" + String.join("\n", p));
        return p.get(0);
    }

    private static List<String> problemsOf(List<String> all, String prefix) {
        return all.stream().filter(s -> s.startsWith(prefix)).toList();
    }

    private static void consumer(String name, String range, String body, Path libClasses) throws IOException {
        Path dir = bundle(name, "1.0.0", "Import-Package: lib.api;version=\"" + range + "\"\n");
        compile(name, Map.of("use/" + name + "/Use.java", "package use." + name + "; public class Use { " + body + " }"),
                dir.resolve("target/classes"), libClasses);
    }

    private static Path bundle(String name, String version, String headers) throws IOException {
        Path dir = root.resolve("bundles").resolve(name);
        write(dir.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: "
                + name + "\nBundle-Version: " + version + ".qualifier\n" + headers);
        return dir;
    }

    private static Path compile(String name, Map<String, String> sources, Path out, Path... classpath) throws IOException {
        Path src = Files.createTempDirectory(root, "src-" + name);
        Path classes = out != null ? out : Files.createTempDirectory(root, "classes-" + name);
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "--release", "21"));
        if (classpath.length > 0) {
            args.add("-cp");
            args.add(classpath[0].toString());
        }
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            write(f, e.getValue());
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "javac failed for " + name);
        return classes;
    }

    private static Manifest manifest(String bsn, String version, String header, String value) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-SymbolicName", bsn);
        a.putValue("Bundle-Version", version);
        a.putValue(header, value);
        return m;
    }

    private static void jar(Path jar, Path classes, Manifest mf) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os, mf);
                Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
