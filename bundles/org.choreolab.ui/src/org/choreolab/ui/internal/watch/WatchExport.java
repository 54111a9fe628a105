package org.choreolab.ui.internal.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.choreolab.visual.skeleton.Animations;
import org.choreolab.visual.skeleton.Camera;
import org.choreolab.visual.skeleton.SkeletonPainter;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Writes what the view shows, in a job: an animated GIF, an MP4 (with ffmpeg), or a PNG of the
 * current instant, 360 × 400 pixels per panel. Each panel gets its own camera framing the whole dance
 * (the live cameras stay with the stage), at the angle the user orbited to.
 */
final class WatchExport {

    private WatchExport() {
    }

    /** Asks where to write {@code scene} (GIF, MP4, PNG); null when the user cancels. */
    static Path ask(Shell shell, Scene scene) {
        FileDialog fd = new FileDialog(shell, SWT.SAVE);
        fd.setFilterExtensions(new String[] {"*.gif", "*.mp4", "*.png"});
        fd.setFileName(scene.sequence() + ".gif");
        fd.setOverwrite(true);
        String file = fd.open();
        return file == null ? null : Path.of(file);
    }

    static Job export(Scene scene, double at, Cameras view, Path file, Consumer<String> status) {
        Cameras framing = new Cameras();
        framing.mode(Cameras.Mode.FRAME);
        framing.orbit(30 - view.yaw(), view.pitch() - 15);
        List<SkeletonPainter.Panel> panels = new ArrayList<>();
        for (SkeletonPainter.Panel p : scene.panels()) {
            panels.add(new SkeletonPainter.Panel(p.clip(), p.title(), p.color(), new Camera()));
        }
        int w = 360 * panels.size(), h = 400;
        framing.place(panels, at, 360, h);
        SkeletonPainter painter = new SkeletonPainter().beats(scene.musicBeats(), scene.fps());
        double length = scene.duration();
        Job j = Job.create("Exporting " + file.getFileName(), (IProgressMonitor m) -> {
            String msg;
            try {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".png")) {
                    Animations.png(painter, panels, at, w, h, file);
                } else if (name.endsWith(".mp4")) {
                    Animations.mp4(painter, panels, 0, length, 30, w, h, file);
                } else {
                    Animations.gif(painter, panels, 0, length, 20, w, h, file);
                }
                msg = "Exported " + file + " (" + panels.size() + " panels, " + (name.endsWith(".png")
                        ? String.format(Locale.ROOT, "at %.2f s", at) : String.format(Locale.ROOT, "%.1f s", length)) + ")";
            } catch (IOException | RuntimeException e) {
                msg = "Export failed: " + e.getMessage();
            }
            status.accept(msg);
            return Status.OK_STATUS;
        });
        j.setUser(true);
        j.schedule();
        return j;
    }
}
