package org.choreolab.ui.internal.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Named;

/** Window › Show View › …: opens a view where it was (or where the perspective puts it) and brings it to the front. */
public final class ShowViewHandler {

    public static final String VIEW = "org.choreolab.ui.commandparameter.viewId";

    @Execute
    public void execute(EPartService parts, @Named(VIEW) String viewId) {
        parts.showPart(viewId, EPartService.PartState.ACTIVATE);
    }
}
