package org.choreolab.ui.internal.help;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Named;

/** Help › Documentation (F1) and its documents: the Help view, opened on one. */
public final class HelpHandler {

    public static final String DOC = "org.choreolab.ui.commandparameter.doc";

    @Execute
    public void execute(EPartService parts, @Optional @Named(DOC) String doc) {
        MPart p = parts.showPart(HelpPart.ID, EPartService.PartState.ACTIVATE);
        if (p != null && p.getObject() instanceof HelpPart help && doc != null) {
            help.show(doc);
        }
    }
}
