package org.choreolab.audio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.api.audio.Audio;

/**
 * FACT's 35 music features per frame, as mint's preprocessing computes them with librosa 0.8.1:
 * {@code [onset envelope, MFCC ×20, chroma CENS ×12, onset peak one-hot, beat one-hot]} at
 * {@code fps} frames per second (the signal is resampled to {@code fps × 512} Hz, hop 512).
 */
public final class FactFeatures {

    public static final int HOP = 512;
    public static final int DIMS = 35;

    /** The names of the 35 dimensions. */
    public static final List<String> NAMES;

    static {
        List<String> n = new ArrayList<>();
        n.add("envelope");
        FeatureNames.numbered(n, "mfcc_", 20);
        FeatureNames.chroma(n);
        n.add("onset");
        n.add("beat");
        NAMES = List.copyOf(n);
    }

    /** Every stage of the pipeline, for tests and {@code audio features --stages}. */
    public record Stages(double sr, float[] y, float[] envelope, float[][] mfcc, Chroma.Result chroma, int[] onsets,
            Rhythm.Beats beats, double[][] features) {
        public int frames() {
            return envelope.length;
        }
    }

    private FactFeatures() {
    }

    /**
     * Runs the pipeline.
     *
     * @param startBpm the beat tracker's prior tempo (mint reads it from the music id; 120 is librosa's default)
     */
    public static Stages compute(Audio audio, double fps, double startBpm) {
        return compute(audio, fps, startBpm, null);
    }

    /** The stages {@link #compute(Audio, double, double, Map)} times, in order. */
    public static final List<String> STAGES = List.of("resample", "stft+mel+piptrack", "onset envelope", "mfcc", "tuning", "cqt",
            "chroma cens", "onset detect", "tempo+beats", "assemble");

    /**
     * Runs the pipeline and, when {@code seconds} is not null, adds each stage's wall time to it under the names of
     * {@link #STAGES}.
     */
    public static Stages compute(Audio audio, double fps, double startBpm, Map<String, Double> seconds) {
        Clock clock = new Clock(seconds);
        double sr = fps * HOP;
        float[] y = resampled(audio, sr);
        clock.lap("resample");
        // One pass over the STFT gives both log-mel spectrograms and piptrack's peaks.
        FactSpectra spectra = FactSpectra.compute(y, sr);
        clock.lap("stft+mel+piptrack");
        float[] env = Spectral.onsetStrength(spectra.melOnset, FactSpectra.N_FFT, HOP);
        clock.lap("onset envelope");
        float[][] mfcc = Spectral.mfcc(spectra.melMfcc, 20);
        clock.lap("mfcc");
        // chroma_cens → cqt → estimate_tuning(y, sr, bins_per_octave=36)
        double tuning = Pitch.estimateTuning(spectra.peaks, Chroma.BPO);
        clock.lap("tuning");
        double[][] cqt = Chroma.cqtMagnitude(y, sr, HOP, tuning);
        clock.lap("cqt");
        Chroma.Result chroma = Chroma.cens(tuning, cqt);
        clock.lap("chroma cens");
        int[] onsets = Rhythm.onsetDetect(env, sr, HOP);
        clock.lap("onset detect");
        Rhythm.Beats beats = Rhythm.beatTrack(env, sr, HOP, startBpm);
        clock.lap("tempo+beats");
        int t = env.length;
        double[][] f = new double[t][DIMS];
        for (int i = 0; i < t; i++) {
            f[i][0] = env[i];
            for (int k = 0; k < 20; k++) {
                f[i][1 + k] = mfcc[i][k];
            }
            for (int c = 0; c < 12; c++) {
                f[i][21 + c] = i < chroma.cens().length ? chroma.cens()[i][c] : 0;
            }
        }
        for (int o : onsets) {
            f[o][33] = 1;
        }
        for (int b : beats.frames()) {
            f[b][34] = 1;
        }
        clock.lap("assemble");
        return new Stages(sr, y, env, mfcc, chroma, onsets, beats, f);
    }

    /** Adds the time since the last lap to a stage, when asked to. */
    private static final class Clock {
        private final Map<String, Double> seconds;
        private long last = System.nanoTime();

        Clock(Map<String, Double> seconds) {
            this.seconds = seconds;
        }

        void lap(String stage) {
            if (seconds != null) {
                long now = System.nanoTime();
                seconds.merge(stage, (now - last) / 1e9, Double::sum);
                last = now;
            }
        }
    }

    /** The mono signal at {@code sr} as librosa.load gives it (resampy kaiser_best). */
    public static float[] resampled(Audio audio, double sr) {
        return Resampler.resample(Wav.mono(audio), audio.sampleRate(), sr, Resampler.KAISER_BEST, false);
    }

    /** The pipeline's power STFT: n_fft 2048, hop 512, periodic Hann, centred. */
    public static double[][] power(float[] y) {
        return Spectral.spectrogram(y, 2048, HOP, Spectral.hannPeriodic(2048), 2);
    }

    /** mint's tempo prior from an AIST++ music id: mHO&lt;k&gt; → 110 + 5k, other genres 80 + 10k; 120 otherwise. */
    public static double startBpm(String musicId) {
        if (musicId != null && musicId.matches("m[A-Z]{2}\\d")) {
            int k = musicId.charAt(3) - '0';
            return musicId.startsWith("mHO") ? 110 + 5 * k : 80 + 10 * k;
        }
        return 120;
    }
}
