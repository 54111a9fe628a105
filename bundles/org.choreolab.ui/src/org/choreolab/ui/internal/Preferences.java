package org.choreolab.ui.internal;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The workbench's preferences, kept in the workspace (Eclipse instance scope, node
 * {@code org.choreolab.ui}): the device generators run on, and what the Watch view ticks by default.
 */
final class Preferences {

    static final String DEVICE = "device";
    static final String WATCH_GENERATORS = "watch.generators";

    private Preferences() {
    }

    private static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode("org.choreolab.ui");
    }

    static String device() {
        return node().get(DEVICE, "auto");
    }

    static String watchGenerators() {
        return node().get(WATCH_GENERATORS, "fact-pytorch");
    }

    static void save(String device, String watchGenerators) {
        IEclipsePreferences n = node();
        n.put(DEVICE, device);
        n.put(WATCH_GENERATORS, watchGenerators);
        try {
            n.flush();
        } catch (BackingStoreException e) {
            System.err.println("choreolab: preferences not saved: " + e.getMessage());
        }
    }
}
