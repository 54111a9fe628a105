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
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;

import jakarta.inject.Inject;

/**
 * The workbench's self-test, used by the product smoke test and by users reporting a problem: with
 * {@code -Dchoreolab.selftest=FILE} the workbench starts, writes what it shows (window title, the
 * Components view's rows) into FILE, and closes. Without the property it does nothing.
 *
 * <p>{@code -Dchoreolab.selftest.watch=ID} also opens the Watch view on the first test sequence with
 * generator ID beside the ground truth, plays it for a moment and reports what it shows;
 * {@code -Dchoreolab.selftest.screenshots=DIR} saves a PNG of each view (how docs/ gets its pictures),
 * after running an experiment in the Evaluate view with {@code choreolab.selftest.evaluate=ID,ID,…}.
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
            extras(app, models, display, lines -> report(target, app, models, workbench, lines));
        };
        // Let the views fill in from the registry before reading them.
        display.timerExec(1500, poll[0]);
    }

    /** The optional Watch and screenshot steps, one after the other on the UI thread, then {@code done}. */
    private static void extras(MApplication app, EModelService models, Display display, java.util.function.Consumer<List<String>> done) {
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
                MPart p = parts.showPart("org.choreolab.ui.part.evaluate", EPartService.PartState.ACTIVATE);
                EvaluatePart ep = (EvaluatePart) p.getObject();
                org.choreolab.core.Experiment ex = ep.experiment();
                ep.start(new org.choreolab.core.Experiment(ex.dataset(), ex.split(), ex.encoder(), List.of(evaluate.split(",")),
                        ex.metrics(), ex.protocol(), ex.frames(), ex.seed(), ex.device(), ex.timeoutSeconds()));
                waitUntil(display, () -> !ep.running(), 600_000, next[0]);
            });
        }
        if (!watch.isEmpty()) {
            steps.add(() -> {
                MPart p = parts.showPart("org.choreolab.ui.part.watch", EPartService.PartState.ACTIVATE);
                WatchPart wp = (WatchPart) p.getObject();
                wp.choose(null, List.of(watch), 5);
                if (wp.load() == null) {
                    System.err.println("choreolab self-test: the Watch view did not start loading: " + wp.status());
                }
                waitUntil(display, () -> wp.titles().size() >= 2 || (!wp.loading() && !wp.titles().isEmpty()), 150_000, () -> {
                    System.err.println("choreolab self-test: Watch view: " + wp.status());
                    wp.togglePlay();
                    display.timerExec(1500, () -> {
                        lines.add("watch\t" + String.join(",", wp.titles()) + "\t" + (wp.time() > 0.5) + "\t" + wp.isPlaying());
                        next[0].run();
                    });
                });
            });
        }
        if (!shots.isEmpty()) {
            for (String[] view : new String[][] {{"org.choreolab.ui.part.evaluate", "evaluate"}, {"org.choreolab.ui.part.watch", "watch"},
                    {"org.choreolab.ui.part.datasets", "datasets"}, {"org.choreolab.ui.part.components", "components"}}) {
                steps.add(() -> {
                    parts.showPart(view[0], EPartService.PartState.ACTIVATE);
                    display.timerExec(800, () -> {
                        screenshot((Shell) window.getWidget(), Path.of(shots, "workbench-" + view[1] + ".png"));
                        next[0].run();
                    });
                });
            }
        }
        next[0].run();
    }

    private static void waitUntil(Display display, java.util.function.BooleanSupplier done, long millis, Runnable then) {
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

    private static void screenshot(Shell shell, Path file) {
        org.eclipse.swt.graphics.Rectangle r = shell.getBounds();
        org.eclipse.swt.graphics.Image img = new org.eclipse.swt.graphics.Image(shell.getDisplay(), r.width, r.height);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(shell.getDisplay());
        try {
            gc.copyArea(img, r.x, r.y);
            org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] {img.getImageData()};
            Files.createDirectories(file.getParent());
            loader.save(file.toString(), org.eclipse.swt.SWT.IMAGE_PNG);
        } catch (IOException e) {
            System.err.println("choreolab: self-test cannot write " + file + ": " + e.getMessage());
        } finally {
            gc.dispose();
            img.dispose();
        }
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
