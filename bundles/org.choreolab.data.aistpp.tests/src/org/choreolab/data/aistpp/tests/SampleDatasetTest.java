package org.choreolab.data.aistpp.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.data.aistpp.AistppDataset;
import org.choreolab.data.aistpp.AistppName;
import org.choreolab.data.aistpp.SampleDataset;
import org.choreolab.metrics.GeometricFeatures;
import org.choreolab.metrics.Joints;
import org.choreolab.metrics.KineticFeatures;
import org.choreolab.metrics.Protocol;
import org.choreolab.motion.Smpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded sample must make every metric defined and meaningful: a FID pool well above the 72
 * kinetic and 32 geometric dimensions, every geometric feature switched on somewhere (else the
 * reference normalisation divides by 1e-10), full-rank feature covariances, an AIST++-like layout and
 * split, plausible motion, and the same bytes on every machine.
 */
class SampleDatasetTest {

    private static final List<String> GENRES = List.of("gBR", "gPO", "gLO", "gMH", "gLH", "gHO", "gWA", "gKR", "gJS", "gJB");

    @TempDir
    static Path tmp;
    private static Path root;
    private static AistppDataset sample;
    /** Per sequence of the pool (every sequence not ignored), as the bailando protocol scores ground truth. */
    private static final List<double[]> KINETIC = new ArrayList<>(), GEOMETRIC = new ArrayList<>(), GEOMETRIC_PAPER = new ArrayList<>();
    private static final List<MotionClip> CLIPS = new ArrayList<>();

    @BeforeAll
    static void generate() throws IOException {
        root = SampleDataset.ensure(tmp.resolve("sample"));
        sample = AistppDataset.open(root);
        for (Sequence s : sample.sequences()) {
            MotionClip c = sample.motion(s);
            CLIPS.add(c);
            Joints w = Protocol.BAILANDO.featureWindows(c, true).get(0);
            KINETIC.add(KineticFeatures.extract(w, 1 / 60.0));
            GEOMETRIC.add(GeometricFeatures.extract(w, GeometricFeatures.Variant.FIXED));
            GEOMETRIC_PAPER.add(GeometricFeatures.extract(Protocol.FACT_PAPER.featureWindows(c, true).get(0), GeometricFeatures.Variant.PAPER));
        }
    }

