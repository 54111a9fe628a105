package org.choreolab.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.data.outputs.Output;
import org.choreolab.data.outputs.OutputFolder;

/**
 * The runner's view of a folder of motion generated elsewhere ({@code evaluate --outputs NAME=DIR}):
 * which sequence names it holds and each one's clip, read by {@code org.choreolab.data.outputs} (Bailando's
 * {@code <name>.pkl.npy}, EDGE's pickles at 30 fps z up, AIST++/FACT SMPL pickles, mint's 225-d {@code .npy},
 * Choreolab's joints and {@code generate} folders), every format, frame rate and up axis detected per file.
 */
final class OutputFolders {

    private OutputFolders() {
    }

    /** A folder's motion, by sequence name. */
    interface Folder {
        /** How it was read: layout, and format, frame rate and up axis per group of files. */
        String description();

        /** The names the files were matched to (sequence ids, else music ids or file stems), sorted. */
        List<String> names();

        default boolean has(String name) {
            return names().contains(name);
        }

        /** One sequence's clip: world joints in metres, y up, at the file's frame rate. */
        MotionClip read(String name) throws IOException;

        /** Files that could not be read, one line each naming the file and what was found. */
        List<String> problems();
    }

    /**
     * Reads {@code dir}, matching files named after a music id to the one sequence of {@code sequences}
     * dancing to it (EDGE names its files after the music).
     */
    static Folder open(Path dir, Set<String> sequences) throws IOException {
        OutputFolder f = OutputFolder.open(dir, OutputFolder.Options.DETECT.withSequences(sequences));
        String description = f.layout() + ": " + f.describe();
        List<String> names = List.copyOf(f.byName().keySet());
        List<String> problems = f.problems().stream().map(Object::toString).toList();
        return new Folder() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public List<String> names() {
                return names;
            }

            @Override
            public MotionClip read(String name) throws IOException {
                Output o = f.output(name).orElseThrow(() -> new IOException("missing: no file for " + name));
                return o.clip();
            }

            @Override
            public List<String> problems() {
                return problems;
            }
        };
    }
}
