package org.choreolab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.Experiment;
import org.choreolab.core.ResultRow;
import org.choreolab.ui.internal.evaluate.EvaluationSession;
import org.choreolab.ui.internal.watch.Player;
import org.choreolab.ui.internal.watch.WatchAccess;
import org.choreolab.ui.internal.watch.WatchPart;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole workbench, as the product starts it, on the embedded sample with the baselines: at
 * 1024×768 and 1920×1080 every view fits its window (screenshots of each, the docs' pictures among
 * them), and what the user left — window size, layout, closed views, the last run and its results —
 * comes back on the next start; Reset Perspective and Show View undo the layout changes.
 */
class WorkbenchTest {

    static final List<String> GENERATORS = List.of("nearest-music", "random-clip");
    static final String MAIN_STACK = "org.choreolab.ui.stack.main";

    @BeforeAll
    static void realComponents() throws Exception {
        TestContexts.core();
        TestBundles.real();
    }

    private static Path repository() {
        return Path.of(System.getProperty("choreolab.repository", "."));
    }

    @Test
    void restoresWhatWasLeftAndFitsSmallAndLargeWindows() throws Exception {
        WorkbenchRun.forgetState();
        Path shots = repository().resolve("bundles/org.choreolab.ui.tests/target/screenshots");
        WorkbenchRun.launch((wb, app, window) -> {
            Shell shell = (Shell) window.getWidget();
            shell.setBounds(0, 0, 1024, 768);
            WorkbenchRun.settle(500);
            EvaluationSession session = app.getContext().get(EvaluationSession.class);
            WorkbenchRun.until(() -> TestContexts.core().find(MotionGenerator.class, "nearest-music").isPresent(), 60, "the baselines start");
            assertNotNull(session.start(Experiment.defaults().withGenerators(GENERATORS)), "the run starts");
            WorkbenchRun.until(() -> !session.running(), 600, "the run ends");
            assertEquals(3, session.rows().size(), "the ground truth and two baselines: " + session.status());
            watch(window, "nearest-music");
            views(window, app, shots.resolve("1024x768"), docs(1024));
            // What the user leaves: Watch in front, a wider side, the Datasets view closed.
            EModelService models = app.getContext().get(EModelService.class);
            EPartService parts = window.getContext().get(EPartService.class);
            parts.hidePart(parts.findPart("org.choreolab.ui.part.datasets"));
            parts.showPart("org.choreolab.ui.part.watch", EPartService.PartState.ACTIVATE);
            models.find(MAIN_STACK, window).setContainerData("60");
            models.find("org.choreolab.ui.stack.side", window).setContainerData("40");
            WorkbenchRun.settle(300);
        });

        WorkbenchRun.launch((wb, app, window) -> {
            Shell shell = (Shell) window.getWidget();
            EModelService models = app.getContext().get(EModelService.class);
            EPartService parts = window.getContext().get(EPartService.class);
            assertEquals(new Rectangle(0, 0, 1024, 768).width, shell.getSize().x, "the window's width comes back");
            assertEquals(768, shell.getSize().y, "and its height");
            MPartStack main = (MPartStack) models.find(MAIN_STACK, window);
            assertEquals("org.choreolab.ui.part.watch", main.getSelectedElement().getElementId(), "the view in front comes back");
            assertEquals("60", main.getContainerData(), "the layout comes back");
            assertFalse(parts.findPart("org.choreolab.ui.part.datasets").isToBeRendered(), "a closed view stays closed");
            EvaluationSession session = app.getContext().get(EvaluationSession.class);
            WorkbenchRun.until(() -> session.result() != null, 60, () -> "the last run is read back: " + session.status());
            assertEquals(GENERATORS, session.experiment().generators(), "the last experiment comes back");
            assertEquals(List.of("ground_truth", "nearest-music", "random-clip"), session.rows().stream().map(ResultRow::id).sorted().toList(),
                    "with its results");
            assertTrue(session.status().startsWith("The last run, as kept in the workspace"), session.status());

            SelfTestAddon.command(window, "org.choreolab.ui.command.showView", Map.of("org.choreolab.ui.commandparameter.viewId",
                    "org.choreolab.ui.part.datasets"));
            assertTrue(parts.findPart("org.choreolab.ui.part.datasets").isToBeRendered() && parts.isPartVisible(
                    parts.findPart("org.choreolab.ui.part.datasets")), "Window › Show View › Datasets opens it again");
            SelfTestAddon.command(window, "org.choreolab.ui.command.resetPerspective", Map.of());
            WorkbenchRun.settle(500);
            MUIElement freshMain = models.find(MAIN_STACK, window);
            assertEquals("74", freshMain.getContainerData(), "Reset Perspective: the first layout");
            assertEquals("org.choreolab.ui.part.evaluate", ((MPartStack) freshMain).getSelectedElement().getElementId(), "Evaluate in front");

            Rectangle screen = Display.getCurrent().getPrimaryMonitor().getBounds();
            if (screen.width >= 1920 && screen.height >= 1080) {
                shell.setBounds(0, 0, 1920, 1080);
                WorkbenchRun.settle(500);
                watch(window, "nearest-music");
                views(window, app, shots.resolve("1920x1080"), docs(1920));
            } else {
                System.err.println("WorkbenchTest: the display is " + screen.width + "×" + screen.height
                        + ", too small for the 1920×1080 pictures (./mvnw's Xvfb screen is 1920×1200)");
            }
        });
    }

