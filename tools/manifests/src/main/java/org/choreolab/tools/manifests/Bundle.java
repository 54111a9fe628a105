package org.choreolab.tools.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A bundle of the repository, as its {@code META-INF/MANIFEST.MF} and its compiled classes
 * ({@code target/classes}) say.
 */
public final class Bundle {

    public final Path dir;
    public final Path manifestFile;
    public final String symbolicName;
    public final Version version;
    private final Attributes main;
    private Map<String, ClassFile> classes;

    private Bundle(Path dir, Path manifestFile, Attributes main) {
        this.dir = dir;
        this.manifestFile = manifestFile;
        this.main = main;
        this.symbolicName = Clause.parse(main.getValue("Bundle-SymbolicName")).get(0).name();
        this.version = Version.parse(main.getValue("Bundle-Version"));
    }

    /** The bundle in {@code dir}, or null when it has no manifest (a folder of shared sources). */
    public static Bundle read(Path dir) throws IOException {
        Path mf = dir.resolve("META-INF/MANIFEST.MF");
        if (!Files.isRegularFile(mf)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(mf)) {
            return new Bundle(dir, mf, new Manifest(in).getMainAttributes());
        }
    }

    public String header(String name) {
        return main.getValue(name);
    }

    public List<Clause> imports() {
        return Clause.parse(header("Import-Package"));
    }

    public List<Clause> exports() {
        return Clause.parse(header("Export-Package"));
    }

    public List<Clause> requiredBundles() {
        return Clause.parse(header("Require-Bundle"));
    }

    /** The host's symbolic name for a fragment, else null. */
    public String fragmentHost() {
        List<Clause> host = Clause.parse(header("Fragment-Host"));
        return host.isEmpty() ? null : host.get(0).name();
    }

    /** Exported package names with their versions ({@link Version#ZERO} when none is written). */
    public Map<String, Version> exportedVersions() {
        Map<String, Version> out = new TreeMap<>();
        for (Clause c : exports()) {
            String v = c.attribute("version");
            out.put(c.name(), v == null ? Version.ZERO : Version.parse(v));
        }
        return out;
    }

    /** The classes compiled into {@code target/classes}, by internal name; empty when not built. */
    public synchronized Map<String, ClassFile> classes() throws IOException {
        if (classes == null) {
            classes = new TreeMap<>();
            Path root = classesDir();
            if (Files.isDirectory(root)) {
                List<Path> files = new ArrayList<>();
                try (Stream<Path> s = Files.walk(root)) {
                    s.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
                }
                for (Path p : files) {
                    ClassFile cf = new ClassFile(Files.readAllBytes(p));
                    classes.put(cf.name, cf);
                }
            }
        }
        return classes;
    }

    public Path classesDir() {
        return dir.resolve("target/classes");
    }

    @Override
    public String toString() {
        return symbolicName;
    }
}
