package org.choreolab.audio.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import org.choreolab.api.audio.Audio;
import org.choreolab.audio.BailandoFeatures;
import org.choreolab.audio.Wav;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * bailando438 against Bailando's own feature function (extract_acoustic_feature, librosa 0.8.1) run on our WAVs:
 * at its default 7.5 fps on the six reference signals and a native 3,840-Hz one, at 60 fps on three more.
 * Tolerances as SPEC.md §9: MFCC (and its delta) 1e-2 max / 1e-3 mean, chroma 1e-4, onset envelope 1e-3,
 * tempogram 1e-4, tuning, tempo and beats exact.
 */
class BailandoGoldenTest {

    @Test
    void everyBlockMatchesBailandosPreprocessing() throws IOException {
        JsonNode files = new ObjectMapper().readTree(Reference.file("audio/bailando/manifest.json").toFile()).get("files");
        StringBuilder report = new StringBuilder();
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode m = e.getValue();
            Map<String, NdArray> g = GoldenAudioTest.npz(Reference.file("audio/bailando/golden/" + name + ".npz"));
            Audio a = Wav.read(Reference.file("audio/" + m.get("wav").asText()));
            double fps = m.get("fps").asDouble();
            BailandoFeatures.Stages s = BailandoFeatures.compute(a, fps);
            NdArray f = g.get("features");
            int t = f.dim(0);
            assertEquals(438, f.dim(1));
            assertEquals(t, s.frames(), name + " frames");
            assertEquals((int) g.get("y_len").get(0), s.y().length, name + " samples at " + s.sr() + " Hz");
            double[] max = new double[6];
            double mfccSum = 0, deltaSum = 0;
            int[][] blocks = {{0, 20}, {20, 40}, {40, 52}, {52, 53}, {53, 54}, {54, 438}};
            for (int i = 0; i < t; i++) {
                for (int b = 0; b < blocks.length; b++) {
                    for (int d = blocks[b][0]; d < blocks[b][1]; d++) {
                        double diff = Math.abs(f.get(438 * i + d) - s.features()[i][d]);
                        max[b] = Math.max(max[b], diff);
                        if (b == 0) {
                            mfccSum += diff;
                        } else if (b == 1) {
                            deltaSum += diff;
                        }
                    }
                }
            }
            double hp = 0;
            NdArray hh = g.get("harmonic_head"), ph = g.get("percussive_head");
            for (int i = 0; i < hh.size(); i++) {
                hp = Math.max(hp, Math.max(Math.abs(hh.get(i) - s.harmonic()[i]), Math.abs(ph.get(i) - s.percussive()[i])));
            }
            String line = String.format("%s @%.1f fps: %d frames, mfcc %.2e/%.2e, delta %.2e/%.2e, chroma %.2e, onset %.2e, beats %s, "
                    + "tempogram %.2e, tuning %.2f vs %.2f, tempo %.2f vs %.2f, harmonic/percussive %.2e%n", name, fps, t, max[0],
                    mfccSum / (20.0 * t), max[1], deltaSum / (20.0 * t), max[2], max[3], max[4] == 0 ? "equal" : "DIFFER", max[5], s.tuning(),
                    g.get("tuning").get(0), s.beats().tempo().bpm(), g.get("tempo").get(0), hp);
            report.append(line);
            assertTrue(max[0] <= 1e-2 && mfccSum / (20.0 * t) <= 1e-3, line);
            assertTrue(max[1] <= 1e-2 && deltaSum / (20.0 * t) <= 1e-3, line);
            assertTrue(max[2] <= 1e-4, line);
            assertTrue(max[3] <= 1e-3, line);
            assertEquals(0, max[4], line);
            assertTrue(max[5] <= 1e-4, line);
            assertEquals(g.get("tuning").get(0), s.tuning(), 1e-12, line);
            assertArrayEquals(GoldenAudioTest.ints(g.get("beat_frames")), s.beats().frames(), line);
            if (s.beats().frames().length > 0) {
                assertEquals(g.get("tempo").get(0), s.beats().tempo().bpm(), 1e-6, line);
            }
            checked++;
        }
        System.out.print(report);
        assertEquals(10, checked);
    }
}
