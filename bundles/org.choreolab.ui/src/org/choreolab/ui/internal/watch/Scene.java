package org.choreolab.ui.internal.watch;

import java.nio.file.Path;
import java.util.List;

import org.choreolab.visual.skeleton.SkeletonPainter;

/**
 * What the Watch view shows: the clips side by side (ground truth first), the music beats and the
 * ground truth's motion beats at {@code fps}, the music file, and the generators that failed.
 */
public record Scene(String dataset, String sequence, List<SkeletonPainter.Panel> panels, int[] musicBeats, int[] motionBeats, double fps,
        Path music, List<String> errors) {

    public static final Scene EMPTY = new Scene("", "", List.of(), new int[0], new int[0], 60, null, List.of());

    public Scene {
        panels = List.copyOf(panels);
        errors = List.copyOf(errors);
    }

    /** The longest clip's length in seconds. */
    public double duration() {
        return SkeletonPainter.seconds(panels);
    }

    /** The panels' titles, ground truth first. */
    public List<String> titles() {
        return panels.stream().map(SkeletonPainter.Panel::title).toList();
    }
}
