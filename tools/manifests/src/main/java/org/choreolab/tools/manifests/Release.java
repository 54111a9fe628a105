package org.choreolab.tools.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A released bundle in {@code releases/} (Maven layout: {@code org/choreolab/<bsn>/<version>/<bsn>-<version>.jar}):
 * what it exported, at which versions, with which classes.
 */
public final class Release {

    public final Path jar;
    public final String symbolicName;
    public final Version version;
    public final Map<String, Version> exports;
    public final Map<String, ClassFile> classes = new TreeMap<>();

    public Release(Path jar) throws IOException {
        this.jar = jar;
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest mf = jf.getManifest();
            if (mf == null) {
                throw new IOException(jar + ": no META-INF/MANIFEST.MF");
            }
            var main = mf.getMainAttributes();
            symbolicName = Clause.parse(main.getValue("Bundle-SymbolicName")).get(0).name();
            version = Version.parse(main.getValue("Bundle-Version"));
            exports = new TreeMap<>();
            for (Clause c : Clause.parse(main.getValue("Export-Package"))) {
                String v = c.attribute("version");
                exports.put(c.name(), v == null ? Version.ZERO : Version.parse(v));
            }
            for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = jf.getInputStream(entry)) {
                        ClassFile cf = new ClassFile(in.readAllBytes());
                        classes.put(cf.name, cf);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return symbolicName + " " + version;
    }
}
