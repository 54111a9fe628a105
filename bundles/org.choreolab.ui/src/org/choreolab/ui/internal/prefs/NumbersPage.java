package org.choreolab.ui.internal.prefs;

import org.choreolab.ui.internal.Formats;
import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.util.PropertyChangeEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;

/** Numbers: how the tables write values (decimals, notation), with a preview. */
final class NumbersPage extends FieldEditorPreferencePage {

    private IntegerFieldEditor digits;
    private ComboFieldEditor notation;
    private String notationValue;
    private Label preview;

    NumbersPage() {
        super("Numbers", GRID);
        setDescription("How the Evaluate and Sequences views write values. The defaults (4, automatic) write them as the\n"
                + "command line and the exported reports do; CSV files keep full precision.");
    }

    @Override
    protected void createFieldEditors() {
        digits = new IntegerFieldEditor(UiPrefs.DIGITS, "Significant digits (fixed: decimals):", getFieldEditorParent(), 2);
        digits.setValidRange(1, 10);
        addField(digits);
        notation = new ComboFieldEditor(UiPrefs.NOTATION, "Notation:", new String[][] {
                {"automatic (scientific for values ≥ 1e6 or < 1e-3)", "auto"}, {"fixed decimals", "fixed"}, {"scientific", "scientific"}},
                getFieldEditorParent());
        addField(notation);
        preview = new Label(getFieldEditorParent(), SWT.NONE);
        preview.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        notationValue = getPreferenceStore().getString(UiPrefs.NOTATION);
    }

    @Override
    protected void initialize() {
        super.initialize();
        updatePreview();
    }

    @Override
    public void propertyChange(PropertyChangeEvent event) {
        super.propertyChange(event);
        if (event.getSource() == notation) {
            notationValue = String.valueOf(event.getNewValue());
        }
        updatePreview();
    }

    private void updatePreview() {
        if (preview == null || preview.isDisposed()) {
            return;
        }
        int d = digits.isValid() ? digits.getIntValue() : Formats.DEFAULT.digits();
        Formats f = new Formats(d, notationValue);
        preview.setText("For example: " + f.number(0.92404) + "   " + f.number(18.6777) + "   " + f.number(6836625872.9)
                + "   " + f.number(0.000123));
    }

    String preview() {
        return preview.getText();
    }
}
