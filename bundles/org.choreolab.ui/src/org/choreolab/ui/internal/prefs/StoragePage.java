package org.choreolab.ui.internal.prefs;

import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;

/** Storage: where the engines keep their extracted natives. */
final class StoragePage extends FieldEditorPreferencePage {

    StoragePage() {
        super("Storage", GRID);
        setDescription("Folders the workbench writes into.");
    }

    @Override
    protected void createFieldEditors() {
        DirectoryFieldEditor cache = new DirectoryFieldEditor(UiPrefs.CACHE_FOLDER, "Cache folder:", getFieldEditorParent());
        cache.setEmptyStringAllowed(true);
        addField(cache);
        Label now = new Label(getFieldEditorParent(), SWT.WRAP);
        now.setText("In use now: " + System.getProperty("choreolab.cache", System.getProperty("user.home") + "/.choreolab/cache")
                + "\nEmpty: the launcher's ($CHOREOLAB_STATE/cache). A new folder applies from the next start, before any engine loads; "
                + "the engines' natives are extracted into it once.");
        GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        d.widthHint = 360;
        now.setLayoutData(d);
    }
}
