package org.choreolab.ui.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import jakarta.inject.Named;

/** Window › Preferences…: the device for generation, the Watch view's default generators, where caches are. */
public final class PreferencesHandler {

    @Execute
    public void execute(@Named("activeShell") Shell shell) {
        new PreferencesDialog(shell).open();
    }

    static final class PreferencesDialog extends Dialog {
        private Combo device;
        private Text watch;

        PreferencesDialog(Shell parent) {
            super(parent);
        }

        @Override
        protected void configureShell(Shell shell) {
            super.configureShell(shell);
            shell.setText("Choreolab Preferences");
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite c = (Composite) super.createDialogArea(parent);
            c.setLayout(new GridLayout(2, false));
            new Label(c, SWT.NONE).setText("Device for generators:");
            device = new Combo(c, SWT.READ_ONLY);
            device.setItems("auto", "cpu", "gpu");
            device.select(Math.max(0, device.indexOf(Preferences.device())));
            new Label(c, SWT.NONE).setText("Watch view, generators ticked:");
            watch = new Text(c, SWT.BORDER);
            watch.setText(Preferences.watchGenerators());
            watch.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            new Label(c, SWT.NONE).setText("Engine natives cache:");
            Text cache = new Text(c, SWT.BORDER | SWT.READ_ONLY);
            cache.setText(System.getProperty("choreolab.cache", "~/.choreolab/cache") + "  (moves with CHOREOLAB_STATE)");
            cache.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Label note = new Label(c, SWT.WRAP);
            note.setText("auto takes a GPU when the engine sees one and says so when it falls back to the CPU.");
            note.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
            return c;
        }

        @Override
        protected void okPressed() {
            Preferences.save(device.getText(), watch.getText().trim());
            super.okPressed();
        }
    }
}
