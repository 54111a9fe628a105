package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.testing.RecordingMonitor;
import org.choreolab.testing.Services;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * FACT advancing several sequences in one batch per step gives each the dance the one-at-a-time
 * rollout gives it: different seeds, music, lengths, and one whose music ends before its dance.
 */
class BatchedRolloutTest {

    private static final BundleContext BC = FrameworkUtil.getBundle(BatchedRolloutTest.class).getBundleContext();

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void aBatchDancesAsEachSequenceAlone(String engine) throws IOException {
        MotionGenerator g = Services.await(BC, MotionGenerator.class, "(choreolab.engine=" + engine + ")");
        AudioEncoder fact35 = Services.await(BC, AudioEncoder.class, "(component.name=*$Fact35)");
        try (Dataset d = FactTesting.sample()) {
            List<Sequence> test = d.split("test");
            int[] frames = {260, 150, 300, 200};
            List<GenerationRequest> requests = new ArrayList<>();
            for (int i = 0; i < frames.length; i++) {
                Sequence s = test.get(i % test.size());
                MotionClip truth = d.motion(s);
                AudioFeatures music = fact35.encode(d.music(s).orElseThrow(), 60, -1, Map.of(AudioEncoder.OPTION_MUSIC_ID, s.musicId()));
                Map<String, String> parameters = Map.of();
                if (i == 3) {
                    // music that ends 40 frames into the generated part: by mint's rule (music_end=stop) FACT could not
                    // make one step, so this sequence repeats the music's last frame, per sequence within the batch
                    music = cut(music, 160);
                    parameters = Map.of("music_end", "repeat-last");
                }
                // a seed taken from a different place of each dance, so no two rows of the batch are alike
                MotionClip seed = truth.slice(7 * i, 7 * i + 120);
                requests.add(new GenerationRequest(d, s, music, seed, frames[i], 60, i, "cpu", parameters, null));
            }
            RecordingMonitor counting = new RecordingMonitor();
            List<MotionClip> batched = g.generate(requests, counting);
            assertEquals(requests.size(), batched.size());
            assertEquals(Arrays.stream(frames).sum(), counting.total, "the batch announces the frames of all its sequences");
            assertEquals(Arrays.stream(frames).sum(), counting.worked.get(), "frames reported by the batch");
            // An engine that takes one thread a pass (MXNet) runs as many passes at once as the CPUs allow, the
            // batch dealt into that many groups; the engine's line in `choreolab engines` says how many.
            String inEffect = System.getProperty("choreolab.threads." + engine, "");
            java.util.regex.Matcher calls = java.util.regex.Pattern.compile("(\\d+) calls at once").matcher(inEffect);
            if (engine.equals("MXNet") && Runtime.getRuntime().availableProcessors() >= 2) {
                assertTrue(calls.find(0), "MXNet on " + Runtime.getRuntime().availableProcessors() + " CPUs: " + inEffect);
            }
            String expected = calls.find(0) ? Math.min(Integer.parseInt(calls.group(1)), frames.length) + " batches side by side" : "one batch";
            assertTrue(counting.task.endsWith(expected), engine + ": " + counting.task + "; expected … " + expected + " (" + inEffect + ")");
            for (int i = 0; i < requests.size(); i++) {
                MotionClip alone = g.generate(requests.get(i), ProgressMonitor.NULL);
                MotionClip b = batched.get(i);
                assertEquals(alone.frameCount(), b.frameCount(), "sequence " + i + ": frames");
                float worst = 0, moved = 0;
                for (int f = 0; f < alone.frameCount(); f++) {
                    for (int j = 0; j < 24; j++) {
                        for (int k = 0; k < 3; k++) {
                            worst = Math.max(worst, Math.abs(alone.position(f, j, k) - b.position(f, j, k)));
                            moved = Math.max(moved, Math.abs(alone.position(f, j, k) - alone.position(119, j, k)));
                        }
                    }
                }
                assertTrue(worst < 1e-4, engine + ", sequence " + i + " (" + frames[i] + " frames): batched and alone differ by up to "
                        + worst + " m; expected float rounding only (< 1e-4 m)");
                assertTrue(moved > 0.02, engine + ", sequence " + i + ": FACT froze (joints moved at most " + moved + " m)");
            }
        }
    }

    private static AudioFeatures cut(AudioFeatures f, int frames) {
        float[] all = f.values(new float[f.frameCount() * f.dimensions()]);
        return new AudioFeatures(Arrays.copyOf(all, frames * f.dimensions()), frames, f.dimensionNames(), f.fps());
    }
}