    @Test
    void layoutSplitsGenresAndLengthsAreAistppLike() throws IOException {
        assertTrue(sample.problems().isEmpty(), sample.problems().toString());
        assertEquals(List.of("train", "val", "test"), sample.splits());
        List<Sequence> test = sample.split("test"), val = sample.split("val"), train = sample.split("train");
        assertEquals(20, test.size(), "splits/crossmodal_test.txt: AIST++'s test split has 20 sequences");
        assertEquals(20, val.size(), "splits/crossmodal_val.txt");
        assertEquals(90, train.size(), "splits/crossmodal_train.txt without its ignored sequences");
        assertEquals(130, sample.sequences().size(), "the FID pool (every sequence not ignored), well above 72 dimensions");
        // The ignore list: listed in a split, present on disk, dropped by the reader.
        List<String> ignored = Files.readAllLines(root.resolve("ignore_list.txt"));
        assertFalse(ignored.isEmpty(), "ignore_list.txt: expected at least one sequence");
        List<String> trainList = Files.readAllLines(root.resolve("splits/crossmodal_train.txt"));
        for (String id : ignored) {
            assertTrue(Files.isRegularFile(root.resolve("motions/" + id + ".pkl")), id);
            assertTrue(trainList.contains(id), "ignored " + id + " is listed in the train split, as AIST++ does");
            assertTrue(sample.sequence(id).isEmpty(), "ignored " + id + " is dropped");
        }
        assertEquals(SampleDataset.sequenceIds().size(), sample.sequences().size() + ignored.size());
        // Genres, situations, dancers and music per genre; names in the grammar.
        Map<String, Set<String>> dancers = new TreeMap<>(), music = new TreeMap<>(), situations = new TreeMap<>();
        for (Sequence s : sample.sequences()) {
            AistppName n = AistppName.parse(s.id());
            assertTrue(n != null && n.camera().equals("cAll"), s.id() + ": expected AIST++'s grammar g??_s??_cAll_d??_m???_ch??");
            assertEquals(n.genre().substring(1), n.music().substring(1, 3), s.id() + ": music of the sequence's genre");
            dancers.computeIfAbsent(n.genre(), k -> new TreeSet<>()).add(n.dancer());
            music.computeIfAbsent(n.genre(), k -> new TreeSet<>()).add(n.music());
            situations.computeIfAbsent(n.genre(), k -> new TreeSet<>()).add(n.situation());
        }
        assertEquals(new TreeSet<>(GENRES), dancers.keySet(), "all ten AIST++ genres");
        for (String g : GENRES) {
            assertEquals(Set.of("sBM", "sFM"), situations.get(g), g + ": basic and advanced choreographies");
            assertTrue(dancers.get(g).size() >= 3, g + ": several dancers, got " + dancers.get(g));
            assertTrue(music.get(g).size() >= 3, g + ": several music tracks, got " + music.get(g));
        }
        // Crossmodal: no test or validation music is heard in training.
        Set<String> trainMusic = new HashSet<>();
        train.forEach(s -> trainMusic.add(s.musicId()));
        for (Sequence s : concat(test, val)) {
            assertFalse(trainMusic.contains(s.musicId()), s.id() + ": its music " + s.musicId() + " is also in the train split");
        }
        // Lengths: 8 to 40 s over the pool, long ones beyond the 1,200-frame crop; test moderate.
        double shortest = Double.MAX_VALUE, longest = 0;
        for (int i = 0; i < CLIPS.size(); i++) {
            double sec = CLIPS.get(i).frameCount() / 60.0;
            shortest = Math.min(shortest, sec);
            longest = Math.max(longest, sec);
        }
        assertTrue(shortest >= 8 && shortest < 9, "shortest sequence " + shortest + " s, expected 8–9 s");
        assertTrue(longest > 35 && longest <= 40, "longest sequence " + longest + " s, expected 35–40 s (beyond the 20-s crop)");
        for (Sequence s : test) {
            int frames = sample.motion(s).frameCount();
            assertTrue(frames >= 480 && frames <= 24 * 60, s.id() + ": " + frames + " frames, test sequences 8–24 s");
        }
    }

    @Test
    void musicIsAtTheTempoOfItsIdWithBeatFilesAndCoversEveryDance() throws IOException {
        Map<String, Integer> longest = new TreeMap<>();
        for (int i = 0; i < CLIPS.size(); i++) {
            longest.merge(sample.sequences().get(i).musicId(), CLIPS.get(i).frameCount(), Math::max);
        }
        for (Map.Entry<String, Integer> m : longest.entrySet()) {
            String id = m.getKey();
            Path wav = root.resolve("music/" + id + ".wav");
            ByteBuffer h = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(1, h.getShort(20), wav + ": PCM");
            assertEquals(1, h.getShort(22), wav + ": mono");
            int rate = h.getInt(24);
            double seconds = h.getInt(40) / 2.0 / rate;
            assertTrue(seconds >= m.getValue() / 60.0, wav + ": " + seconds + " s, shorter than a dance on it (" + m.getValue() / 60.0 + " s)");
            List<Integer> beats = Files.readAllLines(root.resolve("music/" + id + ".beats.txt")).stream().map(Integer::parseInt).toList();
            double period = 60.0 * 60 / AistppName.tempoOf(id);
            double meanGap = (beats.get(beats.size() - 1) - beats.get(0)) / (double) (beats.size() - 1);
            assertEquals(period, meanGap, 0.05, id + ".beats.txt: mean gap in frames, at the tempo of the music id");
            for (int k = 1; k < beats.size(); k++) {
                assertEquals(period, beats.get(k) - beats.get(k - 1), 1.0, id + ".beats.txt line " + (k + 1));
            }
        }
    }

