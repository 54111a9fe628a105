package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.model.ModelTrainer;
import org.choreolab.api.model.TrainingOptions;
import org.choreolab.api.model.TrainingReport;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.TrainingData;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.model.fact.internal.FactModel;
import org.choreolab.model.fact.internal.FactTrainer;
import org.choreolab.model.fact.internal.FactTrainingData;
import org.choreolab.model.fact.internal.Feedback;
import org.choreolab.motion.FactMotion;

import com.fasterxml.jackson.databind.JsonNode;
import org.choreolab.testing.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/** FACT's training loop on the embedded sample, through the trainer service as `choreolab train fact` uses it. */
class FactTrainingTest {

    private static ModelTrainer trainer() {
        return Services.await(FrameworkUtil.getBundle(FactTrainingTest.class).getBundleContext(), ModelTrainer.class, "(component.name=*FactTrainer)");
    }

    private static Map<String, String> tiny() {
        Map<String, String> o = new HashMap<>(FactTesting.TINY.toOptions());
        // mint's random windows; the sample's 90 training dances, 5 windows each: 450 windows, 29 batches of 16 an epoch
        o.put("windows", "5");
        return o;
    }

    @Test
    void theLossFallsOnPyTorchAndTheModelIsWritten(@TempDir Path out) throws IOException {
        try (Dataset d = FactTesting.sample()) {
            TrainingReport r = trainer().train(d, BackendConformanceTest.backend("PyTorch"), "cpu", tiny(),
                    new TrainingOptions(4, 16, 1e-3f, 1), out, ProgressMonitor.NULL);
            assertEquals(4, r.epochLoss().size());
            assertTrue(r.epochLoss().get(3) < 0.8 * r.epochLoss().get(0), "loss did not fall: " + r.epochLoss());
            FactModel m = FactModel.read(out);
            assertEquals(FactTesting.TINY, m.config());
            assertTrue(m.trainedOn().contains("train split"), m.trainedOn());
            JsonNode t = m.info().path("trained");
            assertEquals(4, t.path("epochLoss").size());
            assertEquals(Feedback.RAW, m.feedback(), "trained as mint: meant for mint's raw feedback");
            assertEquals("random", t.path("sampling").asText());
            assertEquals(5, t.path("windowsPerSequence").asInt());
            assertEquals(0, t.path("inputNoise").asDouble());
            assertEquals("mint", t.path("schedule").asText());
            assertEquals(1, t.path("learningRates").size(), "mint's first rate change is at step 100000: " + t.path("learningRates"));
            assertEquals("5", t.path("options").path("windows").asText(), "the options as given");
            assertEquals(4 * Math.ceil(t.path("examples").asInt() / 16.0), t.path("steps").asDouble());
            assertTrue(t.path("seconds").asDouble() > 0);
            assertTrue(t.path("loss").asText().contains("mean squared error"), t.path("loss").asText());
        }
    }

    @Test
    void theLossFallsOnMxNetToo(@TempDir Path out) throws IOException {
        try (Dataset d = FactTesting.sample()) {
            TrainingReport r = trainer().train(d, BackendConformanceTest.backend("MXNet"), "cpu", tiny(),
                    new TrainingOptions(3, 16, 1e-3f, 1), out, ProgressMonitor.NULL);
            assertTrue(r.epochLoss().get(2) < 0.8 * r.epochLoss().get(0), "loss did not fall: " + r.epochLoss());
        }
    }

    @Test
    void aCancelKeepsWhatWasLearntAndSaysSo(@TempDir Path out) throws IOException {
        int[] batches = {0};
        ProgressMonitor stopAfterTwo = new ProgressMonitor() {
            @Override public void begin(String task, int totalWork) { }
            @Override public void worked(int units) { batches[0] += units; }
            @Override public boolean isCanceled() { return batches[0] >= 40; }
        };
        try (Dataset d = FactTesting.sample()) {
            TrainingReport r = trainer().train(d, BackendConformanceTest.backend("PyTorch"), "cpu", tiny(),
                    new TrainingOptions(50, 16, 1e-3f, 1), out, stopAfterTwo);
            assertTrue(r.canceled());
            assertTrue(r.epochLoss().size() < 50);
            assertTrue(FactModel.read(out).info().path("trained").path("canceled").asBoolean());
        }
    }

