package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.model.ModelTrainer;
import org.choreolab.api.model.TrainingOptions;
import org.choreolab.api.model.TrainingReport;
import org.choreolab.model.fact.internal.FactModel;
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
        // The sample's 90 training dances: a window every 128 frames gives ~450 windows, 28 batches an epoch.
        o.put("stride", "128");
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
            assertEquals(4, m.info().path("trained").path("epochLoss").size());
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
            assertFalse(java.nio.file.Files.exists(out.resolve(FactModel.PARAMS)));
        }
    }
}
