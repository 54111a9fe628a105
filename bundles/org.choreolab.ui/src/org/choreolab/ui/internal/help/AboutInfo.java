package org.choreolab.ui.internal.help;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.core.ComponentRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** What Help › About says: Choreolab's version, the platform's, the engines', and every installed bundle. */
final class AboutInfo {

    /** One installed bundle. */
    record BundleRow(String name, String version, String state) {
    }

    private AboutInfo() {
    }

    static String version() {
        Bundle self = FrameworkUtil.getBundle(AboutInfo.class);
        return self == null ? "?" : self.getVersion().toString();
    }

    /** The platform the workbench runs on: e4, SWT, JFace, Equinox, Felix SCR, Java, the OS. */
    static List<String[]> platform() {
        List<String[]> out = new ArrayList<>();
        for (String[] b : new String[][] {{"Eclipse e4 workbench", "org.eclipse.e4.ui.workbench"}, {"SWT", "org.eclipse.swt"},
                {"JFace", "org.eclipse.jface"}, {"Equinox OSGi", "org.eclipse.osgi"}, {"Felix SCR", "org.apache.felix.scr"}}) {
            out.add(new String[] {b[0], bundles().stream().filter(r -> r.name().equals(b[1])).map(BundleRow::version).findFirst().orElse("not installed")});
        }
        out.add(new String[] {"Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"});
        out.add(new String[] {"System", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")});
        return out;
    }

    /** The engines installed, with their native versions (read without loading an engine). */
    static List<String[]> engines(ComponentRegistry registry) {
        List<String[]> out = new ArrayList<>();
        if (registry != null) {
            for (ModelBackend b : registry.services(ModelBackend.class)) {
                try {
                    out.add(new String[] {b.name(), b.engine() + " " + b.engineVersion()});
                } catch (RuntimeException | LinkageError e) {
                    out.add(new String[] {b.id(), "cannot describe itself: " + e.getMessage()});
                }
            }
        }
        return out;
    }

    static List<BundleRow> bundles() {
        Bundle self = FrameworkUtil.getBundle(AboutInfo.class);
        Bundle[] all = self == null || self.getBundleContext() == null ? new Bundle[0] : self.getBundleContext().getBundles();
        return Arrays.stream(all).filter(b -> b.getSymbolicName() != null).sorted(Comparator.comparing(Bundle::getSymbolicName))
                .map(b -> new BundleRow(b.getSymbolicName(), b.getVersion().toString(), state(b.getState()))).toList();
    }

    private static String state(int s) {
        return switch (s) {
            case Bundle.ACTIVE -> "active";
            case Bundle.STARTING -> "starting (lazy)";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed (not resolved)";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }

    /** Everything, as text (the dialog's Copy). */
    static String text(ComponentRegistry registry) {
        StringBuilder b = new StringBuilder("Choreolab " + version() + "\nCompose and compare music-to-dance generators.\n\nPlatform:\n");
        platform().forEach(r -> b.append("  ").append(r[0]).append(' ').append(r[1]).append('\n'));
        List<String[]> engines = engines(registry);
        b.append("\nEngines:\n");
        if (engines.isEmpty()) {
            b.append("  none installed\n");
        }
        engines.forEach(r -> b.append("  ").append(r[0]).append(": ").append(r[1]).append('\n'));
        b.append("\nBundles:\n");
        bundles().forEach(r -> b.append("  ").append(r.name()).append(' ').append(r.version()).append(" (").append(r.state()).append(")\n"));
        return b.toString();
    }
}