    /**
     * mint's fact_preprocessing: every draw of a sequence takes a window starting uniformly in
     * [0, frames − 240]; motion [s, s+120), music [s, s+240) in, motion [s+120, s+140) out.
     */
    @Test
    void windowsStartAtRandomAsMintDrawsThem() throws IOException {
        try (Dataset d = FactTesting.sample()) {
            Sequence s = d.split("train").get(0);
            AudioEncoder fact35 = Services.await(FrameworkUtil.getBundle(FactTrainingTest.class).getBundleContext(), AudioEncoder.class,
                    "(component.name=*$Fact35)");
            FactTrainingData data = FactTrainingData.build(d, List.of(s), fact35, FactTesting.TINY, ProgressMonitor.NULL).random(1, 11);
            assertEquals(1, data.size(), "one window per sequence and epoch, as mint's pass over its records");
            MotionClip clip = d.motion(s);
            int t = clip.frameCount();
            float[] motion = FactMotion.encode(clip, new float[t * 225]);
            float[] music = fact35.encode(d.music(s).orElseThrow(), 60, t, Map.of(AudioEncoder.OPTION_MUSIC_ID, s.musicId()))
                    .values(new float[t * 35]);
            Set<Integer> starts = new HashSet<>();
            for (int draw = 0; draw < 300; draw++) {
                TrainingData.Batch b = data.batch(new int[] {0});
                float[] in = b.inputs().get(0).data(), audio = b.inputs().get(1).data(), label = b.label().data();
                int start = -1;
                for (int st = 0; st + 240 <= t && start < 0; st++) {
                    if (Arrays.equals(in, Arrays.copyOfRange(motion, st * 225, (st + 120) * 225))) {
                        start = st;
                    }
                }
                assertTrue(start >= 0, "draw " + draw + ": the motion input is no window of the sequence starting in [0, " + (t - 240) + "]");
                assertArrayEquals(Arrays.copyOfRange(motion, (start + 120) * 225, (start + 140) * 225), label, "label: the next 20 frames");
                assertArrayEquals(Arrays.copyOfRange(music, start * 35, (start + 240) * 35), audio, "music: 240 frames from the same start");
                starts.add(start);
            }
            int max = t - 240;
            assertTrue(starts.size() > 100, "starts vary: " + starts.size() + " different of 300 draws in [0, " + max + "]");
            assertTrue(starts.stream().mapToInt(Integer::intValue).min().getAsInt() < max / 10 && starts.stream().mapToInt(Integer::intValue).max().getAsInt() > max * 9 / 10,
                    "starts cover [0, " + max + "]: " + new TreeSet<>(starts));
        }
    }

    @Test
    void mintsLearningRateScheduleFallsTenfoldAtStepsOneHundredAndOneHundredFiftyThousand() {
        // 32 steps per epoch: step 100000 begins epoch 3125, step 150000 epoch 4688 (the first epoch beginning at or after it)
        assertPhases("0@0:1e-4 3125@100000:1e-5 4688@150016:1e-6", FactTrainer.phases("mint", 1e-4f, 6000, 32));
        assertPhases("0@0:1e-4", FactTrainer.phases("mint", 1e-4f, 3125, 32));
        assertPhases("0@0:1e-3", FactTrainer.phases("constant", 1e-3f, 9000, 32));
        assertPhases("0@0:1e-3 2@20:5e-4", FactTrainer.phases("15:5e-4", 1e-3f, 10, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FactTrainer.phases("100:fast", 1e-3f, 10, 10));
        assertTrue(e.getMessage().startsWith("schedule: expected mint, constant or STEP:RATE"), e.getMessage());
    }

    /** "epoch@step:rate …", rates compared to float precision. */
    private static void assertPhases(String expected, List<FactTrainer.Phase> phases) {
        String[] e = expected.split(" ");
        assertEquals(e.length, phases.size(), phases.toString());
        for (int i = 0; i < e.length; i++) {
            FactTrainer.Phase p = phases.get(i);
            String[] at = e[i].split("[@:]");
            assertEquals(Integer.parseInt(at[0]), p.fromEpoch(), phases.toString());
            assertEquals(Long.parseLong(at[1]), p.fromStep(), phases.toString());
            assertEquals(Double.parseDouble(at[2]), p.learningRate(), Double.parseDouble(at[2]) * 1e-6, phases.toString());
        }
    }

    @Test
    void badOptionsAndEmptySplitsAreNamed(@TempDir Path out) throws IOException {
        try (Dataset d = FactTesting.sample()) {
            Map<String, String> o = tiny();
            o.put("heads", "3");
            IOException e = assertThrows(IOException.class, () -> trainer().train(d, BackendConformanceTest.backend("PyTorch"), "cpu",
                    o, new TrainingOptions(1, 8, 1e-3f, 1), out, ProgressMonitor.NULL));
            assertTrue(e.getMessage().contains("hidden"), e.getMessage());
            Map<String, String> s = tiny();
            s.put("split", "nope");
            e = assertThrows(IOException.class, () -> trainer().train(d, BackendConformanceTest.backend("PyTorch"), "cpu",
                    s, new TrainingOptions(1, 8, 1e-3f, 1), out, ProgressMonitor.NULL));
            assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
            Map<String, String> w = tiny();
            w.put("sampling", "sometimes");
            e = assertThrows(IOException.class, () -> trainer().train(d, BackendConformanceTest.backend("PyTorch"), "cpu",
                    w, new TrainingOptions(1, 8, 1e-3f, 1), out, ProgressMonitor.NULL));
            assertEquals("option expected random (mint's) or stride, got 'sometimes'", e.getMessage());
            Map<String, String> f = tiny();
            f.put("feedback", "both");
            e = assertThrows(IOException.class, () -> trainer().train(d, BackendConformanceTest.backend("PyTorch"), "cpu",
                    f, new TrainingOptions(1, 8, 1e-3f, 1), out, ProgressMonitor.NULL));
            assertTrue(e.getMessage().contains("'both'"), e.getMessage());
            assertFalse(java.nio.file.Files.exists(out.resolve(FactModel.PARAMS)));
        }
    }
}
