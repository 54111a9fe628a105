package org.choreolab.audio.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.api.audio.Audio;
import org.choreolab.audio.FactFeatures;
import org.choreolab.audio.Pitch;
import org.choreolab.audio.Wav;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npz;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Each stage against the arrays librosa 0.8.1 and resampy 0.2.2 computed, with the tolerances of SPEC.md §9. */
class GoldenAudioTest {

    static final List<String> FILES = List.of("mBR2", "mHO3", "mJS1", "mKR0", "mPO4", "mWA5");

    /**
     * Detuned chords (−0.45 … +0.45 of a 1/36-octave bin), pure tones a few 1e-6 from a histogram edge, no pitch at
     * all, and signals whose tuning histogram is nearly flat (glissandi, vibrato, noise), where the argmax hangs on a count.
     */
    static final List<String> DETUNED = List.of("dt-m045", "dt-m030", "dt-m020", "dt-p010", "dt-p030", "dt-p045", "edge-1065",
            "edge-2835", "edge-1365", "edge-c4", "nopitch", "fr-gliss", "fr-gliss2", "fr-vib", "fr-noisy");

    static Map<String, NdArray> npz(Path file) throws IOException {
        return Npz.read(file);
    }

    @Test
    void everyStageMatchesTheReference() throws IOException {
        StringBuilder report = new StringBuilder();
        for (String name : FILES) {
            check("audio/golden/" + name + ".npz", "audio/wav/" + name + ".wav", name, report);
        }
        System.out.print(report);
    }

    @Test
    void detunedSignalsMatchTheReferenceTuningAndChroma() throws IOException {
        StringBuilder report = new StringBuilder();
        for (String name : DETUNED) {
            Map<String, NdArray> g = check("audio/detuned/golden/" + name + ".npz", "audio/detuned/wav/" + name + ".wav", name, report);
            // estimate_tuning's own default is 12 bins per octave; the CQT asks for 36.
            FactFeatures.Stages s = FactFeatures.compute(Wav.read(Reference.file("audio/detuned/wav/" + name + ".wav")), 60, 120);
            Pitch.Peaks peaks = Pitch.peaks(s.y(), s.sr());
            assertEquals(g.get("tuning_bpo12").get(0), Pitch.estimateTuning(peaks, 12), 1e-12, name + " tuning, 12 bins per octave");
            // Our resampled signal is the reference's to ~1e-6, not bit for bit, so the median magnitude is too.
            double threshold = g.get("tuning_threshold").get(0);
            assertEquals(threshold, Pitch.medianThreshold(peaks), 1e-5 * threshold, name + " piptrack median magnitude");
            assertEquals(g.get("tuning").get(0), Pitch.estimateTuning(s.y(), s.sr(), 36), 1e-12, name + " estimate_tuning(y) on its own");
        }
        System.out.print(report);
    }

