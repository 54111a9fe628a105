package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.choreolab.api.model.Network;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npz;
import org.choreolab.model.fact.internal.FactModel;
import org.choreolab.model.fact.internal.FactRollout;
import org.choreolab.model.fact.internal.Feedback;
import org.choreolab.motion.Autoregression;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #14: FACT's rollout is mint's. The reference ({@code fact-rollout/fact-rollout.npz}) is a numpy
 * restatement of mint's {@code FACTModel.call} and {@code infer_auto_regressive} run in float64 with
 * the parameters of a small FACT kept beside it ({@code fact-rollout/model/}, the model Choreolab shipped
 * until 2026-12-01) on a fixed seed and music window: 30 steps, the music window running out after the
 * 30th (see the reference README).
 */
class FactRolloutTest {

    /** The model the reference was computed with, on this engine. */
    static Network referenceModel(String engine) throws IOException {
        FactModel m = FactModel.read(Reference.file("fact-rollout/model"));
        Network n = BackendConformanceTest.backend(engine).network(FactModel.CODE, m.config().toOptions(), "cpu");
        n.loadParameters(m.params());
        return n;
    }

    static Network shipped(String engine, Path tmp) throws IOException {
        FactModel m = FactModel.shipped(tmp.resolve("model"));
        Network n = BackendConformanceTest.backend(engine).network(FactModel.CODE, m.config().toOptions(), "cpu");
        n.loadParameters(m.params());
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void rawFeedbackIsMintsInferAutoRegressive(String engine, @TempDir Path tmp) throws IOException {
        check(engine, tmp, Feedback.RAW, "raw");
    }

    /** Choreolab's deviation, with mint's rotation rule (get_closest_rotmat) applied to each kept frame. */
    @ParameterizedTest
    @ValueSource(strings = {"PyTorch", "MXNet"})
    void projectedFeedbackProjectsEachKeptFrameByMintsRule(String engine, @TempDir Path tmp) throws IOException {
        check(engine, tmp, Feedback.PROJECTED, "projected");
    }

    private static void check(String engine, Path tmp, Feedback feedback, String key) throws IOException {
        Map<String, NdArray> ref = Npz.read(Reference.file("fact-rollout/fact-rollout.npz"));
        float[] seed = ref.get("seed").toFloats(), music = ref.get("music").toFloats();
        double[] expected = ref.get(key).toDoubles();
        int steps = expected.length / 225;
        try (Network net = referenceModel(engine)) {
            FactModel m = FactModel.read(Reference.file("fact-rollout/model"));
            FactRollout r = new FactRollout(net, m.config(), feedback, Autoregression.Policy.MINT);
            // asked for more than the music allows: mint stops when the music window runs out
            float[] out = r.run(seed, 120, music, 120 + steps + 50, Autoregression.NO_PROGRESS);
            assertEquals((120 + steps) * 225, out.length, "frames: the seed and one step per whole music window");
            assertArrayEquals(seed, Arrays.copyOf(out, seed.length), "the seed comes first, unchanged");
            double worst = 0;
            int where = -1;
            for (int i = 0; i < expected.length; i++) {
                double d = Math.abs(out[seed.length + i] - expected[i]);
                if (d > worst) {
                    worst = d;
                    where = i;
                }
            }
            assertTrue(worst < 1e-5, engine + ", feedback " + feedback.id() + ": fact-rollout.npz '" + key + "' differs by " + worst
                    + " at step " + (where / 225 + 1) + ", value " + where % 225);
        }
    }
}
