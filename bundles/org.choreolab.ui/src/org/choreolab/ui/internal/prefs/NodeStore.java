package org.choreolab.ui.internal.prefs;

import java.io.IOException;

import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.jface.preference.PreferenceStore;
import org.osgi.service.prefs.BackingStoreException;

/**
 * JFace's preference store over the workbench's Eclipse preferences (instance scope, defaults from the
 * default scope): what the preference pages' field editors read and write, without the 3.x workbench's
 * ScopedPreferenceStore. Saving writes the values into the instance node, where the parts' injected
 * {@code @Preference} fields pick them up at once.
 */
final class NodeStore extends PreferenceStore {

    private final IEclipsePreferences node;

    NodeStore() {
        node = UiPrefs.node();
        IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(UiPrefs.NODE);
        try {
            for (String k : defaults.keys()) {
                setDefault(k, defaults.get(k, ""));
            }
            for (String k : node.keys()) {
                putValue(k, node.get(k, ""));
            }
        } catch (BackingStoreException e) {
            throw new IllegalStateException("the workbench's preferences cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void save() throws IOException {
        for (String k : preferenceNames()) {
            if (isDefault(k)) {
                node.remove(k);
            } else {
                node.put(k, getString(k));
            }
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            throw new IOException("the workbench's preferences cannot be saved: " + e.getMessage(), e);
        }
    }
}
