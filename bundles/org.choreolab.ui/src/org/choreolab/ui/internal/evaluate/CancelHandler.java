package org.choreolab.ui.internal.evaluate;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;

/** File › Cancel Run: stops the running experiment; what was done is kept. */
public final class CancelHandler {

    @CanExecute
    public boolean canExecute(@Optional EvaluationSession session) {
        return session != null && session.running();
    }

    @Execute
    public void execute(EvaluationSession session) {
        session.cancel();
    }
}
