package org.choreolab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Bundles made in memory, for tests that install one into the running framework (a dropped-in bundle,
 * a third-party trial, a code-less model bundle) and watch what the platform does with it.
 */
public final class BundleJars {

    private BundleJars() {
    }

    /**
     * A bundle jar: {@code symbolicName} at {@code version}, {@code headers} added to its manifest, and
     * {@code entries} (path in the jar → bytes) in the order the map gives.
     */
    public static byte[] jar(String symbolicName, String version, Map<String, String> headers, Map<String, byte[]> entries) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        headers.forEach(a::putValue);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, m)) {
            for (var e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return out.toByteArray();
    }

    /** The class file of {@code c} as an entry: its path in a jar and its bytes (read from its class loader). */
    public static Map.Entry<String, byte[]> classFile(Class<?> c) {
        String path = c.getName().replace('.', '/') + ".class";
        try (var in = c.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not readable from its class loader");
            }
            return Map.entry(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
