package org.choreolab.visual.skeleton.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.visual.Visualizer;
import org.choreolab.visual.skeleton.Animations;
import org.choreolab.visual.skeleton.SkeletonPainter;
import org.osgi.service.component.annotations.Component;

/**
 * Skeletons side by side, in sync, as an animated GIF, a PNG still or an MP4 (ffmpeg). Options:
 * {@code titles} (comma-separated), {@code beats} (music beat frames, comma-separated, at
 * {@code beatsFps}), {@code fps} (animation rate, default 20), {@code width}/{@code height} (pixels,
 * default 360 per panel × 400), {@code from}/{@code to} (seconds), {@code yaw}/{@code pitch} (degrees),
 * {@code trail} (frames, default 30), {@code at} (seconds, for a PNG).
 */
@Component(service = Visualizer.class, property = "choreolab.id=skeleton")
public final class SkeletonVisualizer implements Visualizer {

    @Override
    public String id() {
        return "skeleton";
    }

    @Override
    public String name() {
        return "Skeleton animation";
    }

    @Override
    public String description() {
        return "Two to four clips side by side in sync (floor grid, hand and foot trails, beat flashes) as GIF, PNG or MP4";
    }

    @Override
    public List<String> formats() {
        return List.of("gif", "png", "mp4");
    }

    @Override
    public void render(List<MotionClip> clips, Path out, Map<String, String> o) throws IOException {
        if (clips.isEmpty()) {
            throw new IOException(out + ": no clip to render");
        }
        for (MotionClip c : clips) {
            if (!c.hasPositions()) {
                throw new IOException(out + ": a clip has no joint positions to draw");
            }
        }
        List<String> titles = o.containsKey("titles") ? Arrays.asList(o.get("titles").split(",", -1)) : List.of();
        List<SkeletonPainter.Panel> panels = new ArrayList<>();
        double yaw = num(o, "yaw", 30), pitch = num(o, "pitch", 15);
        for (int i = 0; i < clips.size(); i++) {
            MotionClip c = clips.get(i);
            panels.add(new SkeletonPainter.Panel(c, i < titles.size() ? titles.get(i) : "clip " + (i + 1), SkeletonPainter.color(i),
                    SkeletonPainter.cameraFor(c).orbit(yaw, pitch)));
        }
        SkeletonPainter painter = new SkeletonPainter().trail((int) num(o, "trail", 30));
        if (o.containsKey("beats") && !o.get("beats").isBlank()) {
            painter.beats(Arrays.stream(o.get("beats").split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray(),
                    num(o, "beatsFps", clips.get(0).fps()));
        }
        int width = (int) num(o, "width", 360 * clips.size()), height = (int) num(o, "height", 400);
        double from = num(o, "from", 0), to = num(o, "to", SkeletonPainter.seconds(panels)), fps = num(o, "fps", 20);
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gif")) {
            Animations.gif(painter, panels, from, to, fps, width, height, out);
        } else if (name.endsWith(".png")) {
            Animations.png(painter, panels, num(o, "at", from), width, height, out);
        } else if (name.endsWith(".mp4")) {
            Animations.mp4(painter, panels, from, to, fps, width, height, out);
        } else {
            throw new IOException(out + ": expected a .gif, .png or .mp4 file name");
        }
    }

    private static double num(Map<String, String> o, String key, double fallback) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + ": expected a number, got '" + v + "'");
        }
    }
}
