package org.choreolab.ui.internal.evaluate;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Finds the Evaluate view for the handlers, opening it when it is closed. */
final class Evaluate {

    private Evaluate() {
    }

    static EvaluatePart show(EPartService parts) {
        MPart p = parts.showPart(EvaluatePart.ID, EPartService.PartState.ACTIVATE);
        return p != null && p.getObject() instanceof EvaluatePart ep ? ep : null;
    }
}
