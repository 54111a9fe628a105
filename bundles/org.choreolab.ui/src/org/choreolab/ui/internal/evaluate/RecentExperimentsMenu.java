package org.choreolab.ui.internal.evaluate;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.ui.di.AboutToShow;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MParameter;
import org.eclipse.e4.ui.model.application.ui.menu.MDirectMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem;
import org.eclipse.e4.ui.model.application.ui.menu.MMenuElement;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

/** File › Open Recent: the experiment files opened or saved lately, each opening through the Open Experiment command. */
public final class RecentExperimentsMenu {

    static final String COMMAND = "org.choreolab.ui.command.openExperiment";

    @AboutToShow
    public void aboutToShow(List<MMenuElement> items, MApplication app, EModelService models) {
        List<Path> recent = ExperimentFiles.recent();
        MCommand open = app.getCommands().stream().filter(c -> COMMAND.equals(c.getElementId())).findFirst().orElse(null);
        if (recent.isEmpty() || open == null) {
            MDirectMenuItem none = models.createModelElement(MDirectMenuItem.class);
            none.setLabel("(no experiment files yet)");
            none.setEnabled(false);
            none.setContributionURI("bundleclass://org.choreolab.ui/" + RecentExperimentsMenu.class.getName());
            items.add(none);
            return;
        }
        int n = 1;
        for (Path f : recent) {
            MHandledMenuItem item = models.createModelElement(MHandledMenuItem.class);
            item.setLabel("&" + n++ + " " + f.getFileName() + "  (" + f.getParent() + ")");
            item.setTooltip(f.toString());
            item.setCommand(open);
            MParameter p = models.createModelElement(MParameter.class);
            p.setName(OpenExperimentHandler.FILE);
            p.setValue(f.toString());
            item.getParameters().add(p);
            items.add(item);
        }
    }
}
