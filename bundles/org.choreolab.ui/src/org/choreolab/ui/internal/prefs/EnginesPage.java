package org.choreolab.ui.internal.prefs;

import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;

/** Engines: the device generators run on and the threads an engine may use. */
final class EnginesPage extends FieldEditorPreferencePage {

    EnginesPage() {
        super("Engines", GRID);
        setDescription("How the deep-learning engines run the generators (Evaluate and Watch views).");
    }

    @Override
    protected void createFieldEditors() {
        addField(new ComboFieldEditor(UiPrefs.DEVICE, "Device:", new String[][] {{"auto (a GPU when the engine sees one)", "auto"},
                {"CPU", "cpu"}, {"GPU", "gpu"}}, getFieldEditorParent()));
        IntegerFieldEditor threads = new IntegerFieldEditor(UiPrefs.THREADS, "Threads per engine (0: the engine's choice):", getFieldEditorParent(), 3);
        threads.setValidRange(0, 256);
        addField(threads);
        Label note = new Label(getFieldEditorParent(), SWT.WRAP);
        note.setText("'auto' takes a GPU when the engine sees one and says so when it falls back to the CPU. The thread count is kept "
                + "for the engines to read (as 'choreolab --threads' sets it for a command).");
        GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        d.widthHint = 360;
        note.setLayoutData(d);
    }
}
