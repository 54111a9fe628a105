package org.choreolab.ui.internal.evaluate;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** File › Run Experiment (Ctrl+R): runs the Evaluate view's experiment. */
public final class RunHandler {

    @CanExecute
    public boolean canExecute(@Optional EvaluationSession session) {
        return session != null && !session.running();
    }

    @Execute
    public void execute(EPartService parts) {
        EvaluatePart ep = Evaluate.show(parts);
        if (ep != null) {
            ep.run();
        }
    }
}
