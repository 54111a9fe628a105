package org.choreolab.ui.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.choreolab.core.Experiment;
import org.choreolab.ui.internal.evaluate.EvaluationSession;
import org.choreolab.ui.internal.watch.Player;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;

import jakarta.inject.Inject;

/**
 * The workbench's self-test, used by the product smoke test and by users reporting a problem: with
 * {@code -Dchoreolab.selftest=FILE} the workbench starts, writes what it shows (window title, views,
 * the Components view's rows) into FILE, and closes. Without the property it does nothing.
 *
 * <p>It drives the workbench as a user would, through the application's services and commands:
 * {@code .evaluate=ID,…} runs those generators in the Evaluate session; {@code .watch=ID} executes Watch
 * Sequence on the first sequence with ID beside the ground truth, plays it for a moment and reports the
 * view's {@link Player}; {@code .screenshots=DIR} saves a PNG of each view ({@code workbench-<view>.png});
 * {@code .waitfor=ID} first waits (up to 60 s) until the Components view lists ID.
 */
public final class SelfTestAddon {

    public static final String PROPERTY = "choreolab.selftest";
    static final String[][] VIEWS = {{"org.choreolab.ui.part.evaluate", "evaluate"}, {"org.choreolab.ui.part.watch", "watch"},
            {"org.choreolab.ui.part.sequences", "sequences"}, {"org.choreolab.ui.part.datasets", "datasets"},
            {"org.choreolab.ui.part.components", "components"}, {"org.choreolab.ui.part.help", "help"}};

    @Inject
    @Optional
    public void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication app,
            EModelService models, IWorkbench workbench) {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isBlank()) {
            return;
        }
        Display display = Display.getCurrent();
        // The Components view shares a stack with Evaluate and is not rendered until shown: create it, so
        // the report can read what it lists.
        app.getChildren().get(0).getContext().get(EPartService.class).showPart("org.choreolab.ui.part.components",
                EPartService.PartState.CREATE);
        String waitFor = System.getProperty(PROPERTY + ".waitfor", "");
        // Let the views fill in from the registry before reading them.
        display.timerExec(1500, () -> waitUntil(display, () -> waitFor.isEmpty() || components(app, models).stream()
                .anyMatch(cp -> cp.rows().stream().anyMatch(r -> r[1].equals(waitFor))), 60_000,
                () -> extras(app, display, lines -> report(target, app, models, workbench, lines))));
    }

    private static List<ComponentsPart> components(MApplication app, EModelService models) {
        return models.findElements(app, null, MPart.class).stream().map(MPart::getObject).filter(ComponentsPart.class::isInstance)
                .map(ComponentsPart.class::cast).toList();
    }

    /** The optional steps, one after the other on the UI thread, then {@code done}. */
    private static void extras(MApplication app, Display display, Consumer<List<String>> done) {
        List<String> lines = new ArrayList<>();
        String watch = System.getProperty(PROPERTY + ".watch", "");
        String shots = System.getProperty(PROPERTY + ".screenshots", "");
        String evaluate = System.getProperty(PROPERTY + ".evaluate", "");
        MWindow window = app.getChildren().get(0);
        EPartService parts = window.getContext().get(EPartService.class);
        List<Runnable> steps = new ArrayList<>();
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            if (steps.isEmpty()) {
                done.accept(lines);
            } else {
                steps.remove(0).run();
            }
        };
        if (!evaluate.isEmpty()) {
            steps.add(() -> {
                parts.showPart("org.choreolab.ui.part.evaluate", EPartService.PartState.ACTIVATE);
                EvaluationSession session = app.getContext().get(EvaluationSession.class);
                session.start(Experiment.defaults().withGenerators(List.of(evaluate.split(","))));
                waitUntil(display, () -> !session.running(), 600_000, () -> {
                    lines.add("evaluate\t" + session.rows().size() + "\t" + session.status());
                    next[0].run();
                });
            });
        }
        if (!watch.isEmpty()) {
            steps.add(() -> {
                command(window, "org.choreolab.ui.command.watchSequence",
                        Map.of("org.choreolab.ui.commandparameter.generators", watch, "org.choreolab.ui.commandparameter.seconds", "5"));
                Player player = parts.findPart("org.choreolab.ui.part.watch").getContext().get(Player.class);
                waitUntil(display, () -> player.scene().titles().size() >= 2 || (!player.loading() && !player.scene().titles().isEmpty()),
                        150_000, () -> {
                            player.toggle();
                            display.timerExec(1500, () -> {
                                lines.add("watch\t" + String.join(",", player.scene().titles()) + "\t" + (player.time() > 0.5) + "\t"
                                        + player.playing());
                                next[0].run();
                            });
                        });
            });
        }
        if (!shots.isEmpty()) {
            for (String[] view : VIEWS) {
                steps.add(() -> {
                    parts.showPart(view[0], EPartService.PartState.ACTIVATE);
                    display.timerExec(800, () -> {
                        Screenshots.write((Shell) window.getWidget(), Path.of(shots, "workbench-" + view[1] + ".png"));
                        next[0].run();
                    });
                });
            }
        }
        next[0].run();
    }

    /** Executes a command of the model with parameters, as a menu item would. */
    static Object command(MWindow window, String id, Map<String, Object> parameters) {
        ECommandService commands = window.getContext().get(ECommandService.class);
        EHandlerService handlers = window.getContext().get(EHandlerService.class);
        return handlers.executeHandler(commands.createCommand(id, parameters));
    }

    static void waitUntil(Display display, BooleanSupplier done, long millis, Runnable then) {
        long end = System.currentTimeMillis() + millis;
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            if (done.getAsBoolean() || System.currentTimeMillis() > end) {
                then.run();
            } else {
                display.timerExec(250, poll[0]);
            }
        };
        poll[0].run();
    }

    private static void report(String target, MApplication app, EModelService models, IWorkbench workbench, List<String> extra) {
        List<String> lines = new ArrayList<>(extra);
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
