package org.choreolab.data.outputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.Problem;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.data.aistpp.AistppDataset;
import org.choreolab.data.aistpp.AistppName;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npy;
import org.choreolab.io.numpy.NumpyPickle;
import org.choreolab.io.numpy.ObjectArray;
import org.choreolab.io.numpy.ReadLimits;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Rotations;
import org.choreolab.motion.Smpl;

/**
 * A folder of generated (or real) motion as a research codebase writes it, read into clips of world
 * joints in metres, y up. Each {@code .npy} and {@code .pkl} file is read behind the allow-list and
 * limits of {@code org.choreolab.io.numpy}, its {@link OutputFormat} detected from its content (or
 * checked against the one stated), its frame rate and up axis taken from the format (or stated), and
 * it is named after the sequence it was made for. A file that matches no format is reported with what
 * was found in it; the others are read.
 *
 * <p>Folder layouts: the files themselves; a Choreolab {@code generate} folder ({@code joints/}, else
 * {@code motions/}); an AIST++ folder ({@code motions/}, its {@code ignore_list.txt} applied). Files of
 * other kinds (music, pictures, logs) and subfolders are left alone.
 *
 * <p>Names: an AIST++ sequence name anywhere in the file name is taken ({@code gBR_…_ch01.json.pkl.npy}
 * from Bailando, {@code test_gBR_…_ch01.pkl} from EDGE, {@code gBR_…_ch01_mBR0.npy} from mint), its
 * camera read as {@code cAll} (AIST++'s motions are per choreography, not per camera) and an EDGE
 * {@code _slice<k>} kept; else EDGE's {@code <epoch>_} prefix is dropped and a music id
 * ({@code test_mBR0.pkl}, EDGE's {@code test.py} names files after the music) becomes the only dataset
 * sequence dancing to it when {@link Options#sequences()} has exactly one; else the file's stem.
 */
public final class OutputFolder {

    /**
     * How to read a folder. A null format, a zero fps or a null up axis mean: as detected.
     *
     * @param format    the format every file must have, or null to detect it per file
     * @param fps       the frame rate of every file, or 0 for the format's
     * @param up        the up axis of every file, or null for the format's (read from the data for {@link OutputFormat#JOINTS})
     * @param sequences the dataset's sequence ids, to match files named after a music id; may be empty
     * @param limits    the bounds of reading each file
     */
    public record Options(OutputFormat format, double fps, UpAxis up, Set<String> sequences, ReadLimits limits) {

        /** Everything detected, default limits. */
        public static final Options DETECT = new Options(null, 0, null, Set.of(), ReadLimits.DEFAULT);

        public Options {
            if (!(fps >= 0) || Double.isInfinite(fps)) {
                throw new IllegalArgumentException("fps: expected a positive frame rate (or 0 for the format's), got " + fps);
            }
            sequences = sequences == null ? Set.of() : Set.copyOf(sequences);
            limits = limits == null ? ReadLimits.DEFAULT : limits;
        }

        public Options withFormat(OutputFormat f) {
            return new Options(f, fps, up, sequences, limits);
        }

        public Options withFps(double f) {
            return new Options(format, f, up, sequences, limits);
        }

        public Options withUp(UpAxis u) {
            return new Options(format, fps, u, sequences, limits);
        }

        public Options withSequences(Set<String> s) {
            return new Options(format, fps, up, s, limits);
        }
    }

    private static final Pattern AIST_NAME = Pattern.compile("(g[A-Z]{2})_(s[A-Z]{2})_(c[A-Za-z0-9]+)_(d\\d{2})_(m[A-Z]{2}\\d)_(ch\\d{2})(_slice\\d+)?");
    private static final Pattern MUSIC = Pattern.compile("m[A-Z]{2}\\d");
    private static final Pattern AUDIO_SUFFIX = Pattern.compile("_(m[A-Z]{2}\\d)");
    /** EDGE names files {@code <epoch>_<name>} ({@code test_} from test.py) or {@code <epoch>_<index>_<name>}. */
    private static final Pattern EDGE_PREFIX = Pattern.compile("^(?:test|e?\\d+)_(?:\\d+_)?");
    private static final List<String> SUFFIXES = List.of(".npy", ".pkl", ".pickle", ".json");
    /** Thighs longer than this are not metres (AIST++'s are about 0.38 m). */
    private static final double MAX_THIGH_METRES = 2.0;

