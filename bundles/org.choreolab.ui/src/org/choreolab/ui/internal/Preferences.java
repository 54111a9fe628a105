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
    static final String LAST_EXPERIMENT = "evaluate.lastExperiment";

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

    /** The last experiment run in the Evaluate view, if any (unreadable JSON counts as none). */
    static java.util.Optional<org.choreolab.core.Experiment> lastExperiment() {
        String json = node().get(LAST_EXPERIMENT, null);
        if (json == null) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, org.choreolab.core.Experiment.class));
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }

    static void lastExperiment(org.choreolab.core.Experiment ex) {
        try {
            IEclipsePreferences n = node();
            n.put(LAST_EXPERIMENT, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ex));
            n.flush();
        } catch (java.io.IOException | BackingStoreException e) {
            System.err.println("choreolab: the last experiment is not remembered: " + e.getMessage());
        }
    }
}
