package org.choreolab.ui.internal.evaluate;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** File › Export Results… (Ctrl+E): the last run's files into a folder. */
public final class ExportHandler {

    @CanExecute
    public boolean canExecute(@Optional EvaluationSession session) {
        return session != null && session.result() != null && !session.running();
    }

    @Execute
    public void execute(EPartService parts) {
        EvaluatePart ep = Evaluate.show(parts);
        if (ep != null) {
            ep.export();
        }
    }
}
