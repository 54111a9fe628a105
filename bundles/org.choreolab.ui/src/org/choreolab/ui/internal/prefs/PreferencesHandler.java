package org.choreolab.ui.internal.prefs;

import java.util.List;

import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.ComponentRegistry;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/**
 * Window › Preferences…: JFace preference pages in a {@link PreferenceDialog} (the e4 way, without the
 * 3.x workbench): Engines (device, threads), Storage (cache folder), Watch view (its defaults), Numbers.
 */
public final class PreferencesHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional @Service ComponentRegistry registry) {
        dialog(shell, registry == null ? List.of() : registry.services(MotionGenerator.class).stream().map(MotionGenerator::id).toList()).open();
    }

    /** The dialog, with a page per subject over the workbench's preferences. */
    static PreferenceDialog dialog(Shell shell, List<String> generators) {
        NodeStore store = new NodeStore();
        PreferenceManager pages = new PreferenceManager();
        add(pages, store, "engines", new EnginesPage());
        add(pages, store, "storage", new StoragePage());
        add(pages, store, "watch", new WatchPage(generators));
        add(pages, store, "numbers", new NumbersPage());
        PreferenceDialog d = new PreferenceDialog(shell, pages) {
            @Override
            protected void configureShell(Shell s) {
                super.configureShell(s);
                s.setText("Choreolab Preferences");
            }
        };
        d.setPreferenceStore(store);
        return d;
    }

    private static void add(PreferenceManager pages, NodeStore store, String id, PreferencePage page) {
        page.setPreferenceStore(store);
        pages.addToRoot(new PreferenceNode(id, page));
    }
}
