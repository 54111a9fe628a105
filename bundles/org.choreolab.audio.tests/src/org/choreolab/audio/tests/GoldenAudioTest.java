package org.choreolab.audio.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.choreolab.api.audio.Audio;
import org.choreolab.audio.FactFeatures;
import org.choreolab.audio.Wav;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npz;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;

/** Each stage against the arrays librosa 0.8.1 and resampy 0.2.2 computed, with the tolerances of SPEC.md §9. */
class GoldenAudioTest {

    static final List<String> FILES = List.of("mBR2", "mHO3", "mJS1", "mKR0", "mPO4", "mWA5");

    static Map<String, NdArray> npz(Path file) throws IOException {
        return Npz.read(file);
    }

    @Test
    void everyStageMatchesTheReference() throws IOException {
        StringBuilder report = new StringBuilder();
        for (String name : FILES) {
            Map<String, NdArray> g = npz(Reference.file("audio/golden/" + name + ".npz"));
            Audio a = Wav.read(Reference.file("audio/wav/" + name + ".wav"));
            assertEquals((int) g.get("sr_native").get(0), a.sampleRate(), name + " rate");
            assertEquals((int) g.get("n_native").get(0), a.length(), name + " samples");
            FactFeatures.Stages s = FactFeatures.compute(a, 60, g.get("start_bpm").get(0));
            assertEquals((int) g.get("y_len").get(0), s.y().length, name + " y_len");
            double yErr = 0;
            NdArray head = g.get("y_head"), tail = g.get("y_tail"), mid = g.get("y_mid");
            int midStart = (int) g.get("y_mid_start").get(0);
            for (int i = 0; i < 4096; i++) {
                yErr = Math.max(yErr, Math.abs(head.get(i) - s.y()[i]));
                yErr = Math.max(yErr, Math.abs(mid.get(i) - s.y()[midStart + i]));
                yErr = Math.max(yErr, Math.abs(tail.get(i) - s.y()[s.y().length - 4096 + i]));
            }
            int t = g.get("envelope").size();
            assertEquals(t, s.frames(), name + " frames");
            double envErr = 0;
            for (int i = 0; i < t; i++) {
                envErr = Math.max(envErr, Math.abs(g.get("envelope").get(i) - s.envelope()[i]));
            }
            double mfccMax = 0, mfccSum = 0;
            for (int i = 0; i < t; i++) {
                for (int k = 0; k < 20; k++) {
                    double d = Math.abs(g.get("mfcc").get(20 * i + k) - s.mfcc()[i][k]);
                    mfccMax = Math.max(mfccMax, d);
                    mfccSum += d;
                }
            }
            double tuning = g.get("tuning").get(0);
            double chromaErr = 0;
            for (int i = 0; i < t; i++) {
                double frameMax = 0;
                for (int c = 0; c < 12; c++) {
                    frameMax = Math.max(frameMax, Math.abs(g.get("chroma_raw").get(12 * i + c)));
                }
                for (int c = 0; c < 12; c++) {
                    chromaErr = Math.max(chromaErr, Math.abs(g.get("chroma_raw").get(12 * i + c) - s.chroma().chromaRaw()[i][c])
                            / Math.max(frameMax, 1e-12));
                }
            }
            double censErr = 0;
            for (int i = 0; i < t; i++) {
                for (int c = 0; c < 12; c++) {
                    censErr = Math.max(censErr, Math.abs(g.get("chroma_cens").get(12 * i + c) - s.chroma().cens()[i][c]));
                }
            }
            int[] onsets = ints(g.get("onset_frames"));
            int[] beats = ints(g.get("beat_frames"));
            report.append(String.format("%s: y %.2e, env %.2e, mfcc %.2e/%.2e, tuning %.2f vs %.2f, chroma_raw %.2e, cens %.2e, "
                    + "tempo %.4f vs %.4f, onsets %s, beats %s%n", name, yErr, envErr, mfccMax, mfccSum / (20.0 * t), s.chroma().tuning(),
                    tuning, chromaErr, censErr, s.beats().tempo().bpm(), g.get("tempo").get(0),
                    java.util.Arrays.equals(onsets, s.onsets()), java.util.Arrays.equals(beats, s.beats().frames())));
            assertTrue(envErr <= 1e-3, report.toString());
            assertTrue(mfccMax <= 1e-2 && mfccSum / (20.0 * t) <= 1e-3, report.toString());
            assertEquals(tuning, s.chroma().tuning(), 0.01 + 1e-9, report.toString());
            assertTrue(chromaErr <= 1e-4, report.toString());
            assertTrue(censErr <= 1e-5, report.toString());
            assertArrayEquals(onsets, s.onsets(), report.toString());
            assertEquals(g.get("tempo").get(0), s.beats().tempo().bpm(), 1e-6, report.toString());
            assertArrayEquals(beats, s.beats().frames(), report.toString());
            NdArray features = g.get("features");
            assertEquals(35, features.dim(1));
        }
        System.out.print(report);
    }

    static int[] ints(NdArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) a.get(i);
        }
        return out;
    }
}
