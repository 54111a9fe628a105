package org.choreolab.ui.internal.evaluate;

import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;

/** Asks for an outputs folder and the name its row gets (NAME=DIR, as {@code evaluate --outputs} takes it). */
public final class OutputsDialog {

    private OutputsDialog() {
    }

    public static Optional<Map.Entry<String, String>> ask(Shell shell) {
        DirectoryDialog d = new DirectoryDialog(shell);
        d.setText("A folder of generated motions (one file per sequence)");
        String dir = d.open();
        if (dir == null) {
            return Optional.empty();
        }
        String suggested = java.nio.file.Path.of(dir).getFileName() == null ? "outputs" : java.nio.file.Path.of(dir).getFileName().toString();
        IInputValidator valid = s -> s.matches("[A-Za-z0-9._-]+") ? null : "letters, digits, '.', '_' and '-' only";
        InputDialog name = new InputDialog(shell, "Name of the outputs", "The row's name in the table (e.g. the model that wrote " + dir + "):",
                suggested.replaceAll("[^A-Za-z0-9._-]", "-"), valid);
        return name.open() == Window.OK ? Optional.of(Map.entry(name.getValue(), dir)) : Optional.empty();
    }
}
