package org.choreolab.ui.internal.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Window › Reset Perspective: replaces the perspective with a fresh copy of the one Application.e4xmi
 * defines (kept as a snippet by LifeCycle): every view back in its first place and size, closed views
 * open again. Views are created anew; the Evaluate view shows the running or last experiment again
 * (its session is the application's, not the view's).
 */
public final class ResetPerspectiveHandler {

    @Execute
    public void execute(MApplication app, MWindow window, EModelService models, EPartService parts) {
        MPerspective current = models.getActivePerspective(window);
        if (current == null) {
            return;
        }
        MUIElement clone = models.cloneSnippet(app, current.getElementId(), window);
        if (!(clone instanceof MPerspective fresh)) {
            return;
        }
        MElementContainer<MUIElement> stack = current.getParent();
        stack.getChildren().add(fresh);
        parts.switchPerspective(fresh);
        // e4's own removal: the old perspective's parts are hidden and disposed, so that no view (and no part
        // service lookup by id) still finds the old copies.
        models.removePerspectiveModel(current, window);
    }
}
