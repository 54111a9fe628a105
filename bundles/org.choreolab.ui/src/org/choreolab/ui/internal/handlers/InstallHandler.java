package org.choreolab.ui.internal.handlers;

import java.io.IOException;
import java.nio.file.Path;

import org.choreolab.core.ModelBundles;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

import jakarta.inject.Named;

/**
 * File › Install Model Bundle…: validates the chosen jar and copies it into dropins/, where the
 * running workbench picks it up (the Components view shows its generator a moment later).
 */
public final class InstallHandler {

    @Execute
    public void execute(@Named("activeShell") Shell shell) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Install a model bundle");
        dialog.setFilterExtensions(new String[] {"*.jar"});
        String file = dialog.open();
        if (file == null) {
            return;
        }
        try {
            var accepted = ModelBundles.install(FrameworkUtil.getBundle(InstallHandler.class).getBundleContext(), Path.of(file));
            MessageDialog.openInformation(shell, "Model bundle installed", accepted.symbolicName() + " " + accepted.version()
                    + "\n\nGenerators: " + String.join(", ", accepted.generators())
                    + "\n\nIt stays installed across restarts (" + accepted.file() + ").");
        } catch (IOException e) {
            MessageDialog.openError(shell, "Model bundle refused", e.getMessage());
        }
    }
}
