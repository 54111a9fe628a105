package org.choreolab.data.bvh;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Rotations;

/**
 * Reads and writes BVH files.
 *
 * <p>Written files have one joint per skeleton joint, an End Site under every leaf, the root with
 * {@code Xposition Yposition Zposition Zrotation Xrotation Yrotation} and every other joint with
 * {@code Zrotation Xrotation Yrotation} (rotation = Rz·Rx·Ry, degrees), lengths multiplied by
 * {@code unitScale} (100 writes centimetres from metres, the usual BVH unit). Reading accepts any
 * channel order, 3 or 6 channels per joint, and divides lengths by {@code unitScale}.
 */
public final class Bvh {

    private Bvh() {
    }

    /** Writes {@code clip} (which must have rotations). */
    public static void write(MotionClip clip, Path file, double unitScale) throws IOException {
        if (!clip.hasRotations()) {
            throw new IllegalArgumentException("BVH stores joint rotations; this clip has joint positions only (no joint rotations)");
        }
        Skeleton s = clip.skeleton();
        int joints = s.jointCount();
        List<List<Integer>> children = new ArrayList<>();
        for (int j = 0; j < joints; j++) {
            children.add(new ArrayList<>());
        }
        for (int j = 1; j < joints; j++) {
            children.get(s.parent(j)).add(j);
        }
        List<Integer> order = new ArrayList<>();
        StringBuilder h = new StringBuilder("HIERARCHY\n");
        hierarchy(s, children, 0, 0, unitScale, h, order);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
            w.write(h.toString());
            w.write("MOTION\nFrames: " + clip.frameCount() + "\n");
            w.write(String.format(Locale.ROOT, "Frame Time: %.8f%n", 1.0 / clip.fps()));
            double[] m = new double[9];
            double[] zxy = new double[3];
            StringBuilder line = new StringBuilder();
            for (int f = 0; f < clip.frameCount(); f++) {
                line.setLength(0);
                line.append(fmt(clip.translation(f, 0) * unitScale)).append(' ').append(fmt(clip.translation(f, 1) * unitScale))
                        .append(' ').append(fmt(clip.translation(f, 2) * unitScale));
                for (int j : order) {
                    Rotations.axisAngleToMatrix(clip.rotation(f, j, 0), clip.rotation(f, j, 1), clip.rotation(f, j, 2), m, 0);
                    matrixToZxy(m, zxy);
                    line.append(' ').append(fmt(Math.toDegrees(zxy[0]))).append(' ').append(fmt(Math.toDegrees(zxy[1])))
                            .append(' ').append(fmt(Math.toDegrees(zxy[2])));
                }
                w.write(line.append('\n').toString());
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void hierarchy(Skeleton s, List<List<Integer>> children, int j, int depth, double scale, StringBuilder b,
            List<Integer> order) {
        String ind = "  ".repeat(depth);
        order.add(j);
        b.append(ind).append(j == 0 ? "ROOT " : "JOINT ").append(s.jointName(j)).append('\n').append(ind).append("{\n");
        b.append(ind).append("  OFFSET ").append(fmt(s.offset(j, 0) * scale)).append(' ').append(fmt(s.offset(j, 1) * scale))
                .append(' ').append(fmt(s.offset(j, 2) * scale)).append('\n');
        b.append(ind).append(j == 0 ? "  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation\n"
                : "  CHANNELS 3 Zrotation Xrotation Yrotation\n");
        if (children.get(j).isEmpty()) {
            // Importers make a bone from a joint to its end: give leaves half their own offset as length.
            double ex = s.offset(j, 0) * 0.5 * scale, ey = s.offset(j, 1) * 0.5 * scale, ez = s.offset(j, 2) * 0.5 * scale;
            if (Math.abs(ex) + Math.abs(ey) + Math.abs(ez) < 1e-9) {
                ey = 0.05 * scale;
            }
            b.append(ind).append("  End Site\n").append(ind).append("  {\n").append(ind).append("    OFFSET ").append(fmt(ex))
                    .append(' ').append(fmt(ey)).append(' ').append(fmt(ez)).append('\n').append(ind).append("  }\n");
        }
        for (int c : children.get(j)) {
            hierarchy(s, children, c, depth + 1, scale, b, order);
        }
        b.append(ind).append("}\n");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    /** Z, X, Y angles (radians) with m = Rz(z)·Rx(x)·Ry(y); row-major m. */
    static void matrixToZxy(double[] m, double[] out) {
        double sx = Math.max(-1, Math.min(1, m[7]));
        double x = Math.asin(sx);
        double z, y;
        if (Math.abs(sx) < 1 - 1e-12) {
            z = Math.atan2(-m[1], m[4]);
            y = Math.atan2(-m[6], m[8]);
        } else {
            // Gimbal lock: only z + y (or z − y) is defined; put it all in z.
            y = 0;
            z = Math.atan2(m[3], m[0]);
        }
        out[0] = z;
        out[1] = x;
        out[2] = y;
    }

    /**
     * A BVH file read: its skeleton (joints in file order, depth first) and its clip (rotations, root
     * translation, positions by forward kinematics).
     */
    public record Result(Skeleton skeleton, MotionClip clip) {

        /**
         * The clip on {@code target}, a skeleton with the same joint names and tree in another order
         * (e.g. {@code Smpl.NEUTRAL} for a file written from an SMPL clip); positions by FK on target.
         */
        public MotionClip clipOn(Skeleton target) {
            int n = target.jointCount();
            if (n != skeleton.jointCount()) {
                throw new IllegalArgumentException("the file has " + skeleton.jointCount() + " joints, " + target + " has " + n);
            }
            int[] from = new int[n];
            for (int j = 0; j < n; j++) {
                from[j] = skeleton.indexOf(target.jointName(j));
                if (from[j] < 0) {
                    throw new IllegalArgumentException("joint " + target.jointName(j) + " of " + target + " is not in the file");
                }
                int p = target.parent(j);
                int fp = skeleton.parent(from[j]);
                if ((p < 0) != (fp < 0) || (p >= 0 && !skeleton.jointName(fp).equals(target.jointName(p)))) {
                    throw new IllegalArgumentException("joint " + target.jointName(j) + " has another parent in the file");
                }
            }
            int frames = clip.frameCount();
            float[] rot = new float[3 * n * frames];
            for (int f = 0; f < frames; f++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < 3; k++) {
                        rot[3 * (f * n + j) + k] = clip.rotation(f, from[j], k);
                    }
                }
            }
            return withPositions(new MotionClip(target, clip.fps(), clip.translations(new float[3 * frames]), rot, null));
        }
    }

    /** Reads a BVH file; malformed files give an error naming the file, line and what was expected. */
    public static Result read(Path file, double unitScale) throws IOException {
        return new BvhParser(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1), unitScale).parse();
    }

    /** A clip's positions computed from its rotations (for clips read from BVH). */
    static MotionClip withPositions(MotionClip c) {
        return new ForwardKinematics(c.skeleton()).withPositions(c);
    }

    static InvalidInputException error(String source, int line, String message) {
        return new InvalidInputException(source, "line " + line, message);
    }
}
