package org.choreolab.data.bvh;

import java.util.ArrayList;
import java.util.List;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;
import org.choreolab.motion.Rotations;

/** A recursive-descent reader of the BVH grammar, keeping line numbers for errors. */
final class BvhParser {

    private final String source;
    private final String[] tokens;
    private final int[] lines;
    private final double scale;
    private int pos;

    private final List<String> names = new ArrayList<>();
    private final List<Integer> parents = new ArrayList<>();
    private final List<double[]> offsets = new ArrayList<>();
    private final List<String[]> channels = new ArrayList<>();

    BvhParser(String source, String text, double scale) {
        this.source = source;
        this.scale = scale;
        List<String> t = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        int line = 1;
        for (String row : text.split("\n", -1)) {
            for (String tok : row.trim().split("\\s+")) {
                if (!tok.isEmpty()) {
                    t.add(tok);
                    l.add(line);
                }
            }
            line++;
        }
        tokens = t.toArray(String[]::new);
        lines = l.stream().mapToInt(Integer::intValue).toArray();
    }

    Bvh.Result parse() throws InvalidInputException {
        expect("HIERARCHY");
        expect("ROOT");
        joint(-1);
        expect("MOTION");
        expect("Frames:");
        int frames = integer("a frame count");
        expect("Frame");
        expect("Time:");
        double frameTime = number("the frame time in seconds");
        if (!(frameTime > 0)) {
            throw Bvh.error(source, line(), "expected a positive frame time, got " + frameTime);
        }
        int joints = names.size();
        double[] off = new double[3 * joints];
        int[] par = new int[joints];
        for (int j = 0; j < joints; j++) {
            System.arraycopy(offsets.get(j), 0, off, 3 * j, 3);
            par[j] = parents.get(j);
        }
        Skeleton skeleton = new Skeleton("bvh", names, par, off);
        float[] trans = new float[3 * frames];
        float[] rot = new float[3 * joints * frames];
        double[] m = new double[9], r = new double[9], acc = new double[9], tmp = new double[9], aa = new double[3];
        for (int f = 0; f < frames; f++) {
            for (int j = 0; j < joints; j++) {
                identity(acc);
                String[] ch = channels.get(j);
                for (String c : ch) {
                    if (pos >= tokens.length) {
                        throw Bvh.error(source, lines[lines.length - 1], "expected " + frames + " frames of motion, the file ends in frame " + f);
                    }
                    double v = number("a value of channel " + c + " of joint " + names.get(j) + " in frame " + f);
                    switch (c) {
                        case "Xposition" -> trans[3 * f] = (float) (v / scale + offsets.get(j)[0]);
                        case "Yposition" -> trans[3 * f + 1] = (float) (v / scale + offsets.get(j)[1]);
                        case "Zposition" -> trans[3 * f + 2] = (float) (v / scale + offsets.get(j)[2]);
                        default -> {
                            double a = Math.toRadians(v);
                            switch (c) {
                                case "Xrotation" -> Rotations.axisAngleToMatrix(a, 0, 0, r, 0);
                                case "Yrotation" -> Rotations.axisAngleToMatrix(0, a, 0, r, 0);
                                default -> Rotations.axisAngleToMatrix(0, 0, a, r, 0);
                            }
                            multiply(acc, r, tmp);
                            System.arraycopy(tmp, 0, acc, 0, 9);
                        }
                    }
                }
                System.arraycopy(acc, 0, m, 0, 9);
                Rotations.matrixToAxisAngle(m, 0, aa, 0);
                for (int k = 0; k < 3; k++) {
                    rot[3 * (f * joints + j) + k] = (float) aa[k];
                }
            }
        }
        if (pos < tokens.length) {
            throw Bvh.error(source, line(), "expected the end of the file after " + frames + " frames, found '" + tokens[pos] + "'");
        }
        MotionClip clip = Bvh.withPositions(new MotionClip(skeleton, 1.0 / frameTime, trans, rot, null));
        return new Bvh.Result(skeleton, clip);
    }

    private void joint(int parent) throws InvalidInputException {
        String name = word("a joint name");
        int index = names.size();
        names.add(name);
        parents.add(parent);
        expect("{");
        expect("OFFSET");
        offsets.add(new double[] {number("an x offset") / scale, number("a y offset") / scale, number("a z offset") / scale});
        expect("CHANNELS");
        int n = integer("a channel count");
        if (n != 3 && n != 6) {
            throw Bvh.error(source, line(), "joint " + name + ": expected 3 or 6 channels, got " + n);
        }
        String[] ch = new String[n];
        for (int i = 0; i < n; i++) {
            ch[i] = word("a channel name");
            if (!ch[i].matches("[XYZ](position|rotation)")) {
                throw Bvh.error(source, line(), "joint " + name + ": unknown channel '" + ch[i] + "' (expected X/Y/Z position or rotation)");
            }
            if (parent >= 0 && ch[i].endsWith("position")) {
                throw Bvh.error(source, line(), "joint " + name + ": position channels are supported on the root only");
            }
        }
        channels.add(ch);
        while (true) {
            String t = word("JOINT, End Site or }");
            switch (t) {
                case "JOINT" -> joint(index);
                case "End" -> {
                    expect("Site");
                    expect("{");
                    expect("OFFSET");
                    number("an end site x offset");
                    number("an end site y offset");
                    number("an end site z offset");
                    expect("}");
                }
                case "}" -> {
                    return;
                }
                default -> throw Bvh.error(source, lines[pos - 1], "expected JOINT, End Site or } in joint " + name + ", found '" + t + "'");
            }
        }
    }

    private int line() {
        return pos < lines.length ? lines[pos] : lines.length == 0 ? 1 : lines[lines.length - 1];
    }

    private String word(String what) throws InvalidInputException {
        if (pos >= tokens.length) {
            throw Bvh.error(source, line(), "expected " + what + ", the file ends");
        }
        return tokens[pos++];
    }

    private void expect(String token) throws InvalidInputException {
        int l = line();
        String t = word("'" + token + "'");
        if (!t.equals(token)) {
            throw Bvh.error(source, l, "expected '" + token + "', found '" + t + "'");
        }
    }

    private double number(String what) throws InvalidInputException {
        int l = line();
        String t = word(what);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw Bvh.error(source, l, "expected " + what + ", found '" + t + "'");
        }
    }

    private int integer(String what) throws InvalidInputException {
        int l = line();
        String t = word(what);
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw Bvh.error(source, l, "expected " + what + ", found '" + t + "'");
        }
    }

    private static void identity(double[] m) {
        java.util.Arrays.fill(m, 0);
        m[0] = m[4] = m[8] = 1;
    }

    private static void multiply(double[] a, double[] b, double[] out) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
    }
}
