package org.choreolab.visual.skeleton;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes side-by-side clips as an animated GIF (the JDK's own encoder), a PNG still, or an MP4
 * when ffmpeg is installed (frames piped to it as PNG; nothing else is needed for GIF or PNG).
 */
public final class Animations {

    private Animations() {
    }

    /** Renders one frame of the panels into a new image. */
    public static BufferedImage frame(SkeletonPainter painter, List<SkeletonPainter.Panel> panels, double seconds, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            painter.paint(new AwtPen(g), panels, seconds, 0, 0, width, height);
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void png(SkeletonPainter painter, List<SkeletonPainter.Panel> panels, double seconds, int width, int height, Path out)
            throws IOException {
        if (!ImageIO.write(frame(painter, panels, seconds, width, height), "png", out.toFile())) {
            throw new IOException(out + ": no PNG writer in this Java runtime");
        }
    }

    /** An animated GIF from {@code from} to {@code to} seconds at {@code fps}, looping forever. */
    public static void gif(SkeletonPainter painter, List<SkeletonPainter.Panel> panels, double from, double to, double fps, int width,
            int height, Path out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException(out + ": no GIF writer in this Java runtime");
        }
        ImageWriter w = writers.next();
        int delay = (int) Math.max(2, Math.round(100 / fps)); // hundredths of a second
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName().toString(), ".tmp");
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(tmp.toFile())) {
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            int n = Math.max(1, (int) Math.floor((to - from) * fps));
            for (int i = 0; i < n; i++) {
                BufferedImage img = frame(painter, panels, from + i / fps, width, height);
                IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode gce = child(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", "none");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", "FALSE");
                gce.setAttribute("delayTime", Integer.toString(delay));
                gce.setAttribute("transparentColorIndex", "0");
                if (i == 0) {
                    IIOMetadataNode apps = child(root, "ApplicationExtensions");
                    IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
                    app.setAttribute("applicationID", "NETSCAPE");
                    app.setAttribute("authenticationCode", "2.0");
                    app.setUserObject(new byte[] {1, 0, 0}); // loop forever
                    apps.appendChild(app);
                }
                meta.setFromTree(format, root);
                w.writeToSequence(new IIOImage(img, null, meta), null);
            }
            w.endWriteSequence();
        } finally {
            w.dispose();
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** An MP4 (H.264) through ffmpeg on the PATH; fails with a clear message when there is none. */
    public static void mp4(SkeletonPainter painter, List<SkeletonPainter.Panel> panels, double from, double to, double fps, int width,
            int height, Path out) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("ffmpeg", "-loglevel", "error", "-y", "-f", "image2pipe", "-framerate",
                String.format(Locale.ROOT, "%.3f", fps), "-i", "-", "-pix_fmt", "yuv420p", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2",
                out.toString());
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException(out + ": MP4 needs ffmpeg on the PATH, which was not found; write a .gif instead", e);
        }
        try (OutputStream in = p.getOutputStream()) {
            int n = Math.max(1, (int) Math.floor((to - from) * fps));
            for (int i = 0; i < n; i++) {
                ImageIO.write(frame(painter, panels, from + i / fps, width, height), "png", in);
            }
        }
        try {
            String log = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(out + ": ffmpeg failed: " + log.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ffmpeg wrote " + out, e);
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }
}
