package org.choreolab.ui.internal.evaluate;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/** File › Open Experiment… (Ctrl+O), and File › Open Recent › FILE (the command's file parameter). */
public final class OpenExperimentHandler {

    public static final String FILE = "org.choreolab.ui.commandparameter.file";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, EPartService parts, @Optional @Named(FILE) String file) {
        String f = file;
        if (f == null || f.isBlank()) {
            FileDialog fd = new FileDialog(shell, SWT.OPEN);
            fd.setText("Open an experiment file");
            fd.setFilterExtensions(new String[] {"*.json", "*"});
            ExperimentFiles.recent().stream().findFirst().map(Path::getParent).ifPresent(d -> fd.setFilterPath(d.toString()));
            f = fd.open();
        }
        EvaluatePart ep = Evaluate.show(parts);
        if (f != null && ep != null) {
            ep.openExperiment(Path.of(f));
        }
    }
}
