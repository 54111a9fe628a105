package org.choreolab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.testing.Fakes;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The Watch view generates clips in a job, plays them in sync, steps, and exports what it shows. */
class WatchPartTest {

    private static void until(Display display, BooleanSupplier done, long seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }

    @Test
    void playsTheGroundTruthAndAGeneratorSideBySideAndExportsThem(@TempDir Path tmp) throws Exception {
        var ctx = FrameworkUtil.getBundle(WatchPartTest.class).getBundleContext();
        ServiceTracker<org.choreolab.core.ComponentRegistry, org.choreolab.core.ComponentRegistry> t =
                new ServiceTracker<>(ctx, org.choreolab.core.ComponentRegistry.class, null);
        t.open();
        t.waitForService(TimeUnit.SECONDS.toMillis(20));
        // The AIST++ reader (in the runtime through core) ships an embedded dataset too: stopped while this runs.
        boolean aistpp = org.choreolab.testing.RealReaders.stop(ctx);
        var reader = ctx.registerService(DatasetReader.class, new Fakes.Reader(), null);
        var lift = ctx.registerService(MotionGenerator.class, new Fakes.Lift(0.5f), null);
        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(900, 500);
        try {
            until(display, () -> t.getService().find(MotionGenerator.class, "lift").isPresent(), 10);
            WatchPart part = new WatchPart();
            part.create(shell);
            shell.open();
            part.choose("s1", List.of("lift"));
            Job j = part.load();
            j.join(20_000, null);
            until(display, () -> part.titles().size() == 2, 10);
            assertEquals(List.of("Ground truth", "Lift"), part.titles());

            part.setLoop(false);
            part.togglePlay();
            assertTrue(part.isPlaying());
            until(display, () -> !part.isPlaying(), 5);
            assertEquals(10 / 60.0, part.time(), 1e-9, "played to the end of the 10-frame clips and stopped");
            part.togglePlay();
            assertTrue(part.isPlaying(), "play at the end starts again from the beginning");
            part.step(1);
            assertFalse(part.isPlaying(), "stepping pauses");
            part.seek(0.1);
            part.step(-1);
            assertEquals(5 / 60.0, part.time(), 1e-9, "one frame back from frame 6");

            Path gif = tmp.resolve("watch.gif");
            part.exportTo(gif).join(60_000, null);
            assertTrue(Files.size(gif) > 0);
            try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
                ImageReader r = ImageIO.getImageReaders(in).next();
                r.setInput(in);
                assertTrue(r.getNumImages(true) > 1, "an animation");
                assertEquals(720, r.getWidth(0), "two panels of 360 pixels");
            }
            part.dispose();
        } finally {
            shell.dispose();
            lift.unregister();
            reader.unregister();
            org.choreolab.testing.RealReaders.start(ctx, aistpp);
            t.close();
        }
    }
}
