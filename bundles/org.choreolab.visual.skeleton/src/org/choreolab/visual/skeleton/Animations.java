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

    /**
     * An animated GIF from {@code from} to {@code to} seconds at {@code fps}, looping forever. Small for
     * what it shows: one palette of the picture's own colours (the most frequent ones of a few frames,
     * others mapped to the nearest; no dithering, whose noise defeats GIF's compression), and after the
     * first frame only the rectangle that changed, its unchanged pixels transparent. The file is written
     * beside {@code out} and moved over it, with the permissions a new file gets (the umask's).
     */
    public static void gif(SkeletonPainter painter, List<SkeletonPainter.Panel> panels, double from, double to, double fps, int width,
            int height, Path out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
        if (!writers.hasNext()) {
            throw new IOException(out + ": no GIF writer in this Java runtime");
        }
        ImageWriter w = writers.next();
        int delay = (int) Math.max(2, Math.round(100 / fps)); // hundredths of a second
        int n = Math.max(1, (int) Math.floor((to - from) * fps));
        Palette palette = Palette.of(painter, panels, from, fps, n, width, height);
        Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".part");
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(tmp.toFile())) {
            w.setOutput(ios);
            w.prepareWriteSequence(null);
            byte[] shown = null;
            for (int i = 0; i < n; i++) {
                byte[] now = palette.indices(frame(painter, panels, from + i / fps, width, height));
                int x0 = 0, y0 = 0, x1 = width - 1, y1 = height - 1;
                byte[] pixels = now;
                if (shown != null) {
                    // The changed rectangle; inside it, pixels equal to what is shown already become transparent.
                    x0 = width;
                    y0 = height;
                    x1 = -1;
                    y1 = -1;
                    for (int y = 0; y < height; y++) {
                        for (int x = 0; x < width; x++) {
                            if (now[y * width + x] != shown[y * width + x]) {
                                x0 = Math.min(x0, x);
                                x1 = Math.max(x1, x);
                                y0 = Math.min(y0, y);
                                y1 = Math.max(y1, y);
                            }
                        }
                    }
                    if (x1 < 0) {
                        x0 = x1 = y0 = y1 = 0;
                    }
                    pixels = new byte[(x1 - x0 + 1) * (y1 - y0 + 1)];
                    for (int y = y0, k = 0; y <= y1; y++) {
                        for (int x = x0; x <= x1; x++, k++) {
                            int at = y * width + x;
                            pixels[k] = now[at] == shown[at] ? Palette.TRANSPARENT : now[at];
                        }
                    }
                }
                shown = now;
                BufferedImage img = palette.image(pixels, x1 - x0 + 1, y1 - y0 + 1);
                IIOMetadata meta = w.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode descriptor = child(root, "ImageDescriptor");
                descriptor.setAttribute("imageLeftPosition", Integer.toString(x0));
                descriptor.setAttribute("imageTopPosition", Integer.toString(y0));
                descriptor.setAttribute("imageWidth", Integer.toString(x1 - x0 + 1));
                descriptor.setAttribute("imageHeight", Integer.toString(y1 - y0 + 1));
                descriptor.setAttribute("interlaceFlag", "FALSE");
                IIOMetadataNode gce = child(root, "GraphicControlExtension");
                gce.setAttribute("disposalMethod", "doNotDispose");
                gce.setAttribute("userInputFlag", "FALSE");
                gce.setAttribute("transparentColorFlag", i == 0 ? "FALSE" : "TRUE");
                gce.setAttribute("delayTime", Integer.toString(delay));
                gce.setAttribute("transparentColorIndex", Integer.toString(Palette.TRANSPARENT & 0xFF));
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
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            w.dispose();
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Up to 255 colours of the picture and a transparent index; colours off the palette go to the nearest. */
    private static final class Palette {
        static final byte TRANSPARENT = (byte) 255;
        private final int[] rgb;
        private final java.util.Map<Integer, Byte> index = new java.util.HashMap<>();
        private final java.awt.image.IndexColorModel model;

        private Palette(int[] rgb) {
            this.rgb = rgb;
            byte[] r = new byte[256], g = new byte[256], b = new byte[256];
            for (int i = 0; i < rgb.length; i++) {
                r[i] = (byte) (rgb[i] >> 16);
                g[i] = (byte) (rgb[i] >> 8);
                b[i] = (byte) rgb[i];
                index.put(rgb[i], (byte) i);
            }
            model = new java.awt.image.IndexColorModel(8, 256, r, g, b, TRANSPARENT & 0xFF);
        }

        /** The most frequent colours of up to 12 frames spread over the animation. */
        static Palette of(SkeletonPainter painter, List<SkeletonPainter.Panel> panels, double from, double fps, int n, int width,
                int height) {
            java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
            int samples = Math.min(n, 12);
            for (int s = 0; s < samples; s++) {
                int i = samples == 1 ? 0 : (int) ((long) s * (n - 1) / (samples - 1));
                BufferedImage img = frame(painter, panels, from + i / fps, width, height);
                for (int p : img.getRGB(0, 0, width, height, null, 0, width)) {
                    counts.merge(p & 0xFFFFFF, 1, Integer::sum);
                }
            }
            int[] top = counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(255)
                    .mapToInt(java.util.Map.Entry::getKey).toArray();
            return new Palette(top);
        }

        byte[] indices(BufferedImage img) {
            int w = img.getWidth(), h = img.getHeight();
            int[] px = img.getRGB(0, 0, w, h, null, 0, w);
            byte[] out = new byte[px.length];
            for (int k = 0; k < px.length; k++) {
                out[k] = index.computeIfAbsent(px[k] & 0xFFFFFF, this::nearest);
            }
            return out;
        }

        private byte nearest(int c) {
            int best = 0;
            long bestD = Long.MAX_VALUE;
            for (int i = 0; i < rgb.length; i++) {
                long dr = ((c >> 16) & 0xFF) - ((rgb[i] >> 16) & 0xFF), dg = ((c >> 8) & 0xFF) - ((rgb[i] >> 8) & 0xFF),
                        db = (c & 0xFF) - (rgb[i] & 0xFF);
                long d = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
                if (d < bestD) {
                    bestD = d;
                    best = i;
                }
            }
            return (byte) best;
        }

        BufferedImage image(byte[] pixels, int w, int h) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
            img.getRaster().setDataElements(0, 0, w, h, pixels);
            return img;
        }
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