    @Test
    void pitchTuningMatchesNumpysHistogram() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Reference.file("audio/detuned/pitch_tuning.json").toFile());
        int n = 0;
        for (JsonNode c : root.get("cases")) {
            JsonNode bits = c.get("frequencies_float32_bits");
            float[] f = new float[bits.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = Float.intBitsToFloat((int) bits.get(i).asLong());
            }
            double got = Pitch.pitchTuning(f, f.length, c.get("resolution").asDouble(), c.get("bins_per_octave").asInt());
            assertEquals(c.get("tuning").asDouble(), got, 0.0, c.get("name").asText());
            n++;
        }
        assertTrue(n >= 20, "cases read: " + n);
    }

    /** Compares every stage of one file; returns the golden arrays. */
    static Map<String, NdArray> check(String golden, String wav, String name, StringBuilder report) throws IOException {
        Map<String, NdArray> g = npz(Reference.file(golden));
        Audio a = Wav.read(Reference.file(wav));
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
        double[][] expectedCens = censExplainingFlips(g, s.chroma().chromaRaw(), t);
        double censErr = 0;
        for (int i = 0; i < t; i++) {
            for (int c = 0; c < 12; c++) {
                censErr = Math.max(censErr, Math.abs(expectedCens[i][c] - s.chroma().cens()[i][c]));
            }
        }
        int[] onsets = ints(g.get("onset_frames"));
        int[] beats = ints(g.get("beat_frames"));
        String line = String.format("%s: y %.2e, env %.2e, mfcc %.2e/%.2e, tuning %.2f vs %.2f, chroma_raw %.2e, cens %.2e, "
                + "tempo %.4f vs %.4f, onsets %s, beats %s%n", name, yErr, envErr, mfccMax, mfccSum / (20.0 * t), s.chroma().tuning(),
                tuning, chromaErr, censErr, s.beats().tempo().bpm(), g.get("tempo").get(0),
                java.util.Arrays.equals(onsets, s.onsets()), java.util.Arrays.equals(beats, s.beats().frames()));
        report.append(line);
        assertTrue(envErr <= 1e-3, line);
        assertTrue(mfccMax <= 1e-2 && mfccSum / (20.0 * t) <= 1e-3, line);
        // The tuning is a histogram bin's edge: a correct port gives the very same value.
        assertEquals(tuning, s.chroma().tuning(), 1e-12, line);
        assertTrue(chromaErr <= 1e-4, line);
        assertTrue(censErr <= 1e-5, line);
        assertArrayEquals(onsets, s.onsets(), line);
        assertEquals(g.get("tempo").get(0), s.beats().tempo().bpm(), 1e-6, line);
        assertArrayEquals(beats, s.beats().frames(), line);
        NdArray features = g.get("features");
        assertEquals(35, features.dim(1));
        assertEquals(t, features.dim(0));
        return g;
    }

    /**
     * The golden CENS, recomputed from the golden quantisation where a golden cell lies within 1e-4 of a
     * quantisation threshold and our L1 value falls on its other side (SPEC.md §9: such flips are not errors);
     * the golden CENS itself elsewhere.
     */
    static double[][] censExplainingFlips(Map<String, NdArray> g, double[][] ourRaw, int t) {
        double[][] cens = new double[t][12];
        for (int i = 0; i < t; i++) {
            for (int c = 0; c < 12; c++) {
                cens[i][c] = g.get("chroma_cens").get(12 * i + c);
            }
        }
        NdArray quant = g.get("chroma_quant"), margin = g.get("chroma_l1_margin");
        if (quant == null || margin == null) {
            return cens;
        }
        double[][] q = new double[t][12];
        boolean flipped = false;
        for (int i = 0; i < t; i++) {
            double l1 = 0;
            for (int c = 0; c < 12; c++) {
                l1 += Math.abs(ourRaw[i][c]);
            }
            for (int c = 0; c < 12; c++) {
                q[i][c] = 0.25 * quant.get(12 * i + c);
                if (margin.get(12 * i + c) < 1e-4 && l1 > 0) {
                    double v = ourRaw[i][c] / l1;
                    double ours = 0.25 * ((v > 0.4 ? 1 : 0) + (v > 0.2 ? 1 : 0) + (v > 0.1 ? 1 : 0) + (v > 0.05 ? 1 : 0));
                    if (ours != q[i][c]) {
                        q[i][c] = ours;
                        flipped = true;
                    }
                }
            }
        }
        if (!flipped) {
            return cens;
        }
        // librosa's smoothing: symmetric Hann(43)/sum, zero-padded 'same' convolution, then L2 per frame.
        double[] w = new double[43];
        double ws = 0;
        for (int k = 0; k < 43; k++) {
            w[k] = 0.5 - 0.5 * Math.cos(2 * Math.PI * k / 42);
            ws += w[k];
        }
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < t; i++) {
            double[] row = new double[12];
            double n2 = 0;
            for (int c = 0; c < 12; c++) {
                double acc = 0;
                for (int k = 0; k < 43; k++) {
                    int src = i + 21 - k;
                    if (src >= 0 && src < t) {
                        acc += w[k] / ws * q[src][c];
                    }
                }
                row[c] = acc;
                n2 += acc * acc;
            }
            double len = Math.sqrt(n2);
            for (int c = 0; c < 12 && len >= Double.MIN_NORMAL; c++) {
                row[c] /= len;
            }
            out.add(row);
        }
        return out.toArray(new double[0][]);
    }

    static int[] ints(NdArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) a.get(i);
        }
        return out;
    }
}
