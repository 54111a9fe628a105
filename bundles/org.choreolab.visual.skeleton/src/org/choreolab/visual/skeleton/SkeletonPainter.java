package org.choreolab.visual.skeleton;

import java.util.List;
import java.util.Locale;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;

/**
 * Paints clips side by side at one instant: per panel a floor grid, the trails of the hands and
 * feet, the bones (left side warm, right side cool), a title, and a flash when a music beat falls on
 * the frame. Clips play in sync by time, so clips at different frame rates stay aligned.
 */
public final class SkeletonPainter {

    /** One panel: a clip, its title, the colour of its bones and the camera looking at it. */
    public record Panel(MotionClip clip, String title, int color, Camera camera) {
    }

    private static final int BACKGROUND = 0x1E2127, GRID = 0x3A3F4B, TEXT = 0xDCDFE4, LEFT = 0xE5C07B, RIGHT = 0x61AFEF,
            BEAT = 0xE06C75;

    private int trailFrames = 30;
    private boolean grid = true;
    private int[] musicBeatFrames = new int[0];
    private double beatFps = 60;
    private final double[] a = new double[3], b = new double[3];

    public SkeletonPainter trail(int frames) {
        trailFrames = Math.max(0, frames);
        return this;
    }

    public SkeletonPainter grid(boolean on) {
        grid = on;
        return this;
    }

    /** Music beats as frame numbers at {@code fps}; the panels flash on them. */
    public SkeletonPainter beats(int[] frames, double fps) {
        musicBeatFrames = frames == null ? new int[0] : frames.clone();
        beatFps = fps;
        return this;
    }

    /** A camera aimed at the middle of the clip's path, far enough to see the whole dance. */
    public static Camera cameraFor(MotionClip clip) {
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minZ = Double.MAX_VALUE, maxZ = -Double.MAX_VALUE;
        for (int f = 0; f < clip.frameCount(); f++) {
            double x = clip.position(f, 0, 0), z = clip.position(f, 0, 2);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minZ = Math.min(minZ, z);
            maxZ = Math.max(maxZ, z);
        }
        double extent = Math.max(maxX - minX, maxZ - minZ);
        return new Camera().target((minX + maxX) / 2, 0.9, (minZ + maxZ) / 2).distance(4.5 + 1.2 * extent);
    }

    /** Paints every panel at time {@code seconds} into the rectangle {@code (x, y, w, h)}. */
    public void paint(Pen pen, List<Panel> panels, double seconds, double x, double y, double w, double h) {
        pen.color(BACKGROUND);
        pen.fillRect(x, y, w, h);
        if (panels.isEmpty()) {
            return;
        }
        double pw = w / panels.size();
        boolean onBeat = onBeat(seconds);
        for (int i = 0; i < panels.size(); i++) {
            double px = x + i * pw;
            pen.clip(new double[] {px, y, pw, h});
            paintPanel(pen, panels.get(i), seconds, px, y, pw, h, onBeat);
            pen.clip(null);
            if (i > 0) {
                pen.color(GRID);
                pen.width(1);
                pen.line(px, y, px, y + h);
            }
        }
    }

    private boolean onBeat(double seconds) {
        for (int f : musicBeatFrames) {
            double t = f / beatFps;
            if (seconds >= t && seconds < t + 0.1) {
                return true;
            }
        }
        return false;
    }