    @Test
    void everyGeometricFeatureFiresSomewhereAndVariesOverThePool() {
        List<double[]> set = GEOMETRIC;
        for (int k = 0; k < GeometricFeatures.DIMS; k++) {
            int fires = 0, always = 0;
            for (double[] g : set) {
                fires += g[k] > 0 ? 1 : 0;
                always += g[k] >= 1 ? 1 : 0;
            }
            // Each feature must vary over the pool, or the reference normalisation divides by 1e-10. Feature 4 (= 5,
            // the chest moving away from the belly faster than 0.23 m/s) needs a snap of a deeply bent spine joint
            // and fires in a few frames of a few sequences: hence the low bound on the standard deviation.
            assertTrue(fires >= 5, "geometric feature " + k + " fires in " + fires + " sequences, expected ≥ 5");
            assertTrue(always < set.size() / 2, "geometric feature " + k + " is on in every frame of " + always + " sequences");
            assertTrue(stats(set, k)[1] > 0.002, "geometric feature " + k + ": standard deviation over the pool "
                    + stats(set, k)[1] + ", expected > 0.002");
        }
    }

    /**
     * The paper extractor (protocol fact-paper) reads other joints than its names say (fairmotion's
     * 22-name list over SMPL's 24 joints, docs/METRICS.md), so its predicates fire on other motions than
     * the sample's vocabulary was made for. The features it leaves constant over the pool are known and
     * listed here, so that a change of the sample or the extractor that adds one fails; under fact-paper
     * the metrics flag them (near_constant_feature) beside the value.
     */
    @Test
    void thePaperExtractorLeavesOnlyTheKnownFeaturesConstantOverThePool() {
        List<Integer> constant = new java.util.ArrayList<>();
        for (int k = 0; k < GeometricFeatures.DIMS; k++) {
            double[] ms = stats(GEOMETRIC_PAPER, k);
            if (!(ms[1] > 1e-6 * Math.abs(ms[0]) + 1e-8)) {
                constant.add(k);
            }
        }
        assertEquals(KNOWN_CONSTANT_UNDER_PAPER, constant, "geometric features constant over the pool under the paper extractor");
    }

    static final List<Integer> KNOWN_CONSTANT_UNDER_PAPER = List.of(7, 8, 14, 15, 17, 19, 20, 23, 24, 25, 26, 27, 30);

    @Test
    void kineticFeaturesAreNeverNearConstantOverThePool() {
        for (int k = 0; k < KineticFeatures.DIMS; k++) {
            double[] ms = stats(KINETIC, k);
            assertTrue(ms[1] / Math.abs(ms[0]) >= 0.1, "kinetic feature " + k + " (joint " + Smpl.JOINT_NAMES.get(k / 3) + "): "
                    + "coefficient of variation over the pool " + ms[1] / Math.abs(ms[0]) + ", expected ≥ 0.1");
        }
    }

    @Test
    void featureCovariancesOfThePoolAreFullRankAndConditioned() {
        // FID normalises each feature by the pool's standard deviation: what matters is the correlation matrix.
        double kinetic = conditionOfCorrelation(KINETIC, null);
        // Chest, neck and both collars are rigidly attached to the chest joint and nearly coplanar (the chest lies
        // 8 mm off the others' plane), and the reference's energy expenditure is ~3540 × the mean distance from the
        // start, so these four features are almost an affine combination of each other in any SMPL data: a
        // condition number near 1e7 is the floor; a rank-deficient pool is above 1e15.
        assertTrue(kinetic < 1e8, "kinetic correlation matrix of the pool: condition number " + kinetic + ", expected < 1e8");
        // The reference computes feature 5 as a copy of feature 4 (f_move ignores its fourth joint, so both are the
        // chest moving away from the belly): the 32 × 32 covariance has rank 31 in any data. The other 31 are checked.
        for (double[] g : GEOMETRIC) {
            assertEquals(g[4], g[5], 0.0, "geometric features 4 and 5 are the same predicate");
        }
        double geometric = conditionOfCorrelation(GEOMETRIC, 5);
        assertTrue(geometric < 1e4, "geometric correlation matrix (features 5 left out): condition number " + geometric + ", expected < 1e4");
    }

