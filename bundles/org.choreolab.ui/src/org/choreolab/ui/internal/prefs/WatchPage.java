package org.choreolab.ui.internal.prefs;

import java.util.List;

import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;

/** The Watch view's defaults: generators ticked, length, loop, speed, camera. */
final class WatchPage extends FieldEditorPreferencePage {

    private final List<String> installed;

    WatchPage(List<String> installedGenerators) {
        super("Watch view", GRID);
        installed = installedGenerators;
        setDescription("What the Watch view starts with (its own choices are then kept with the view).");
    }

    @Override
    protected void createFieldEditors() {
        addField(new StringFieldEditor(UiPrefs.WATCH_GENERATORS, "Generators ticked (ids, comma-separated):", getFieldEditorParent()));
        if (!installed.isEmpty()) {
            Label ids = new Label(getFieldEditorParent(), SWT.WRAP);
            ids.setText("Installed: " + String.join(", ", installed));
            GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
            d.widthHint = 360;
            ids.setLayoutData(d);
        }
        addField(new ComboFieldEditor(UiPrefs.WATCH_SECONDS, "Length:", new String[][] {{"first 5 s", "5"}, {"first 10 s", "10"},
                {"first 30 s", "30"}, {"whole sequence", "0"}}, getFieldEditorParent()));
        addField(new BooleanFieldEditor(UiPrefs.WATCH_LOOP, "Loop", getFieldEditorParent()));
        addField(new ComboFieldEditor(UiPrefs.WATCH_SPEED, "Speed:", new String[][] {{"0.25×", "0.25"}, {"0.5×", "0.5"}, {"1×", "1"},
                {"2×", "2"}}, getFieldEditorParent()));
        addField(new ComboFieldEditor(UiPrefs.WATCH_CAMERA, "Camera:", new String[][] {{"follows each dancer", "follow"},
                {"frames the whole dance", "frame"}}, getFieldEditorParent()));
    }
}
