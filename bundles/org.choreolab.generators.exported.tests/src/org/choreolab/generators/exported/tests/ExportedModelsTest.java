package org.choreolab.generators.exported.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.choreolab.data.aistpp.AistppDataset;
import org.choreolab.data.aistpp.SampleDataset;
import org.choreolab.generators.exported.internal.ExportedModel;
import org.choreolab.testing.BundleJars;
import org.choreolab.testing.Reference;
import org.choreolab.testing.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * A model bundle with no code, only a TorchScript file (made by Debian's python3-torch) and its
 * descriptor, installed into the running framework: its generator appears, dances as the model
 * says, and goes with the bundle.
 */
class ExportedModelsTest {

    private static final BundleContext BC = FrameworkUtil.getBundle(ExportedModelsTest.class).getBundleContext();
    private static final Path MODEL = Reference.repositoryFile("examples/torchscript-bundle/model");

    private static Path bundle(Path dir, String bsn, Map<String, byte[]> entries) throws IOException {
        return Files.write(dir.resolve(bsn + ".jar"), BundleJars.jar(bsn, "1.0.0", Map.of("Choreolab-Models", "model"), entries));
    }

    @Test
    void aCodelessModelBundleBecomesAGeneratorThatDancesAsTheModelSays(@TempDir Path tmp) throws Exception {
        Path jar = bundle(tmp, "test.hold", Map.of("model/model.json", Files.readAllBytes(MODEL.resolve("model.json")),
                "model/hold-and-sway.pt", Files.readAllBytes(MODEL.resolve("hold-and-sway.pt"))));
        Bundle b = BC.installBundle(jar.toUri().toString());
        try {
            b.start();
            MotionGenerator g = Services.await(BC, MotionGenerator.class, "(choreolab.model.source=test.hold)");
            assertEquals("hold-and-sway", g.id());
            assertEquals("PyTorch", g.descriptor().backend());
            assertEquals(b, BC.getServiceReferences(MotionGenerator.class, "(choreolab.model.source=test.hold)")
                    .iterator().next().getBundle(), "registered in the model bundle's name");
            try (Dataset d = AistppDataset.open(SampleDataset.ensure(Path.of(System.getProperty("user.home"), "exported-sample")))) {
                Sequence s = d.split("test").get(0);
                MotionClip truth = d.motion(s);
                AudioEncoder fact35 = Services.await(BC, AudioEncoder.class, "(component.name=*$Fact35)");
                AudioFeatures f = fact35.encode(d.music(s).orElseThrow(), 60, -1, Map.of(AudioEncoder.OPTION_MUSIC_ID, s.musicId()));
                // What the descriptor declares, as the platform's generation service prepares it.
                assertEquals(new GeneratorNeeds("fact35", 120, 60, GeneratorOutput.ROTATIONS), g.descriptor().needs());
                MotionClip clip = g.generate(new GenerationRequest(d, s, f, truth.slice(0, 120), 160, truth.fps(), 0, "cpu"),
                        ProgressMonitor.NULL);
                assertEquals(160, clip.frameCount());
                // The model: hold the last pose; root x moves by 0.04·tanh(env[i] − mean(env[i..i+19])),
                // env = FACT feature 0 of the music window that starts at the seed's first frame + i.
                double x = truth.translation(119, 0);
                for (int i = 0; i < 40; i++) {
                    double mean = 0;
                    for (int k = 0; k < 20; k++) {
                        mean += f.value(i + k, 0);
                    }
                    mean /= 20;
                    x += 0.04 * Math.tanh(f.value(i, 0) - mean);
                    assertEquals(x, clip.translation(120 + i, 0), 1e-4, "root x at frame " + (120 + i));
                    assertEquals(truth.rotation(119, 5, 2), clip.rotation(120 + i, 5, 2), 1e-4, "pose held");
                }
            }
        } finally {
            b.uninstall();
        }
        assertNull(BC.getServiceReferences(MotionGenerator.class.getName(), "(choreolab.model.source=test.hold)"),
                "the generator goes with its bundle");
    }

    @Test
    void descriptorErrorsNameTheFileAndTheField() {
        String ok = "{\"id\":\"m\",\"engine\":\"PyTorch\",\"file\":\"m.pt\",\"motion\":{\"frames\":120},\"music\":{\"frames\":240},"
                + "\"output\":{\"frames\":20,\"keep\":1}}";
        assertThrowsNaming("field 'engine'", ok.replace("PyTorch", "TensorFlow"));
        assertThrowsNaming("field 'output.keep'", ok.replace("\"keep\":1", "\"keep\":30"));
        assertThrowsNaming("field 'music'", ok.replace(",\"music\":{\"frames\":240}", ""));
        assertThrowsNaming("field 'id'", ok.replace("\"m\"", "\"Bad Id\""));
        assertThrowsNaming("not valid JSON", "{\"id\": ");
    }

    private static void assertThrowsNaming(String what, String json) {
        IOException e = assertThrows(IOException.class,
                () -> ExportedModel.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x/model.json"));
        assertTrue(e.getMessage().startsWith("x/model.json: "), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void aBundleWithABrokenDescriptorOffersNothingAndBreaksNothing(@TempDir Path tmp) throws Exception {
        Path jar = bundle(tmp, "test.broken", Map.of("model/model.json", "{\"id\":\"broken\"}".getBytes(StandardCharsets.UTF_8)));
        Bundle b = BC.installBundle(jar.toUri().toString());
        try {
            b.start();
            Thread.sleep(500);
            assertNull(BC.getServiceReferences(MotionGenerator.class.getName(), "(choreolab.model.source=test.broken)"));
            assertEquals(Bundle.ACTIVE, b.getState());
        } finally {
            b.uninstall();
        }
    }
}