    @Test
    void motionIsPhysicallyPlausible() {
        double[] o = Smpl.NEUTRAL.offsets();
        for (int i = 0; i < CLIPS.size(); i++) {
            MotionClip c = CLIPS.get(i);
            String id = sample.sequences().get(i).id();
            double farthest = 0;
            for (int f = 0; f < c.frameCount(); f++) {
                double lowest = Double.MAX_VALUE, foot = Double.MAX_VALUE;
                for (int j = 0; j < Smpl.JOINTS; j++) {
                    lowest = Math.min(lowest, c.position(f, j, 1));
                }
                // Toe joints sit ~2 cm above the sole, ankles ~8 cm.
                foot = Math.min(Math.min(c.position(f, 10, 1), c.position(f, 11, 1)),
                        Math.min(c.position(f, 7, 1), c.position(f, 8, 1)) - 0.06);
                assertTrue(lowest > -0.005, id + " frame " + f + ": a joint " + -lowest + " m below the floor");
                assertTrue(foot < 0.03, id + " frame " + f + ": both feet " + foot + " m off the floor");
                farthest = Math.max(farthest, Math.hypot(c.position(f, 0, 0) - c.position(0, 0, 0), c.position(f, 0, 2) - c.position(0, 0, 2)));
                if (f % 10 == 0) {
                    for (int j = 1; j < Smpl.JOINTS; j++) {
                        int p = Smpl.PARENTS[j];
                        double len = Math.sqrt(Math.pow(c.position(f, j, 0) - c.position(f, p, 0), 2)
                                + Math.pow(c.position(f, j, 1) - c.position(f, p, 1), 2) + Math.pow(c.position(f, j, 2) - c.position(f, p, 2), 2));
                        double rest = Math.sqrt(o[3 * j] * o[3 * j] + o[3 * j + 1] * o[3 * j + 1] + o[3 * j + 2] * o[3 * j + 2]);
                        assertEquals(rest, len, 1e-4, id + " frame " + f + ": bone to joint " + Smpl.JOINT_NAMES.get(j));
                    }
                }
            }
            assertTrue(farthest < 3, id + ": the root travels " + farthest + " m from where it started");
        }
    }

    @Test
    void generationIsDeterministic() throws IOException {
        Path again = Files.createDirectories(tmp.resolve("again"));
        SampleDataset.write(again);
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).map(root::relativize).filter(p -> !p.toString().startsWith(".")).sorted().toList();
        }
        try (Stream<Path> s = Files.walk(again)) {
            assertEquals(files.size(), s.filter(Files::isRegularFile).count(), "same number of files");
        }
        assertTrue(files.size() > 170, "motions, music, beats, splits: " + files.size());
        for (Path f : files) {
            assertArrayEquals(Files.readAllBytes(root.resolve(f)), Files.readAllBytes(again.resolve(f)), f + " differs between two generations");
        }
    }

    private static List<Sequence> concat(List<Sequence> a, List<Sequence> b) {
        List<Sequence> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Mean and sample standard deviation of feature k over the set. */
    private static double[] stats(List<double[]> set, int k) {
        double mean = 0, var = 0;
        for (double[] r : set) {
            mean += r[k] / set.size();
        }
        for (double[] r : set) {
            var += (r[k] - mean) * (r[k] - mean) / (set.size() - 1);
        }
        return new double[] {mean, Math.sqrt(var)};
    }

    /** Largest over smallest eigenvalue of the features' correlation matrix, leaving out feature {@code skip}. */
    private static double conditionOfCorrelation(List<double[]> set, Integer skip) {
        int all = set.get(0).length;
        int[] keep = java.util.stream.IntStream.range(0, all).filter(k -> skip == null || k != skip).toArray();
        int d = keep.length;
        double[] mean = new double[d], sd = new double[d];
        for (int i = 0; i < d; i++) {
            double[] ms = stats(set, keep[i]);
            mean[i] = ms[0];
            sd[i] = ms[1];
            assertTrue(sd[i] > 0, "feature " + keep[i] + " is constant over the pool");
        }
        double[][] c = new double[d][d];
        for (double[] r : set) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += (r[keep[i]] - mean[i]) * (r[keep[j]] - mean[j]) / ((set.size() - 1) * sd[i] * sd[j]);
                }
            }
        }
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(c, false)).getRealEigenvalues();
        Arrays.sort(ev);
        return ev[0] <= 0 ? Double.POSITIVE_INFINITY : ev[d - 1] / ev[0];
    }
}
