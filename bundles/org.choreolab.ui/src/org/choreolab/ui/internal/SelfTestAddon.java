package org.choreolab.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;

import jakarta.inject.Inject;

/**
 * The workbench's self-test, used by the product smoke test and by users reporting a problem: with
 * {@code -Dchoreolab.selftest=FILE} the workbench starts, writes what it shows (window title, the
 * Components view's rows) into FILE, and closes. Without the property it does nothing.
 */
public final class SelfTestAddon {

    public static final String PROPERTY = "choreolab.selftest";

    @Inject
    @Optional
    public void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication app,
            EModelService models, IWorkbench workbench) {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        Display display = Display.getCurrent();
        // With choreolab.selftest.waitfor=ID, wait (up to 60 s) until the Components view shows that
        // component: the smoke test drops a model bundle into a running workbench this way.
        String waitFor = System.getProperty(PROPERTY + ".waitfor", "");
        long deadline = System.currentTimeMillis() + 60_000;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            boolean shown = waitFor.isEmpty() || models.findElements(app, null, MPart.class).stream()
                    .map(MPart::getObject).filter(ComponentsPart.class::isInstance).map(ComponentsPart.class::cast)
                    .anyMatch(cp -> cp.rows().stream().anyMatch(r -> r[1].equals(waitFor)));
            if (!shown && System.currentTimeMillis() < deadline) {
                display.timerExec(500, poll[0]);
                return;
            }
            report(target, app, models, workbench);
        };
        // Let the views fill in from the registry before reading them.
        display.timerExec(1500, poll[0]);
    }

    private static void report(String target, MApplication app, EModelService models, IWorkbench workbench) {
        List<String> lines = new ArrayList<>();
        for (MWindow w : app.getChildren()) {
            Object widget = w.getWidget();
            String title = widget instanceof Shell s && !s.isDisposed() ? s.getText() : w.getLabel();
            lines.add("window\t" + title + "\t" + (widget instanceof Shell s && s.isVisible()));
        }
        for (MPart p : models.findElements(app, null, MPart.class)) {
            lines.add("part\t" + p.getElementId() + "\t" + p.getLabel());
            if (p.getObject() instanceof ComponentsPart cp) {
                cp.refresh();
                for (String[] row : cp.rows()) {
                    lines.add("component\t" + String.join("\t", row));
                }
            }
        }
        try {
            Files.write(Path.of(target), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("choreolab: self-test cannot write " + target + ": " + e.getMessage());
        }
        workbench.close();
    }
}
