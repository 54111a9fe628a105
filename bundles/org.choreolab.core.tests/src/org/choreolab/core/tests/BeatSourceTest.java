package org.choreolab.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.choreolab.api.Problem;
import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.Audio;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.testing.Fakes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the runner takes music beats from when a dataset lists none: the audio encoder registered with
 * the service property {@code choreolab.beat.feature}, reading the column that property names; not an
 * encoder chosen by a hard-coded id or column.
 */
class BeatSourceTest {

    @TempDir
    Path tmp;

    private FrameworkFixture framework;

    @BeforeEach
    void setUp() {
        framework = new FrameworkFixture(BeatSourceTest.class);
    }

    @AfterEach
    void tearDown() {
        framework.close();
    }

    /** One second of features at 60 fps: the column {@code pulse} has a one every {@code pulse} frames, {@code beat} one every 10. */
    record Pulses(String id, int pulse) implements AudioEncoder {
        @Override public String name() { return id; }
        @Override public List<String> dimensionNames() { return List.of("pulse", "beat"); }
        @Override public double defaultFps() { return 60; }
        @Override public AudioFeatures encode(Audio audio, double fps, int frames, Map<String, String> options) {
            throw new UnsupportedOperationException("reads the file itself");
        }
        @Override public AudioFeatures encode(Path file, double fps, int frames, Map<String, String> options) {
            int n = (int) Math.round(fps);
            float[] v = new float[2 * n];
            for (int t = 0; t < n; t++) {
                v[2 * t] = t % pulse == 0 ? 1 : 0;
                v[2 * t + 1] = t % 10 == 0 ? 1 : 0;
            }
            return new AudioFeatures(v, n, dimensionNames(), fps);
        }
    }

    @Test
    void theRunnerTakesBeatsFromTheEncoderOfferingThemAndReadsTheColumnItNames() throws Exception {
        Path wav = Files.writeString(tmp.resolve("m.wav"), "not really audio");
        Dataset data = new Dataset() {
            final Fakes.Data motion = new Fakes.Data();
            @Override public Path root() { return tmp; }
            @Override public String name() { return "with music"; }
            @Override public List<Sequence> sequences() { return motion.sequences(); }
            @Override public List<String> splits() { return motion.splits(); }
            @Override public MotionClip motion(Sequence s) throws IOException { return motion.motion(s); }
            @Override public Optional<Path> music(Sequence s) { return Optional.of(wav); }
            @Override public List<Problem> problems() { return List.of(); }
        };
        framework.register(DatasetReader.class, new DatasetReader() {
            @Override public String id() { return "music-reader"; }
            @Override public String name() { return "With music"; }
            @Override public boolean accepts(Path root) { return false; }
            @Override public Dataset open(Path root, boolean failFast) throws IOException { throw new IOException("no"); }
            @Override public Optional<Dataset> openEmbedded() { return Optional.of(data); }
        });
        List<int[]> beats = new CopyOnWriteArrayList<>();
        framework.register(Metric.class, new Metric() {
            @Override public String id() { return "beats_seen"; }
            @Override public String name() { return "Beats seen"; }
            @Override public List<String> protocols() { return List.of("bailando"); }
            @Override public boolean needsMusicBeats() { return true; }
            @Override public SequenceValues sequence(MetricInput in) {
                beats.add(in.musicBeats().clone());
                return new SequenceValues(in.sequenceId(), Map.of(), Map.of("n", (double) in.musicBeats().length));
            }
            @Override public double summarize(List<SequenceValues> g, List<SequenceValues> t, String p) { return 0; }
        });
        // An encoder under the old hard-coded id, without the property: not the beat source while one offers beats.
        framework.register(AudioEncoder.class, new Pulses("beats", 5));
        Hashtable<String, Object> offering = new Hashtable<>();
        offering.put(org.choreolab.api.Component.ID_PROPERTY, "pulses");
        offering.put("choreolab.beat.feature", "pulse");
        framework.register(AudioEncoder.class, new Pulses("pulses", 20), offering);

        ExperimentRunner runner = framework.await(ExperimentRunner.class);
        Experiment ex = new Experiment("", "test", "", List.of(), List.of("beats_seen"), null, 0, 0, null, 0, Map.of());
        ExperimentResult r = runner.run(ex, ProgressMonitor.NULL, ExperimentListener.NONE);
        assertEquals(3, beats.size(), "the ground truth's three test sequences: " + r.problems());
        for (int[] b : beats) {
            assertEquals("[0, 20, 40]", Arrays.toString(b),
                    "beats from 'pulses' (choreolab.beat.feature=pulse), not its 'beat' column nor the 'beats' encoder");
        }
        assertFalse(r.rows().get(0).sequences().values().stream().anyMatch(o -> !o.metricErrors().isEmpty()), r.rows().toString());
    }
}