    /** docs/ gets the pictures of one size (the README's). */
    private static Path docs(int width) {
        return width == 1024 ? repository().resolve("docs") : null;
    }

    /** The Watch view on the first sequence with {@code generator} beside the ground truth, a moment played. */
    private static void watch(MWindow window, String generator) {
        SelfTestAddon.command(window, "org.choreolab.ui.command.watchSequence", Map.of("org.choreolab.ui.commandparameter.generators", generator));
        MPart part = window.getContext().get(EPartService.class).findPart("org.choreolab.ui.part.watch");
        Player player = part.getContext().get(Player.class);
        WorkbenchRun.until(() -> player.scene().titles().size() == 2, 300, () -> "the Watch view shows the ground truth and " + generator
                + " (shows " + player.scene().titles() + ", failed: " + player.scene().errors() + ", loading: " + player.loading()
                + ", status: " + (part.getObject() instanceof WatchPart w ? WatchAccess.status(w) : part.getObject()) + ")");
        player.toggle();
        WorkbenchRun.settle(1300);
        player.toggle();
        assertFalse(player.playing());
        assertTrue(player.time() > 0.5, "it played");
    }

    /** Each view in front, checked to fit its area, and its picture taken. */
    private static void views(MWindow window, MApplication app, Path dir, Path docs) throws Exception {
        Shell shell = (Shell) window.getWidget();
        for (String[] v : SelfTestAddon.VIEWS) {
            MPart p = window.getContext().get(EPartService.class).showPart(v[0], EPartService.PartState.ACTIVATE);
            WorkbenchRun.settle(700);
            assertEquals(List.of(), Fits.problems((Composite) p.getWidget()),
                    v[1] + " view at " + shell.getSize().x + "×" + shell.getSize().y + ": nothing clipped or squeezed");
            Screenshots.write(shell, dir.resolve("workbench-" + v[1] + ".png"));
            assertTrue(Files.size(dir.resolve("workbench-" + v[1] + ".png")) > 10_000, "a picture of the " + v[1] + " view");
            if (docs != null) {
                Files.createDirectories(docs);
                Files.copy(dir.resolve("workbench-" + v[1] + ".png"), docs.resolve("workbench-" + v[1] + ".png"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        window.getContext().get(EPartService.class).showPart("org.choreolab.ui.part.evaluate", EPartService.PartState.ACTIVATE);
        assertNotNull(app);
    }
}
