package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.testing.Services;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/** The shipped FACT as generators: one per engine, the same dance on both, engines independent. */
class FactGeneratorTest {

    private static final BundleContext BC = FrameworkUtil.getBundle(FactGeneratorTest.class).getBundleContext();

    private static MotionGenerator generator(String engine) {
        return Services.await(BC, MotionGenerator.class, "(choreolab.engine=" + engine + ")");
    }

    /** A request as the platform's generation service prepares it for FACT: fact35 at 60 fps and the first 120 frames. */
    private static MotionClip generate(MotionGenerator g, Dataset d, Sequence s, int frames) throws IOException {
        MotionClip truth = d.motion(s);
        AudioEncoder fact35 = Services.await(BC, AudioEncoder.class, "(component.name=*$Fact35)");
        AudioFeatures music = fact35.encode(d.music(s).orElseThrow(), 60, -1, Map.of(AudioEncoder.OPTION_MUSIC_ID, s.musicId()));
        return g.generate(new GenerationRequest(d, s, music, truth.slice(0, 120), frames, truth.fps(), 0, "auto"), ProgressMonitor.NULL);
    }

    @Test
    void bothEnginesDanceTheSameFromTheSeed() throws IOException {
        MotionGenerator torch = generator("PyTorch"), mxnet = generator("MXNet");
        assertEquals("fact-pytorch", torch.id());
        assertEquals("fact-mxnet", mxnet.id());
        assertTrue(torch.descriptor().needsSeedMotion());
        try (Dataset d = FactTesting.sample()) {
            Sequence s = d.split("test").get(0);
            MotionClip truth = d.motion(s);
            MotionClip a = generate(torch, d, s, 300), b = generate(mxnet, d, s, 300);
            assertEquals(300, a.frameCount());
            assertTrue(a.hasPositions());
            // The seed comes back as given (up to the matrix → axis-angle round trip).
            for (int j = 0; j < 24; j++) {
                assertEquals(truth.rotation(60, j, 1), a.rotation(60, j, 1), 1e-4);
            }
            float worst = 0, moved = 0;
            for (int f = 120; f < 300; f++) {
                for (int j = 0; j < 24; j++) {
                    for (int k = 0; k < 3; k++) {
                        worst = Math.max(worst, Math.abs(a.position(f, j, k) - b.position(f, j, k)));
                        moved = Math.max(moved, Math.abs(a.position(f, j, k) - a.position(119, j, k)));
                    }
                }
            }
            assertTrue(worst < 1e-3, "PyTorch and MXNet drift apart by " + worst + " m");
            assertTrue(moved > 0.02, "FACT froze: joints moved at most " + moved + " m after the seed");
        }
    }

    @Test
    void stoppingOneEngineLeavesTheOtherWorking() throws Exception {
        Bundle torchBundle = FrameworkUtil.getBundle(BackendConformanceTest.backend("PyTorch").getClass());
        try (Dataset d = FactTesting.sample()) {
            Sequence s = d.split("test").get(0);
            torchBundle.stop();
            try {
                ServiceReference<?>[] gone = BC.getServiceReferences(MotionGenerator.class.getName(), "(choreolab.engine=PyTorch)");
                assertNull(gone, "fact-pytorch withdrawn with its engine");
                assertEquals(130, generate(generator("MXNet"), d, s, 130).frameCount());
            } finally {
                torchBundle.start();
            }
            // Same class loader after a stop/start, so libtorch (which cannot be unloaded) is reused.
            assertEquals(125, generate(generator("PyTorch"), d, s, 125).frameCount());
        }
    }

    @Test
    void describesItsModel() {
        assertEquals(new GeneratorNeeds("fact35", 120, 60, GeneratorOutput.ROTATIONS), generator("MXNet").descriptor().needs(),
                "FACT declares mint's features, its 120-frame seed and 60 fps; it returns rotations");
        Map<String, String> p = generator("PyTorch").descriptor().parameters();
        assertEquals("PyTorch", p.get("engine"));
        assertTrue(p.get("trained on").contains("sample"), p.toString());
    }
}