    private void paintPanel(Pen pen, Panel p, double seconds, double x, double y, double w, double h, boolean onBeat) {
        MotionClip c = p.clip();
        Camera cam = p.camera();
        int frame = (int) Math.min(c.frameCount() - 1, Math.max(0, Math.round(seconds * c.fps())));
        if (grid) {
            pen.color(GRID);
            pen.width(1);
            // a 5 m square of 0.5 m cells around where the dancer is
            double cx = Math.round(c.position(frame, 0, 0) * 2) / 2.0, cz = Math.round(c.position(frame, 0, 2) * 2) / 2.0;
            for (int k = -5; k <= 5; k++) {
                segment(pen, cam, cx + k * 0.5, 0, cz - 2.5, cx + k * 0.5, 0, cz + 2.5, x, y, w, h);
                segment(pen, cam, cx - 2.5, 0, cz + k * 0.5, cx + 2.5, 0, cz + k * 0.5, x, y, w, h);
            }
        }
        Skeleton s = c.skeleton();
        int[] parents = s.parents();
        // trails of the hands and feet (the last joints of each limb chain): where the dance has been
        if (trailFrames > 0) {
            for (int j = 0; j < parents.length; j++) {
                if (!isLeaf(parents, j)) {
                    continue;
                }
                for (int f = Math.max(1, frame - trailFrames); f <= frame; f++) {
                    double age = (frame - f) / (double) Math.max(1, trailFrames);
                    pen.color(blend(p.color(), BACKGROUND, 0.3 + 0.7 * age));
                    pen.width(1.5f);
                    segment(pen, cam, c.position(f - 1, j, 0), c.position(f - 1, j, 1), c.position(f - 1, j, 2),
                            c.position(f, j, 0), c.position(f, j, 1), c.position(f, j, 2), x, y, w, h);
                }
            }
        }
        pen.width(Math.max(2f, (float) (h / 160)));
        for (int j = 1; j < parents.length; j++) {
            int q = parents[j];
            if (q < 0) {
                continue;
            }
            String name = s.jointNames().get(j).toLowerCase(Locale.ROOT);
            pen.color(name.startsWith("l") ? LEFT : name.startsWith("r") ? RIGHT : p.color());
            segment(pen, cam, c.position(frame, q, 0), c.position(frame, q, 1), c.position(frame, q, 2),
                    c.position(frame, j, 0), c.position(frame, j, 1), c.position(frame, j, 2), x, y, w, h);
        }
        pen.color(p.color());
        for (int j = 0; j < parents.length; j++) {
            if (cam.project(c.position(frame, j, 0), c.position(frame, j, 1), c.position(frame, j, 2), x, y, w, h, a)) {
                pen.fillCircle(a[0], a[1], Math.max(2, h / 140));
            }
        }
        pen.color(TEXT);
        pen.text(fit(p.title(), w - 40), x + 8, y + 18);
        pen.text(String.format(Locale.ROOT, "%.2f s  frame %d/%d", seconds, frame, c.frameCount()), x + 8, y + h - 8);
        if (onBeat) {
            pen.color(BEAT);
            pen.fillCircle(x + w - 16, y + 14, 7);
        }
    }

    /**
     * The title shortened with an ellipsis to about {@code width} pixels, so that a long generator name
     * in a narrow panel says it was cut instead of running under the next panel. Pens do not measure
     * text, so this counts 7 px per character, the average glyph of the toolkits' default fonts; the
     * full names are in the workbench's list of generators beside the stage.
     */
    static String fit(String title, double width) {
        int max = (int) (width / 7);
        if (title.length() <= max || max < 4) {
            return title;
        }
        String head = title.substring(0, max - 1);
        int space = head.lastIndexOf(' ');
        if (space > max / 2) {
            head = head.substring(0, space); // whole words read better than a word cut in two
        }
        return head.stripTrailing() + "…";
    }

    private void segment(Pen pen, Camera cam, double x0, double y0, double z0, double x1, double y1, double z1, double x, double y,
            double w, double h) {
        if (cam.project(x0, y0, z0, x, y, w, h, a) && cam.project(x1, y1, z1, x, y, w, h, b)) {
            pen.line(a[0], a[1], b[0], b[1]);
        }
    }

    private static boolean isLeaf(int[] parents, int j) {
        for (int p : parents) {
            if (p == j) {
                return false;
            }
        }
        return parents[j] >= 0;
    }

    static int blend(int c1, int c2, double t) {
        int r = (int) (((c1 >> 16) & 255) * (1 - t) + ((c2 >> 16) & 255) * t);
        int g = (int) (((c1 >> 8) & 255) * (1 - t) + ((c2 >> 8) & 255) * t);
        int bl = (int) ((c1 & 255) * (1 - t) + (c2 & 255) * t);
        return (r << 16) | (g << 8) | bl;
    }

    /** Colours for up to four panels: ground truth first. */
    public static int color(int index) {
        int[] c = {0xABB2BF, 0x98C379, 0xC678DD, 0x56B6C2};
        return c[Math.floorMod(index, c.length)];
    }

    /** The duration of the longest clip, in seconds. */
    public static double seconds(List<Panel> panels) {
        double s = 0;
        for (Panel p : panels) {
            s = Math.max(s, p.clip().frameCount() / p.clip().fps());
        }
        return s;
    }

}