    private final Path dir;
    private final String layout;
    private final List<Output> outputs;
    private final List<Problem> problems;
    private final List<Path> ignored;

    private OutputFolder(Path dir, String layout, List<Output> outputs, List<Problem> problems, List<Path> ignored) {
        this.dir = dir;
        this.layout = layout;
        this.outputs = List.copyOf(outputs);
        this.problems = List.copyOf(problems);
        this.ignored = List.copyOf(ignored);
    }

    /**
     * Reads every motion file of a folder. Files that match no format, or are malformed, are listed in
     * {@link #problems()} and the others read.
     *
     * @throws InvalidInputException naming the folder when it is missing or not one, and when none of its
     *                               files could be read (saying what was found)
     */
    public static OutputFolder open(Path dir, Options options) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir.toString(), "", (Files.exists(dir) ? "not a folder" : "missing")
                    + ": expected a folder of generated motion (" + String.join(", ", OutputFormat.ids()) + ")");
        }
        Path base = dir;
        String layout = "files";
        Set<String> skip = Set.of();
        List<Path> entries = list(dir);
        if (entries.stream().noneMatch(OutputFolder::isMotionFile)) {
            Path joints = dir.resolve("joints"), motions = dir.resolve("motions");
            if (Files.isDirectory(joints) && list(joints).stream().anyMatch(OutputFolder::isMotionFile)) {
                base = joints;
                layout = Files.isRegularFile(dir.resolve("generate.json")) ? "Choreolab generate folder (joints/)" : "joints/";
            } else if (Files.isDirectory(motions) && list(motions).stream().anyMatch(OutputFolder::isMotionFile)) {
                base = motions;
                layout = Files.isRegularFile(dir.resolve("generate.json")) ? "Choreolab generate folder (motions/)" : "AIST++ layout (motions/)";
                skip = AistppDataset.ignoreList(dir);
            } else {
                List<String> names = entries.stream().map(p -> p.getFileName().toString()).toList();
                throw new InvalidInputException(dir.toString(), "", "no .npy or .pkl files" + (names.isEmpty() ? " (the folder is empty)"
                        : " (found " + names.size() + ": " + String.join(", ", names.subList(0, Math.min(5, names.size())))
                                + (names.size() > 5 ? ", …" : "") + ")")
                        + ": expected generated motion (" + String.join(", ", OutputFormat.ids()) + ")");
            }
            entries = list(base);
        }
        List<Path> files = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        for (Path p : entries) {
            String stem = strip(p.getFileName().toString());
            if (!isMotionFile(p) || skip.contains(stem)) {
                ignored.add(p);
            } else {
                files.add(p);
            }
        }
        List<Object> read = files.parallelStream().map(f -> tryRead(f, options)).toList();
        List<Output> outputs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, Output> byName = new LinkedHashMap<>();
        for (Object r : read) {
            if (r instanceof Problem p) {
                problems.add(p);
            } else if (r instanceof Output o) {
                Output first = byName.putIfAbsent(o.name(), o);
                if (first != null) {
                    problems.add(new Problem(o.file().toString(), "", "names the same sequence, " + o.name() + ", as "
                            + first.file().getFileName() + ": skipped"));
                } else {
                    outputs.add(o);
                }
            }
        }
        if (outputs.isEmpty()) {
            StringBuilder b = new StringBuilder("none of the " + files.size() + " files is readable generated motion: ");
            for (int i = 0; i < Math.min(3, problems.size()); i++) {
                b.append(i == 0 ? "" : "; ").append(problems.get(i));
            }
            if (problems.size() > 3) {
                b.append("; and ").append(problems.size() - 3).append(" more");
            }
            throw new InvalidInputException(dir.toString(), "", b.toString());
        }
        outputs.sort((a, b) -> a.name().compareTo(b.name()));
        return new OutputFolder(dir, layout, outputs, problems, ignored);
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** A file a format could be in, by its name; what it is is decided by its content. */
    private static boolean isMotionFile(Path p) {
        String n = p.getFileName().toString();
        return (n.endsWith(".npy") || n.endsWith(".pkl") || n.endsWith(".pickle")) && !Files.isDirectory(p);
    }

    private static Object tryRead(Path f, Options options) {
        try {
            return read(f, options);
        } catch (InvalidInputException e) {
            return e.problem();
        } catch (IOException e) {
            return new Problem(f.toString(), "", "could not be read" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        } catch (RuntimeException e) {
            // Not expected: the readers below throw InvalidInputException. Never shown as a Java message.
            return new Problem(f.toString(), "", "not readable as generated motion");
        }
    }

    /**
     * Reads one file.
     *
     * @throws InvalidInputException naming the file, the field and what was expected: a file of no
     *                               known format says what it holds
     */
    public static Output read(Path file, Options options) throws IOException {
        String src = file.toString();
        String fileName = file.getFileName().toString();
        Object content;
        if (fileName.endsWith(".npy")) {
            content = Npy.load(file, options.limits());
        } else if (fileName.endsWith(".pkl") || fileName.endsWith(".pickle")) {
            content = NumpyPickle.read(file, options.limits());
        } else {
            throw new InvalidInputException(src, "", "not a .npy or .pkl file: expected generated motion (" + String.join(", ", OutputFormat.ids()) + ")");
        }
        Found found = classify(content, src);
        if (options.format() != null && options.format() != found.format) {
            throw new InvalidInputException(src, "", "expected " + options.format().id() + " (" + options.format().looksLike() + "), found "
                    + found.format.id() + " (" + found.format.looksLike() + ")");
        }
        OutputFormat format = found.format;
        double fps = options.fps() > 0 ? options.fps() : format.fps();
        Naming naming = name(fileName, format, options.sequences());
        List<String> notes = new ArrayList<>();
        if (!naming.note.isEmpty()) {
            notes.add(naming.note);
        }
        MotionClip clip;
        UpAxis up;
        switch (format) {
            case AISTPP -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> d = (Map<String, Object>) found.value;
                clip = AistppDataset.motion(AistppDataset.smpl(d, src));
                up = options.up() != null ? options.up() : UpAxis.Y;
            }
            case FACT -> {
                clip = fact((NdArray) found.value, src);
                up = options.up() != null ? options.up() : UpAxis.Y;
            }
            default -> {
                NdArray a = (NdArray) found.value;
                float[] p = a.toFloats();
                checkFinite(p, src, found.field);
                if (options.up() != null) {
                    up = options.up();
                } else if (format == OutputFormat.JOINTS) {
                    up = detectUp(p, notes);
                } else {
                    up = format.up();
                }
                clip = new MotionClip(Smpl.NEUTRAL, fps, null, null, p);
            }
        }
        if (clip.frameCount() == 0) {
            throw new InvalidInputException(src, found.field, "no frames: expected at least one");
        }
        if (up == UpAxis.Z || clip.fps() != fps) {
            float[] p = clip.positions(new float[72 * clip.frameCount()]);
            if (up == UpAxis.Z) {
                UpAxis.toYUp(p);
            }
            // Turned or re-timed: the rotations (in the file's frame) are not carried over.
            clip = up == UpAxis.Z ? new MotionClip(Smpl.NEUTRAL, fps, null, null, p)
                    : new MotionClip(Smpl.NEUTRAL, fps, clip.hasRotations() ? clip.translations(new float[3 * clip.frameCount()]) : null,
                            clip.hasRotations() ? clip.rotations(new float[72 * clip.frameCount()]) : null, p);
        }
        checkMetres(clip, src, found.field);
        return new Output(naming.name, naming.music, file, format, fps, up, clip, String.join("; ", notes));
    }

    private record Found(OutputFormat format, Object value, String field) {
    }

    /** What a file holds, by content; anything else is an error saying what was found. */
    private static Found classify(Object v, String src) throws InvalidInputException {
        if (v instanceof NdArray a) {
            int[] s = a.shape();
            if (isJoints(a)) {
                return new Found(OutputFormat.JOINTS, a, "array");
            }
            if (s.length == 2 && s[1] == 225) {
                return new Found(OutputFormat.FACT, a, "array");
            }
            throw new InvalidInputException(src, "array", "found a numeric array of shape " + a.shapeString() + " (" + a.dtype()
                    + "): expected joints (frames, 24, 3) or (frames, 72), or FACT's motion (frames, 225)");
        }
        if (v instanceof ObjectArray oa) {
            if (oa.size() == 1 && oa.item() instanceof Map<?, ?> m) {
                return classifyDict(m, src);
            }
            throw new InvalidInputException(src, "array", "found an object array of shape " + oa.shapeString()
                    + ": expected np.save of a dict, such as Bailando's {'pred_position': (frames, 72)}");
        }
        if (v instanceof Map<?, ?> m) {
            return classifyDict(m, src);
        }
        throw new InvalidInputException(src, "", "found a " + NumpyPickle.typeName(v) + ": expected generated motion ("
                + String.join(", ", OutputFormat.ids()) + ")");
    }

    private static Found classifyDict(Map<?, ?> m, String src) throws InvalidInputException {
        String keys = NumpyPickle.keys(m.keySet());
        if (m.containsKey("full_pose")) {
            return new Found(OutputFormat.EDGE, jointsArray(m, "full_pose", src), "full_pose");
        }
        if (m.containsKey("pred_position")) {
            return new Found(OutputFormat.BAILANDO, jointsArray(m, "pred_position", src), "pred_position");
        }
        if (m.containsKey("smpl_poses") && m.containsKey("smpl_trans")) {
            if (!m.containsKey("smpl_scaling")) {
                throw new InvalidInputException(src, "smpl_scaling", "missing (keys present: " + keys + "): without AIST++'s "
                        + "smpl_scaling or EDGE's full_pose the units of smpl_trans are unknown; expected one of them");
            }
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    throw new InvalidInputException(src, "", "expected string keys, found a " + NumpyPickle.typeName(k) + " key");
                }
            }
            return new Found(OutputFormat.AISTPP, m, "smpl_poses");
        }
        if (m.containsKey("keypoints3d") || m.containsKey("keypoints3d_optim")) {
            throw new InvalidInputException(src, "keypoints3d", "AIST++'s 3-D keypoints (17 COCO joints, centimetres): expected SMPL "
                    + "motion or joints (24 joints, metres), such as AIST++'s motions/ files");
        }
        throw new InvalidInputException(src, "", "found a dict with keys " + keys + ": expected Bailando's {'pred_position'}, "
                + "EDGE's {'smpl_poses', 'smpl_trans', 'full_pose'} or AIST++'s {'smpl_poses', 'smpl_trans', 'smpl_scaling'}");
    }

    private static boolean isJoints(NdArray a) {
        return a.ndim() == 3 && a.dim(1) == 24 && a.dim(2) == 3 || a.ndim() == 2 && a.dim(1) == 72;
    }

    private static NdArray jointsArray(Map<?, ?> m, String key, String src) throws InvalidInputException {
        Object o = m.get(key);
        if (!(o instanceof NdArray a) || !isJoints(a)) {
            throw new InvalidInputException(src, key, "expected world joints (frames, 24, 3) or (frames, 72), got "
                    + (o instanceof NdArray a ? "shape " + a.shapeString() : "a " + NumpyPickle.typeName(o)));
        }
        return a;
    }

    /** mint's (frames, 225): nearest rotations, axis-angle, forward kinematics of the neutral skeleton. */
    private static MotionClip fact(NdArray a, String src) throws InvalidInputException {
        int n = a.dim(0);
        float[] f = a.toFloats();
        checkFinite(f, src, "array");
        float[] trans = new float[3 * n];
        float[] rot = new float[72 * n];
        double[] m = new double[9], r = new double[9], aa = new double[3];
        for (int t = 0; t < n; t++) {
            int o = t * 225;
            for (int k = 0; k < 3; k++) {
                trans[3 * t + k] = f[o + 6 + k];
            }
            for (int j = 0; j < 24; j++) {
                for (int k = 0; k < 9; k++) {
                    m[k] = f[o + 9 + 9 * j + k];
                }
                // mint's scoring (tools/calculate_scores.py) takes each predicted matrix to the nearest rotation first.
                Rotations.nearestRotation(m, 0, r, 0);
                Rotations.matrixToAxisAngle(r, 0, aa, 0);
                for (int k = 0; k < 3; k++) {
                    rot[72 * t + 3 * j + k] = (float) aa[k];
                }
            }
        }
        float[] positions = new ForwardKinematics(Smpl.NEUTRAL).compute(trans, rot, n, new float[72 * n]);
        return new MotionClip(Smpl.NEUTRAL, OutputFormat.FACT.fps(), trans, rot, positions);
    }

    private static void checkFinite(float[] v, String src, String field) throws InvalidInputException {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new InvalidInputException(src, field, "non-finite value " + v[i] + " at flat index " + i + ": expected finite numbers");
            }
        }
    }

    /**
     * The head (joint 15) above the pelvis (joint 0) on average tells the up axis. When it does not
     * (a body lying down throughout, a collapsed generator), y is assumed and a note says so.
     */
    private static UpAxis detectUp(float[] p, List<String> notes) {
        int frames = p.length / 72;
        double[] mean = new double[3];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < 3; k++) {
                mean[k] += (p[72 * t + 45 + k] - p[72 * t + k]) / frames;
            }
        }
        int axis = 0;
        for (int k = 1; k < 3; k++) {
            if (Math.abs(mean[k]) > Math.abs(mean[axis])) {
                axis = k;
            }
        }
        if (axis == 2 && mean[2] > 0.05) {
            notes.add("z up read from the data (the head is above the pelvis along z)");
            return UpAxis.Z;
        }
        if (axis != 1 || mean[1] < 0.05) {
            notes.add(String.format(Locale.ROOT, "the up axis is unclear from the data (head minus pelvis on average %.2f, %.2f, %.2f): y assumed",
                    mean[0], mean[1], mean[2]));
        }
        return UpAxis.Y;
    }

    /** Refuses joints in other units than metres, which would make every metric meaningless. */
    private static void checkMetres(MotionClip c, String src, String field) throws InvalidInputException {
        int n = c.frameCount();
        double[] thigh = new double[n];
        for (int t = 0; t < n; t++) {
            double l = 0;
            for (int[] bone : new int[][] {{1, 4}, {2, 5}}) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    double d = c.position(t, bone[0], k) - c.position(t, bone[1], k);
                    s += d * d;
                }
                l += Math.sqrt(s) / 2;
            }
            thigh[t] = l;
        }
        Arrays.sort(thigh);
        double median = thigh[n / 2];
        if (median > MAX_THIGH_METRES) {
            throw new InvalidInputException(src, field, String.format(Locale.ROOT,
                    "the thighs (hip to knee) are %.3g units long: expected metres (about 0.4); centimetres or unscaled AIST++ translation?",
                    median));
        }
    }

    private record Naming(String name, String music, String note) {
    }

    static String strip(String fileName) {
        String s = fileName;
        boolean again = true;
        while (again) {
            again = false;
            for (String suffix : SUFFIXES) {
                if (s.endsWith(suffix) && s.length() > suffix.length()) {
                    s = s.substring(0, s.length() - suffix.length());
                    again = true;
                }
            }
        }
        return s;
    }

    static Naming name(String fileName, OutputFormat format, Set<String> sequences) {
        String stem = strip(fileName);
        Matcher m = AIST_NAME.matcher(stem);
        if (m.find()) {
            String camera = m.group(3);
            String seq = String.join("_", m.group(1), m.group(2), "cAll", m.group(4), m.group(5), m.group(6));
            String music = m.group(5);
            String note = camera.equals("cAll") ? "" : "camera " + camera + " read as cAll (AIST++'s motions are per choreography)";
            Matcher audio = AUDIO_SUFFIX.matcher(stem.substring(m.end()));
            if (m.group(7) == null && audio.matches() && !audio.group(1).equals(music)) {
                // mint's <motion>_<audio>: an unpaired test, danced to another music
                music = audio.group(1);
                note = (note.isEmpty() ? "" : note + "; ") + "generated for music " + music;
            }
            return new Naming(seq + (m.group(7) == null ? "" : m.group(7)), music, note);
        }
        String unprefixed = format == OutputFormat.EDGE ? EDGE_PREFIX.matcher(stem).replaceFirst("") : stem;
        String core = unprefixed.isEmpty() ? stem : unprefixed;
        if (MUSIC.matcher(core).matches()) {
            List<String> dancing = sequences.stream().filter(s -> {
                AistppName n = AistppName.parse(s);
                return n != null && n.music().equals(core);
            }).sorted().toList();
            if (dancing.size() == 1) {
                return new Naming(dancing.get(0), core, "named after music " + core + ", the only sequence of the dataset dancing to it");
            }
            return new Naming(core, core, dancing.isEmpty() ? "" : "named after music " + core + ", which " + dancing.size()
                    + " sequences of the dataset dance to");
        }
        return new Naming(core, "", "");
    }

    /** The folder given. */
    public Path dir() {
        return dir;
    }

    /** How the folder was read: {@code files}, {@code Choreolab generate folder (joints/)}, {@code AIST++ layout (motions/)}, … */
    public String layout() {
        return layout;
    }

    /** The dances read, by name. */
    public List<Output> outputs() {
        return outputs;
    }

    /** The output of this name, if any. */
    public Optional<Output> output(String name) {
        return outputs.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    /** The motion files that could not be read, one line each naming the file and what was found. */
    public List<Problem> problems() {
        return problems;
    }

    /** Entries that are not motion files (music, pictures, subfolders) and sequences on the ignore list: left alone. */
    public List<Path> ignored() {
        return ignored;
    }

    /**
     * What was read, one phrase per format, frame rate and up axis: {@code "bailando, 60 fps, y up: 40
     * files"}.
     */
    public String describe() {
        Map<String, Integer> groups = new LinkedHashMap<>();
        for (Output o : outputs) {
            groups.merge(String.format(Locale.ROOT, "%s, %s fps, %s up", o.format().id(), fps(o.fps()), o.up().id()), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        groups.forEach((k, v) -> parts.add(k + ": " + v + (v == 1 ? " file" : " files")));
        return String.join("; ", parts);
    }

    private static String fps(double f) {
        return f == Math.rint(f) ? Long.toString((long) f) : Double.toString(f);
    }

    /** The outputs by name, in name order. */
    public Map<String, Output> byName() {
        Map<String, Output> m = new LinkedHashMap<>();
        outputs.forEach(o -> m.put(o.name(), o));
        return Collections.unmodifiableMap(m);
    }
}
