package org.choreolab.ui.internal.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.data.outputs.Output;
import org.choreolab.data.outputs.OutputFolder;

/**
 * One sequence's clip from a folder of motion generated elsewhere, read as {@code evaluate --outputs} reads
 * it (by {@code org.choreolab.data.outputs}: format, frame rate and up axis detected per file, files named
 * after the music matched to the one sequence dancing to it). Joint positions only, which the skeleton view
 * draws.
 */
final class OutputClips {

    private OutputClips() {
    }

    /**
     * The clip of {@code sequence} in {@code dir}, cut to {@code seconds}; an {@link IOException} naming the
     * folder and the sequence when it has no (readable) file for it.
     */
    static MotionClip read(String name, String dir, String sequence, Set<String> sequences, double seconds) throws IOException {
        OutputFolder f = OutputFolder.open(Path.of(dir), OutputFolder.Options.DETECT.withSequences(sequences));
        Output o = f.output(sequence).orElse(null);
        if (o == null) {
            String unread = f.problems().stream().map(Object::toString).filter(p -> p.contains(sequence)).findFirst().orElse(null);
            throw new IOException(unread != null ? name + ": " + unread
                    : name + ": no file for " + sequence + " in " + dir + " (" + f.outputs().size() + " file(s) read)");
        }
        MotionClip c = o.clip();
        return seconds >= c.durationSeconds() ? c : c.slice(0, (int) Math.round(seconds * c.fps()));
    }
}
