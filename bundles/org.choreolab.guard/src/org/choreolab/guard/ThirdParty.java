package org.choreolab.guard;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Which bundles are third-party: those that did not come with the product. The rule is where a
 * bundle was installed from, not its name (a dropped-in jar may call itself {@code org.choreolab.x}):
 * <ul>
 * <li>a jar in the dropins folder that Felix FileInstall watches ({@code felix.fileinstall.dir}: the
 * launcher's {@code dropins/}, {@code CHOREOLAB_DROPINS}), where {@code choreolab install} copies
 * model bundles too;</li>
 * <li>a bundle on trial while {@code choreolab install} validates it (location
 * {@value #TRIAL_PREFIX}…).</li>
 * </ul>
 * Everything else (the product's {@code plugins/}, the system bundle) is the platform's own. The
 * guard rewrites third-party classes' exits, and the generation service runs third-party generators
 * in a worker process.
 */
public final class ThirdParty {

    /** The location prefix of a bundle installed for a trial by {@code choreolab install}. */
    public static final String TRIAL_PREFIX = "choreolab-trial:";

    /** The framework property naming the dropins folder. */
    public static final String DROPINS_PROPERTY = "felix.fileinstall.dir";

    private ThirdParty() {
    }

    /** Whether {@code bundle} is third-party (see the class comment). */
    public static boolean isThirdParty(Bundle bundle) {
        if (bundle == null || bundle.getBundleId() == 0) {
            return false;
        }
        String dir = property(bundle, DROPINS_PROPERTY);
        return isThirdParty(bundle.getLocation(), dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    /**
     * Whether a bundle installed from {@code location} is third-party, when the dropins folder is
     * {@code dropins} (null when none is configured).
     */
    public static boolean isThirdParty(String location, Path dropins) {
        if (location == null) {
            return false;
        }
        if (location.startsWith(TRIAL_PREFIX)) {
            return true;
        }
        if (dropins == null) {
            return false;
        }
        Path file = file(location);
        return file != null && inside(file, dropins);
    }

    /** "symbolic-name version", how messages name a bundle. */
    public static String label(Bundle bundle) {
        return bundle == null ? "an unknown bundle" : bundle.getSymbolicName() + " " + bundle.getVersion();
    }

    /** The file a location points at ({@code file:…}, {@code reference:file:…} or a plain path), or null. */
    static Path file(String location) {
        String l = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        try {
            if (l.startsWith("file:")) {
                // FileInstall writes file URIs; Equinox's own "file:plugins/x.jar" is not a URI of an absolute path.
                return l.startsWith("file:/") ? Path.of(URI.create(l.replace(" ", "%20"))) : Path.of(l.substring(5));
            }
            return l.startsWith("/") ? Path.of(l) : null;
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    private static boolean inside(Path file, Path dir) {
        Path f = file.toAbsolutePath().normalize();
        Path d = dir.toAbsolutePath().normalize();
        if (f.startsWith(d)) {
            return true;
        }
        // The same folder reached through a symbolic link.
        try {
            Path parent = f.getParent();
            return parent != null && Files.exists(parent) && Files.exists(d) && parent.toRealPath().startsWith(d.toRealPath());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String property(Bundle bundle, String key) {
        BundleContext c = bundle.getBundleContext();
        if (c == null) {
            Bundle self = FrameworkUtil.getBundle(ThirdParty.class);
            c = self == null ? null : self.getBundleContext();
        }
        String v = c == null ? null : c.getProperty(key);
        return v != null ? v : System.getProperty(key);
    }
}
