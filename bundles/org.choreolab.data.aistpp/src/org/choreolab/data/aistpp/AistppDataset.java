package org.choreolab.data.aistpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.Problem;
import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.NumpyPickle;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Smpl;

/**
 * AIST++ on disk, unchanged: {@code motions/<seq>.pkl}, {@code keypoints3d/<seq>.pkl},
 * {@code splits/crossmodal_{train,val,test}.txt}, {@code ignore_list.txt} at the root (sequences every
 * loader drops) and the music WAV files in {@code music/} (or {@code wav/}, {@code audio/}).
 *
 * <p>Opening lists the sequences without reading them. Motion is read on demand: SMPL poses
 * {@code (N, 72)} or {@code (N, 24, 3)}, translation {@code (N, 3)} divided by {@code smpl_scaling}
 * (as the AIST++ API does), world joints by forward kinematics of the neutral SMPL skeleton; 60 fps.
 * Music beat frames are taken from {@code music/<id>.beats.txt} when present (one 60-fps frame index
 * per line; the embedded sample ships them).
 */
public final class AistppDataset implements Dataset {

    public static final double FPS = 60.0;
    public static final List<String> SPLITS = List.of("train", "val", "test");

    private final Path root;
    private final String name;
    private final Path musicDir;
    private final List<Sequence> sequences;
    private final List<String> splits;
    private final List<Problem> problems = new CopyOnWriteArrayList<>();

    private AistppDataset(Path root, String name, Path musicDir, List<Sequence> sequences, List<String> splits,
            List<Problem> problems) {
        this.root = root;
        this.name = name;
        this.musicDir = musicDir;
        this.sequences = List.copyOf(sequences);
        this.splits = List.copyOf(splits);
        this.problems.addAll(problems);
    }

    /** Whether {@code root} has the AIST++ layout (a {@code motions} folder). */
    public static boolean looksLike(Path root) {
        return Files.isDirectory(root.resolve("motions"));
    }

