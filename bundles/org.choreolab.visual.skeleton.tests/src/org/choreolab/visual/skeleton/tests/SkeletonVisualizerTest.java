package org.choreolab.visual.skeleton.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.testing.Fakes;
import org.choreolab.visual.skeleton.Camera;
import org.choreolab.visual.skeleton.internal.SkeletonVisualizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkeletonVisualizerTest {

    @Test
    void theCameraProjectsLikeAPinholeCamera() {
        Camera c = new Camera().orbit(0, 0).target(0, 1, 0).distance(5);
        double[] p = new double[3];
        assertTrue(c.project(0, 1, 0, 0, 0, 400, 300, p));
        assertEquals(200, p[0], 1e-9);
        assertEquals(150, p[1], 1e-9);
        assertEquals(5, p[2], 1e-9);
        // 1 m above the target at 5 m: f · 1/5 pixels higher, f = (h/2) / tan(fov/2), fov 40°
        double f = 150 / Math.tan(Math.toRadians(20));
        assertTrue(c.project(0, 2, 0, 0, 0, 400, 300, p));
        assertEquals(150 - f / 5, p[1], 1e-9);
        // the camera looks down -z from +z: +x is to the right
        assertTrue(c.project(1, 1, 0, 0, 0, 400, 300, p));
        assertEquals(200 + f / 5, p[0], 1e-9);
        assertFalse(c.project(0, 1, 10, 0, 0, 400, 300, p), "behind the camera");
    }

    @Test
    void writesAnAnimatedGifWithOnePanelPerClip(@TempDir Path tmp) throws IOException {
        MotionClip a = Fakes.clipAtHeight(0.5f, 60), b = Fakes.clipAtHeight(1f, 60);
        Path gif = tmp.resolve("two.gif");
        new SkeletonVisualizer().render(List.of(a, b), gif, Map.of("titles", "truth,model", "fps", "20"));
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            r.setInput(in);
            assertEquals(20, r.getNumImages(true), "1 s at 20 frames per second");
            assertEquals(720, r.getWidth(0));
            assertEquals(400, r.getHeight(0));
        }
    }

    @Test
    void aStillShowsTheBonesWhereTheCameraPutsThem(@TempDir Path tmp) throws IOException {
        MotionClip a = Fakes.clipAtHeight(0.9f, 10); // root at 0.9 m, tip at 1.9 m, straight up
        Path png = tmp.resolve("still.png");
        new SkeletonVisualizer().render(List.of(a), png, Map.of("yaw", "0", "pitch", "0", "width", "400", "height", "400"));
        BufferedImage img = ImageIO.read(png.toFile());
        int background = img.getRGB(5, 200) & 0xFFFFFF;
        // the bone runs up the middle of the panel from the root (at the target height, the centre)
        assertNotEquals(background, img.getRGB(200, 190) & 0xFFFFFF, "bone drawn above the root");
        assertEquals(background, img.getRGB(60, 190) & 0xFFFFFF, "nothing drawn far to the side");
    }

    @Test
    void anUnknownFormatIsNamed(@TempDir Path tmp) {
        IOException e = assertThrows(IOException.class,
                () -> new SkeletonVisualizer().render(List.of(Fakes.clipAtHeight(1, 5)), tmp.resolve("x.avi"), Map.of()));
        assertTrue(e.getMessage().contains("x.avi") && e.getMessage().contains(".gif"), e.getMessage());
    }
}
