package org.choreolab.ui.internal.evaluate;

import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/** File › Save Experiment… (Ctrl+S): the file 'choreolab evaluate --config' reads. */
public final class SaveExperimentHandler {

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, EPartService parts) {
        EvaluatePart ep = Evaluate.show(parts);
        if (ep == null) {
            return;
        }
        FileDialog fd = new FileDialog(shell, SWT.SAVE);
        fd.setText("Save the experiment");
        fd.setFilterExtensions(new String[] {"*.json"});
        fd.setFileName("experiment.json");
        fd.setOverwrite(true);
        ExperimentFiles.recent().stream().findFirst().map(Path::getParent).ifPresent(d -> fd.setFilterPath(d.toString()));
        String f = fd.open();
        if (f != null) {
            ep.saveExperiment(Path.of(f));
        }
    }
}