    /**
     * Opens the dataset. With {@code failFast}, every motion file is read and validated now and the
     * first problem is thrown; otherwise problems found while listing are reported and the sequences
     * concerned left out, and a bad motion file is reported when it is read.
     */
    public static AistppDataset open(Path root, String name, boolean failFast) throws IOException {
        Path motions = root.resolve("motions");
        if (!Files.isDirectory(motions)) {
            throw new InvalidInputException(root.toString(), "motions", "not an AIST++ folder: expected a 'motions' folder of <sequence>.pkl files");
        }
        List<Problem> problems = new ArrayList<>();
        Set<String> ignored = ignoreList(root);
        List<String> files;
        try (Stream<Path> s = Files.list(motions)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pkl"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
        Set<String> present = new LinkedHashSet<>(files);
        Map<String, String> splitOf = new LinkedHashMap<>();
        List<String> splits = new ArrayList<>();
        for (String split : SPLITS) {
            Path list = root.resolve("splits").resolve("crossmodal_" + split + ".txt");
            if (!Files.isRegularFile(list)) {
                continue;
            }
            splits.add(split);
            for (String id : readList(list)) {
                if (ignored.contains(id)) {
                    continue;
                }
                if (!present.contains(id)) {
                    problems.add(new Problem(list.toString(), id, "listed in the split, but motions/" + id + ".pkl is missing"));
                    continue;
                }
                String before = splitOf.putIfAbsent(id, split);
                if (before != null && !before.equals(split)) {
                    problems.add(new Problem(list.toString(), id, "also listed in split '" + before + "'; kept there"));
                }
            }
        }
        List<Sequence> sequences = new ArrayList<>();
        for (String id : files) {
            if (ignored.contains(id)) {
                continue;
            }
            AistppName n = AistppName.parse(id);
            if (n == null) {
                problems.add(new Problem(motions.resolve(id + ".pkl").toString(), "name",
                        "does not follow the AIST++ grammar g??_s??_c??_d??_m???_ch?? (kept, without metadata)"));
            }
            sequences.add(new Sequence(id, splitOf.getOrDefault(id, ""), n == null ? "" : n.music(),
                    n == null ? Map.of() : n.metadata()));
        }
        Path music = Stream.of("music", "wav", "audio").map(root::resolve).filter(Files::isDirectory).findFirst()
                .orElse(root.resolve("music"));
        AistppDataset d = new AistppDataset(root, name, music, sequences, splits, problems);
        if (failFast) {
            if (!problems.isEmpty()) {
                Problem p = problems.get(0);
                throw new InvalidInputException(p, null);
            }
            for (Sequence s : sequences) {
                d.motion(s);
            }
        }
        return d;
    }

    /**
     * The sequences every loader drops: {@code ignore_list.txt} at the root (as distributed), else in
     * {@code splits/}; empty when there is none.
     */
    public static Set<String> ignoreList(Path root) throws IOException {
        Set<String> ignored = new LinkedHashSet<>(readList(root.resolve("ignore_list.txt")));
        if (ignored.isEmpty()) {
            ignored.addAll(readList(root.resolve("splits").resolve("ignore_list.txt")));
        }
        return ignored;
    }

    public static AistppDataset open(Path root) throws IOException {
        return open(root, root.getFileName() == null ? root.toString() : root.getFileName().toString(), false);
    }

    /** The most a list file (split, ignore list, beats) may hold: AIST++'s largest is 40 KB. */
    static final long MAX_LIST_BYTES = 16L << 20;

    private static List<String> readList(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (Files.exists(file) && !Files.isDirectory(file)) {
                throw new InvalidInputException(file.toString(), "", "not a regular file (a named pipe, device or socket): expected a text list");
            }
            return List.of();
        }
        long size = Files.size(file);
        if (size > MAX_LIST_BYTES) {
            throw new InvalidInputException(file.toString(), "", "a list of " + size + " bytes: expected a text list of at most "
                    + MAX_LIST_BYTES + " bytes");
        }
        byte[] b;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes((int) MAX_LIST_BYTES);
        }
        return new String(b, StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Sequence> sequences() {
        return sequences;
    }

    @Override
    public List<String> splits() {
        return splits;
    }

    @Override
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    public Path motionFile(Sequence s) {
        return root.resolve("motions").resolve(s.id() + ".pkl");
    }

    @Override
    public MotionClip motion(Sequence s) throws IOException {
        return readMotion(motionFile(s));
    }

    /**
     * Reads every motion file, reporting each bad one in {@link #problems()}, and returns the frame
     * count of each good sequence (for summaries such as {@code dataset info}).
     */
    public Map<String, Integer> scan(ProgressMonitor monitor) {
        Map<String, Integer> frames = new LinkedHashMap<>();
        monitor.begin("Reading " + sequences.size() + " motion files", sequences.size());
        for (Sequence s : sequences) {
            if (monitor.isCanceled()) {
                break;
            }
            try {
                frames.put(s.id(), readSmpl(motionFile(s)).frames());
            } catch (InvalidInputException e) {
                problems.add(e.problem());
            } catch (IOException e) {
                problems.add(new Problem(motionFile(s).toString(), "", "could not be read (" + e.getMessage() + ")"));
            }
            monitor.worked(1);
        }
        return frames;
    }

    /** SMPL parameters as stored: poses (axis-angle, 72 per frame), translation in metres. */
    public record SmplMotion(int frames, float[] poses, float[] translation, double scaling, double loss) {
    }

    /**
     * Reads and validates a motion pickle, without forward kinematics: {@code smpl_poses}
     * {@code (N, 72)} or {@code (N, 24, 3)} with N at least 1, {@code smpl_trans} {@code (N, 3)} and
     * {@code smpl_scaling} (one positive number) are required, every value finite. Anything else is
     * an {@link InvalidInputException} naming the file, the key and what was expected.
     */
    public static SmplMotion readSmpl(Path file) throws IOException {
        return smpl(NumpyPickle.readDict(file), file.toString());
    }

    /**
     * Validates the dict of an AIST++ motion pickle already read (see {@link #readSmpl}); {@code source}
     * names it in errors.
     */
    public static SmplMotion smpl(Map<String, Object> dict, String source) throws InvalidInputException {
        try {
            return parseSmpl(dict, source);
        } catch (RuntimeException e) {
            // Every check below throws InvalidInputException; this keeps a slip from ever reaching the user as a Java message.
            throw new InvalidInputException(new Problem(source, "", "not a readable AIST++ motion pickle"), e);
        }
    }

    private static SmplMotion parseSmpl(Map<String, Object> d, String src) throws InvalidInputException {
        NdArray poses = array(d, "smpl_poses", src);
        NdArray trans = array(d, "smpl_trans", src);
        boolean flat = poses.ndim() == 2 && poses.dim(1) == 72;
        boolean nested = poses.ndim() == 3 && poses.dim(1) == 24 && poses.dim(2) == 3;
        if (!flat && !nested) {
            throw new InvalidInputException(src, "smpl_poses", "expected shape (N, 72) or (N, 24, 3), got " + poses.shapeString());
        }
        int n = poses.dim(0);
        if (n == 0) {
            throw new InvalidInputException(src, "smpl_poses", "expected at least one frame, got shape " + poses.shapeString());
        }
        if (trans.ndim() != 2 || trans.dim(0) != n || trans.dim(1) != 3) {
            throw new InvalidInputException(src, "smpl_trans", "expected shape (" + n + ", 3) to match smpl_poses, got " + trans.shapeString());
        }
        double scaling;
        Object sc = d.get("smpl_scaling");
        if (sc == null) {
            // Without it the translation stays in AIST++'s scaled units (about 90-100 times metres): refuse, never guess.
            throw new InvalidInputException(src, "smpl_scaling", "missing (keys present: " + NumpyPickle.keys(d.keySet())
                    + "); AIST++ divides smpl_trans by it to get metres: expected one positive number, shape (1,)");
        } else if (sc instanceof NdArray a) {
            if (a.size() != 1) {
                throw new InvalidInputException(src, "smpl_scaling", "expected one value (shape (1,)), got " + a.shapeString());
            }
            scaling = a.get(0);
        } else if (sc instanceof Number num && !(sc instanceof Boolean)) {
            scaling = num.doubleValue();
        } else {
            throw new InvalidInputException(src, "smpl_scaling", "expected a number or an array of shape (1,), got a " + NumpyPickle.typeName(sc));
        }
        if (!(scaling > 0) || Double.isInfinite(scaling)) {
            throw new InvalidInputException(src, "smpl_scaling", "expected a positive scale, got " + scaling);
        }
        float[] p = poses.toFloats();
        float[] t = new float[3 * n];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (trans.get(i) / scaling);
        }
        checkFinite(p, 72, src, "smpl_poses");
        checkFinite(t, 3, src, "smpl_trans");
        double loss = d.get("smpl_loss") instanceof Number l ? l.doubleValue() : Double.NaN;
        return new SmplMotion(n, p, t, scaling, loss);
    }

