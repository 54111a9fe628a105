package org.choreolab.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.choreolab.api.model.MotionGenerator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Third-party model bundles in the {@code dropins} folder that Felix FileInstall watches
 * ({@code felix.fileinstall.dir}): validated before they are copied in, so that a bundle that does
 * not resolve, registers no generator or fails on activation is refused with the reason, and the
 * platform is left as it was.
 */
public final class ModelBundles {

    /** What an accepted bundle is: its symbolic name, version and the generators it registers. */
    public record Accepted(String symbolicName, String version, List<String> generators, Path file) {
    }

    private static final long SERVICE_WAIT_MS = 5000;

    private ModelBundles() {
    }

    /** The watched folder, from {@code felix.fileinstall.dir}. */
    public static Path dropins(BundleContext context) throws IOException {
        String dir = context.getProperty("felix.fileinstall.dir");
        if (dir == null || dir.isBlank()) {
            throw new IOException("no dropins folder is configured (felix.fileinstall.dir); start Choreolab with its launcher");
        }
        return Path.of(dir);
    }

    /**
     * Installs {@code jar} for a trial, starts it, waits for its generators, and uninstalls it again.
     *
     * @throws IOException naming the file and what is wrong: unreadable, no bundle, does not resolve
     *                     (missing engine or API version), throws on activation, or no generator
     */
    public static Accepted validate(BundleContext context, Path jar) throws IOException {
        String src = jar.toString();
        if (!Files.isRegularFile(jar)) {
            throw new IOException(src + ": no such file");
        }
        String bsn;
        String version;
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            bsn = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
            version = m == null ? null : m.getMainAttributes().getValue("Bundle-Version");
        } catch (IOException e) {
            throw new IOException(src + ": not a jar (" + e.getMessage() + ")");
        }
        if (bsn == null) {
            throw new IOException(src + ": not an OSGi bundle (no Bundle-SymbolicName in META-INF/MANIFEST.MF)");
        }
        bsn = bsn.split(";")[0].trim();
        for (Bundle b : context.getBundles()) {
            if (bsn.equals(b.getSymbolicName()) && !b.getLocation().startsWith("choreolab-trial:")) {
                throw new IOException(src + ": bundle " + bsn + " is already installed (" + b.getLocation()
                        + "); uninstall it first");
            }
        }
        Bundle trial;
        try (InputStream in = Files.newInputStream(jar)) {
            trial = context.installBundle("choreolab-trial:" + jar.toAbsolutePath(), in);
        } catch (BundleException e) {
            throw new IOException(src + ": refused by the framework: " + oneLine(e.getMessage()));
        }
        try {
            try {
                trial.start(Bundle.START_TRANSIENT);
            } catch (BundleException | RuntimeException e) {
                throw new IOException(src + ": " + whyNotStarted(e));
            }
            List<String> generators = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SERVICE_WAIT_MS);
            while (generators.isEmpty() && System.nanoTime() < deadline) {
                ServiceReference<?>[] refs = trial.getRegisteredServices();
                if (refs != null) {
                    for (ServiceReference<?> r : refs) {
                        Object s = context.getService(r);
                        try {
                            if (s instanceof MotionGenerator g) {
                                generators.add(g.id());
                            }
                        } catch (RuntimeException e) {
                            throw new IOException(src + ": its generator fails: " + e);
                        } finally {
                            if (s != null) {
                                context.ungetService(r);
                            }
                        }
                    }
                }
                if (generators.isEmpty()) {
                    sleep();
                }
            }
            if (trial.getState() != Bundle.ACTIVE) {
                throw new IOException(src + ": stopped after starting (its activation failed)");
            }
            if (generators.isEmpty()) {
                throw new IOException(src + ": registers no MotionGenerator service (is its component annotated and "
                        + "Bundle-ActivationPolicy lazy? see docs/EXTENDING.md)");
            }
            return new Accepted(bsn, version == null ? "0.0.0" : version, List.copyOf(generators), jar);
        } finally {
            try {
                trial.uninstall();
            } catch (BundleException | IllegalStateException e) {
                // Already gone: nothing of the trial stays.
            }
        }
    }

    /** Validates {@code jar}, then copies it into the dropins folder, where FileInstall starts it. */
    public static Accepted install(BundleContext context, Path jar) throws IOException {
        Accepted a = validate(context, jar);
        Path dir = Files.createDirectories(dropins(context));
        Path target = dir.resolve(a.symbolicName() + "_" + a.version() + ".jar");
        // A temporary name of its own (FileInstall watches *.jar only), then one atomic rename: other
        // Choreolab processes watching the folder, or installing the same jar at the same time, never
        // see half a jar.
        Path tmp = Files.createTempFile(dir, target.getFileName() + ".", ".part");
        try {
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot copy " + jar + " into " + dir + ": " + e.getMessage(), e);
        }
        return new Accepted(a.symbolicName(), a.version(), a.generators(), target);
    }

    /**
     * Removes from the dropins folder the bundle with symbolic name {@code id}, or the one that
     * provides the generator {@code id}; FileInstall uninstalls it when it sees the file go.
     *
     * @return the file removed
     */
    public static Path uninstall(BundleContext context, ComponentRegistry registry, String id) throws IOException {
        Path dir = dropins(context);
        String bsn = id;
        for (ComponentInfo c : registry.components()) {
            if (c.service() instanceof MotionGenerator && c.id().equals(id)) {
                bsn = c.bundle();
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".jar")).toList()) {
                    String name;
                    try (JarFile jf = new JarFile(p.toFile())) {
                        name = jf.getManifest() == null ? null : jf.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                    } catch (IOException e) {
                        continue; // removed meanwhile by another process, or not a jar: not the one
                    }
                    if (name != null && name.split(";")[0].trim().equals(bsn)) {
                        // Gone already when another process removed it at the same time: removed all the same.
                        Files.deleteIfExists(p);
                        for (Bundle b : context.getBundles()) {
                            if (bsn.equals(b.getSymbolicName()) && b.getLocation().contains(p.getFileName().toString())) {
                                try {
                                    b.uninstall();
                                } catch (BundleException | IllegalStateException e) {
                                    // FileInstall will catch up on its next scan.
                                }
                            }
                        }
                        return p;
                    }
                }
            }
        }
        throw new IOException("no installed model bundle or generator '" + id + "' in " + dir);
    }

    /**
     * Waits until every jar in the dropins folder has been installed by FileInstall and has left the
     * starting states (its initial scan runs on its own thread), at most {@code timeoutMs}.
     *
     * @return one line per jar that did not start, with the reason
     */
    public static List<String> awaitDropins(BundleContext context, long timeoutMs) throws IOException {
        List<String> problems = new ArrayList<>();
        String dirProp = context.getProperty("felix.fileinstall.dir");
        if (dirProp == null || !Files.isDirectory(Path.of(dirProp))) {
            return problems;
        }
        // A jar deleted while Choreolab was not running: its bundle goes too (FileInstall would, a scan later).
        Path dir = Path.of(dirProp).toAbsolutePath().normalize();
        for (Bundle b : context.getBundles()) {
            String loc = b.getLocation();
            if (loc.startsWith("file:")) {
                try {
                    Path f = Path.of(java.net.URI.create(loc)).toAbsolutePath().normalize();
                    if (f.startsWith(dir) && !Files.exists(f)) {
                        b.uninstall();
                    }
                } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException | BundleException e) {
                    // Not a plain file location, or already gone.
                }
            }
        }
        List<Path> jars;
        try (Stream<Path> s = Files.list(Path.of(dirProp))) {
            jars = s.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (Path jar : jars) {
            Bundle b = find(context, jar);
            while ((b == null || b.getState() != Bundle.ACTIVE) && System.nanoTime() < deadline) {
                sleep();
                b = find(context, jar);
            }
            if (b == null) {
                problems.add(jar + ": not installed (is it an OSGi bundle?)");
            } else if (b.getState() != Bundle.ACTIVE) {
                // Starting it here gives the framework's reason (a missing requirement, an activation error);
                // transiently, and its autostart setting cleared when it fails: a bundle marked for start
                // would be started by the framework itself at the next launch, which reports the failure
                // with a full stack trace on the console (FrameworkEvent ERROR) instead of this one line.
                try {
                    b.start(Bundle.START_TRANSIENT);
                } catch (BundleException | RuntimeException e) {
                    problems.add(jar + ": " + b.getSymbolicName() + " " + b.getVersion() + " " + whyNotStarted(e));
                    try {
                        b.stop();
                    } catch (BundleException | RuntimeException again) {
                        // Uninstalled meanwhile: nothing to clear.
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Why a bundle did not start, in one line: "does not resolve: <the framework's reason>", "fails to
     * start: its activator threw IllegalStateException: <its message>" (the exception of the activator,
     * not the framework's "Exception in X.start() of bundle Y"), or the framework's message.
     */
    static String whyNotStarted(Exception e) {
        if (e instanceof BundleException be && be.getType() == BundleException.RESOLVE_ERROR) {
            return "does not resolve: " + oneLine(be.getMessage());
        }
        Throwable cause = e instanceof BundleException && e.getCause() != null ? e.getCause() : e;
        if (e instanceof BundleException be && be.getType() == BundleException.ACTIVATOR_ERROR && be.getCause() != null) {
            return "fails to start: its activator threw " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + oneLine(cause.getMessage()));
        }
        return "fails to start: " + (e instanceof BundleException ? oneLine(e.getMessage()) : e.toString());
    }

    /** The framework's multi-line resolution reports, as one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.trim().replaceAll("\\s*\\n\\s*", "; ");
    }

    private static Bundle find(BundleContext context, Path jar) {
        String name = jar.getFileName().toString();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().endsWith(name) && !b.getLocation().startsWith("choreolab-trial:")) {
                return b;
            }
        }
        return null;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
