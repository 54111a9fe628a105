package org.choreolab.ui.internal.watch;

import static org.choreolab.ui.internal.PartShell.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.testing.Fakes;
import org.choreolab.ui.internal.Fits;
import org.choreolab.ui.internal.PartShell;
import org.choreolab.ui.internal.TestContexts;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Watch view generates clips in a job, plays them in sync, steps, and exports what it shows. */
class WatchPartTest {

    private PartShell ui;
    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        ui = PartShell.withFakes(tmp.resolve("last-run"), service(DatasetReader.class, new Fakes.Reader()),
                service(MotionGenerator.class, new Fakes.Lift(0.5f)), service(MotionGenerator.class, new Fakes.Hanging())).size(900, 500);
        TestContexts.until(ui.display, () -> ui.registry.find(MotionGenerator.class, "lift").isPresent(), 10);
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    /** Shows {@code part} and starts generating the first 5 s of s1 beside the ground truth. */
    private Job load(WatchPart part, String... generators) {
        ui.shell.open();
        part.choose("s1", List.of(generators), 5);
        return part.load();
    }

    @Test
    void playsTheGroundTruthAndAGeneratorSideBySideAndExportsThem() throws Exception {
        WatchPart part = ui.make(WatchPart.class);
        Job j = load(part, "lift");
        j.join(20_000, null);
        TestContexts.until(ui.display, () -> part.player.scene().titles().size() == 2, 10);
        assertEquals(List.of("Ground truth", "Lift"), part.player.scene().titles());

        part.player.loop(false);
        part.player.toggle();
        assertTrue(part.player.playing());
        TestContexts.until(ui.display, () -> !part.player.playing(), 5);
        assertEquals(10 / 60.0, part.player.time(), 1e-9, "played to the end of the 10-frame clips and stopped");
        part.player.toggle();
        assertTrue(part.player.playing(), "play at the end starts again from the beginning");
        part.player.step(1);
        assertFalse(part.player.playing(), "stepping pauses");
        part.player.seek(0.1);
        part.player.step(-1);
        assertEquals(5 / 60.0, part.player.time(), 1e-9, "one frame back from frame 6");

        Path gif = tmp.resolve("watch.gif");
        part.exportTo(gif).join(60_000, null);
        assertTrue(Files.size(gif) > 0);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            assertTrue(r.getNumImages(true) > 1, "an animation");
            assertEquals(720, r.getWidth(0), "two panels of 360 pixels");
        }
    }

    @Test
    void takesAnyDatasetAndStartsWithTheFirstFiveSeconds() {
        WatchPart part = ui.make(WatchPart.class);
        TestContexts.until(ui.display, () -> part.form.sequences().size() == 3, 10);
        assertEquals(List.of("s1", "s2", "s3"), part.form.sequences(), "the test split of the dataset the view reads (here the fake reader's)");
        assertEquals(5, part.form.seconds(), "the first 5 s, as the documentation says");
        assertEquals(List.of(), Fits.problems(ui.shell), "the view fits its window");
    }

    @Test
    void generatingShowsProgressAndCanBeCancelled() throws Exception {
        WatchPart part = ui.make(WatchPart.class);
        Job j = load(part, "hanging");
        assertNotNull(j);
        assertTrue(TestContexts.until(ui.display, () -> part.status().startsWith("Generating 1 of 1: hanging"), 10), part.status());
        assertTrue(part.form.busy(), "Generate is off, Cancel and the progress bar are on while generating");
        part.cancel();
        assertTrue(TestContexts.until(ui.display, () -> !part.loading(), 20), "cancelling stops the generator");
        TestContexts.drain(ui.display);
        assertEquals("Cancelled.", part.status());
        assertFalse(part.form.busy());
    }

    @Test
    void theTimelineSaysWhichBeatsAreWhich() {
        WatchPart part = ui.make(WatchPart.class);
        load(part);
        TestContexts.until(ui.display, () -> part.player.scene().titles().size() == 1, 10);
        TestContexts.drain(ui.display);
        var canvas = part.timeline.control();
        var size = canvas.getSize();
        Image img = new Image(ui.display, size.x, size.y);
        GC gc = new GC(canvas);
        try {
            gc.copyArea(img, 0, 0);
            ImageData data = img.getImageData();
            assertTrue(has(data, Timeline.MUSIC), "a legend swatch in the music beats' colour");
            assertTrue(has(data, Timeline.MOTION), "a legend swatch in the motion beats' colour");
        } finally {
            gc.dispose();
            img.dispose();
        }
    }

    private static boolean has(ImageData d, int rgb) {
        RGB want = new RGB((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255);
        int n = 0;
        for (int y = 0; y < d.height; y++) {
            for (int x = 0; x < d.width; x++) {
                if (d.palette.getRGB(d.getPixel(x, y)).equals(want)) {
                    n++;
                }
            }
        }
        return n >= 40; // a 9 × 9 swatch, not a stray pixel
    }
}