    /** Reads a motion pickle as a 60-fps clip on the neutral SMPL skeleton, with world joints. */
    public static MotionClip readMotion(Path file) throws IOException {
        return motion(readSmpl(file));
    }

    /** A 60-fps clip on the neutral SMPL skeleton, with world joints by forward kinematics. */
    public static MotionClip motion(SmplMotion m) {
        float[] positions = new ForwardKinematics(Smpl.NEUTRAL).compute(m.translation(), m.poses(), m.frames(),
                new float[72 * m.frames()]);
        return new MotionClip(Smpl.NEUTRAL, FPS, m.translation(), m.poses(), positions);
    }

    private static NdArray array(Map<String, Object> d, String key, String src) throws InvalidInputException {
        Object o = d.get(key);
        if (o == null) {
            throw new InvalidInputException(src, key, "missing (keys present: " + NumpyPickle.keys(d.keySet()) + ")");
        }
        if (!(o instanceof NdArray a)) {
            throw new InvalidInputException(src, key, "expected a numeric numpy array, got a " + NumpyPickle.typeName(o));
        }
        return a;
    }

    private static void checkFinite(float[] v, int stride, String src, String key) throws InvalidInputException {
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new InvalidInputException(src, key, "non-finite value " + v[i] + " at frame " + i / stride);
            }
        }
    }

    /**
     * The 3-D keypoints of a sequence as stored ({@code (N, 17, 3)}, COCO joint order, centimetres):
     * {@code keypoints3d_optim} when {@code optimized}, else {@code keypoints3d}.
     */
    public Optional<NdArray> keypoints3d(Sequence s, boolean optimized) throws IOException {
        Path f = root.resolve("keypoints3d").resolve(s.id() + ".pkl");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        String key = optimized ? "keypoints3d_optim" : "keypoints3d";
        NdArray a = array(NumpyPickle.readDict(f), key, f.toString());
        if (a.ndim() != 3 || a.dim(1) != 17 || a.dim(2) != 3) {
            throw new InvalidInputException(f.toString(), key, "expected shape (N, 17, 3), got " + a.shapeString());
        }
        return Optional.of(a);
    }

    @Override
    public Optional<Path> music(Sequence s) {
        if (s.musicId().isEmpty()) {
            return Optional.empty();
        }
        Path wav = musicDir.resolve(s.musicId() + ".wav");
        return Files.isRegularFile(wav) ? Optional.of(wav) : Optional.empty();
    }

    @Override
    public Optional<int[]> musicBeats(Sequence s, double fps) {
        Path f = musicDir.resolve(s.musicId() + ".beats.txt");
        if (s.musicId().isEmpty() || !Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            List<String> lines = readList(f);
            int[] beats = new int[lines.size()];
            for (int i = 0; i < beats.length; i++) {
                int frame60;
                try {
                    frame60 = Integer.parseInt(lines.get(i));
                } catch (NumberFormatException e) {
                    throw new UncheckedIOException(new InvalidInputException(f.toString(), "line " + (i + 1),
                            "expected a beat frame index (an integer), got '" + lines.get(i) + "'"));
                }
                beats[i] = (int) Math.round(frame60 * fps / FPS);
            }
            return Optional.of(beats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
