package org.choreolab.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npy;
import org.choreolab.motion.Smpl;

/**
 * The runner's view of a folder of motion generated elsewhere: which sequence names it holds, and each
 * one's clip (world joints in metres, y up). This first reader knows Choreolab's own layouts: a folder of
 * {@code <sequence>.npy} joints ({@code (frames, 24, 3)} float32, 60 fps, as {@code dataset export-joints}
 * writes them) and a {@code generate} output folder (its {@code joints/}); the readers of the field's
 * formats (Bailando, EDGE, FACT, AIST++ pickles) plug in here.
 */
final class OutputFolders {

    /** The frame rate of joints files that do not state theirs (Choreolab's and AIST++'s). */
    static final double NPY_FPS = 60;

    private OutputFolders() {
    }

    /** A folder's motion, by sequence name. */
    interface Folder {
        /** How it was read (layout, frame rate). */
        String description();

        /** The sequence names it has a file for, sorted. */
        List<String> names();

        default boolean has(String name) {
            return names().contains(name);
        }

        /** One sequence's clip, at the file's frame rate. */
        MotionClip read(String name) throws IOException;

        /** Files that are not motion this reader understands, one line each. */
        List<String> problems();
    }

    static Folder open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder (expected a folder of generated motion)");
        }
        Path joints = dir.resolve("joints");
        boolean generateLayout = Files.isDirectory(joints) && Files.isRegularFile(dir.resolve("generate.json"));
        Path root = generateLayout ? joints : dir;
        Map<String, Path> files = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            for (Path f : s.sorted().toList()) {
                String n = f.getFileName().toString();
                if (Files.isRegularFile(f) && n.endsWith(".npy")) {
                    files.put(n.substring(0, n.length() - ".npy".length()), f);
                } else if (Files.isRegularFile(f) && !n.equals("generate.json")) {
                    problems.add(f + ": not read (this version reads .npy joints of shape (frames, 24, 3))");
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no .npy joints files" + (problems.isEmpty() ? "" : " (" + problems.size() + " other files)"));
        }
        String description = (generateLayout ? "choreolab generate output (joints/)" : "joints .npy files") + ", "
                + files.size() + " files, (frames, 24, 3) metres, y up, " + (int) NPY_FPS + " fps";
        List<String> names = List.copyOf(files.keySet());
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
                Path f = files.get(name);
                if (f == null) {
                    throw new IOException("missing: no file for " + name);
                }
                NdArray a = Npy.read(f);
                if (a.ndim() != 3 || a.dim(1) != Smpl.NEUTRAL.jointCount() || a.dim(2) != 3) {
                    throw new IOException(f + ": expected joints of shape (frames, " + Smpl.NEUTRAL.jointCount() + ", 3), got "
                            + a.shapeString());
                }
                return new MotionClip(Smpl.NEUTRAL, NPY_FPS, null, null, a.toFloats());
            }

            @Override
            public List<String> problems() {
                return problems;
            }
        };
    }
}
