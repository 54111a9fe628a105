package org.choreolab.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.choreolab.api.audio.Audio;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Bailando's 438 music features per frame, as its preprocessing ({@code _prepro_aistpp_music.py},
 * {@code extract_acoustic_feature} with {@code extractor.py}) computes them with librosa 0.8.1 (its
 * {@code requirements.txt} pins {@code librosa==0.8.1}):
 * {@code [MFCC ×20, MFCC delta ×20, constant-Q chroma ×12, onset envelope, beat one-hot, tempogram ×384]}
 * at {@code fps} frames per second (signal at {@code fps × 512} Hz, hop 512). Bailando's default is
 * 7.5 fps (3,840 Hz, {@code aistpp_music_feat_7.5fps}, which its GPT and actor-critic configurations read);
 * its actor-critic reward uses the same features at 60 fps (30,720 Hz). The CQT spans 7 octaves at 30,720 Hz
 * and 5 at every other rate, as the script decides.
 *
 * <ul>
 * <li>MFCC: {@code mfcc(S=power_to_db(melspectrogram(y, sr), ref=np.max))} (128 Slaney bands to sr/2, 20 coefficients);</li>
 * <li>delta: {@code delta(mfcc, width=3)}, a Savitzky–Golay first derivative, edges by a fitted line;</li>
 * <li>chroma: {@code chroma_cqt} of the harmonic part of {@code effects.hpss(y)} (kernel 31, soft masks),
 * tuning estimated on it, max-normalised per frame;</li>
 * <li>onset envelope: {@code onset_strength} of the percussive part with {@code aggregate=np.median} (the mel
 * fmax stays 11,025 Hz, so at 3,840 Hz more than half of the 128 bands are empty and the median is 0 unless
 * every sounding band rises at once);</li>
 * <li>beats: {@code beat_track(onset_envelope, sr)} with librosa's defaults (start 120 BPM, tightness 100);</li>
 * <li>tempogram: {@code tempogram(onset_envelope, sr)}: 384-frame autocorrelation windows, max-normalised.</li>
 * </ul>
 * The signal is loaded as {@code librosa.load(path, sr)} does (resampy {@code kaiser_best}); Bailando's own
 * script loads with essentia's {@code MonoLoader}, whose libsamplerate filter differs (see the reference README).
 */
public final class BailandoFeatures {

    public static final int HOP = 512;
    public static final int DIMS = 438;
    static final int N_FFT = 2048;
    static final int HPSS_KERNEL = 31;
    static final int TEMPOGRAM_WIN = 384;

    /** The names of the 438 dimensions. */
    public static final List<String> NAMES;

    static {
        List<String> n = new ArrayList<>();
        FeatureNames.numbered(n, "mfcc_", 20);
        FeatureNames.numbered(n, "mfcc_delta_", 20);
        FeatureNames.chroma(n);
        n.add("onset_envelope");
        n.add("onset_beat");
        FeatureNames.numbered(n, "tempogram_", TEMPOGRAM_WIN);
        NAMES = List.copyOf(n);
    }

    /** Every stage, for tests. */
    public record Stages(double sr, float[] y, float[] harmonic, float[] percussive, float[][] mfcc, float[][] delta, double tuning,
            double[][] chroma, float[] onset, Rhythm.Beats beats, double[][] tempogram, double[][] features) {
        public int frames() {
            return features.length;
        }
    }

    private BailandoFeatures() {
    }

    /** The octaves of the chroma CQT: {@code octave=7 if sr==15360*2 else 5} in Bailando's script. */
    static int octaves(double sr) {
        return sr == 30720 ? 7 : 5;
    }

    public static Stages compute(Audio audio, double fps) {
        double sr = fps * HOP;
        float[] y = FactFeatures.resampled(audio, sr);
        int frames = Spectral.frameCount(y.length, HOP);
        if (frames < 3) {
            throw new IllegalArgumentException(y.length + " samples at " + sr + " Hz give " + frames
                    + " frames; Bailando's MFCC delta (width 3) needs at least 3");
        }
        // MFCC of power_to_db(melspectrogram(y, sr), ref=np.max) and its delta.
        double[][] mel = Spectral.apply(Spectral.melFilterbank(sr, N_FFT, 128, sr / 2),
                Spectral.spectrogram(y, N_FFT, HOP, Spectral.hannPeriodic(N_FFT), 2));
        powerToDbRefMax(mel);
        float[][] mfcc = Spectral.mfcc(mel, 20);
        float[][] delta = delta(mfcc);
        // Harmonic / percussive separation, then chroma of the one and onsets of the other.
        float[][] hp = hpss(y);
        float[] harmonic = hp[0], percussive = hp[1];
        double tuning = Pitch.estimateTuning(harmonic, sr, Chroma.BPO);
        double[][] cqt = Chroma.cqtMagnitude(harmonic, sr, HOP, tuning, octaves(sr));
        double[][] chroma = Chroma.foldMaxNormalised(cqt);
        double[][] onsetMel = Spectral.logMel(Spectral.spectrogram(percussive, N_FFT, HOP, Spectral.hannPeriodic(N_FFT), 2), sr, N_FFT,
                11025.0);
        float[] onset = onsetStrengthMedian(onsetMel, N_FFT, HOP);
        double[][] tempogram = Rhythm.tempogram(onset, TEMPOGRAM_WIN);
        Rhythm.Beats beats = Rhythm.beatTrack(onset, sr, HOP, 120);
        double[][] f = new double[frames][DIMS];
        for (int t = 0; t < frames; t++) {
            double[] row = f[t];
            for (int k = 0; k < 20; k++) {
                row[k] = mfcc[t][k];
                row[20 + k] = delta[t][k];
            }
            for (int c = 0; c < 12; c++) {
                row[40 + c] = chroma[t][c];
            }
            row[52] = onset[t];
            for (int k = 0; k < TEMPOGRAM_WIN; k++) {
                row[54 + k] = tempogram[k][t];
            }
        }
        for (int b : beats.frames()) {
            f[b][53] = 1;
        }
        return new Stages(sr, y, harmonic, percussive, mfcc, delta, tuning, chroma, onset, beats, tempogram, f);
    }

    /** power_to_db(S, ref=np.max, amin=1e-10, top_db=80) in place. */
    static void powerToDbRefMax(double[][] s) {
        double max = 0;
        for (double[] row : s) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        double ref = 10 * Math.log10(Math.max(1e-10, max));
        for (double[] row : s) {
            for (int t = 0; t < row.length; t++) {
                row[t] = 10 * Math.log10(Math.max(1e-10, row[t])) - ref;
            }
        }
        double top = Double.NEGATIVE_INFINITY;
        for (double[] row : s) {
            for (double v : row) {
                top = Math.max(top, v);
            }
        }
        for (double[] row : s) {
            for (int t = 0; t < row.length; t++) {
                row[t] = Math.max(row[t], top - 80);
            }
        }
    }

    /**
     * librosa.feature.delta(x, width=3) along time: scipy's savgol_filter(window 3, polyorder 1, deriv 1,
     * mode='interp'): {@code (x[t+1] − x[t−1]) / 2} inside, the slope of the line fitted to the first and last
     * three frames at the edges. {@code [frames][coefficients]}.
     */
    static float[][] delta(float[][] x) {
        int n = x.length, d = x[0].length;
        float[][] out = new float[n][d];
        for (int k = 0; k < d; k++) {
            for (int t = 1; t < n - 1; t++) {
                out[t][k] = (float) ((x[t + 1][k] - (double) x[t - 1][k]) / 2);
            }
            out[0][k] = (float) ((x[2][k] - (double) x[0][k]) / 2);
            out[n - 1][k] = (float) ((x[n - 1][k] - (double) x[n - 3][k]) / 2);
        }
        return out;
    }

    /**
     * onset_strength(y, sr, aggregate=np.median) on its log-mel spectrogram: lag 1, rectified, the median over
     * the bands (float32, as numpy takes it), left-padded by {@code 1 + nFft / (2 hop)} zeros, cut to the frames.
     */
    static float[] onsetStrengthMedian(double[][] melDb, int nFft, int hop) {
        int bands = melDb.length, frames = melDb[0].length;
        int pad = 1 + nFft / (2 * hop);
        float[] env = new float[frames];
        float[] col = new float[bands];
        for (int t = pad; t < frames; t++) {
            int j = t - pad;
            if (j + 1 >= frames) {
                break;
            }
            for (int m = 0; m < bands; m++) {
                col[m] = (float) Math.max(0, melDb[m][j + 1] - melDb[m][j]);
            }
            Arrays.sort(col);
            env[t] = bands % 2 == 1 ? col[bands / 2] : (col[bands / 2 - 1] + col[bands / 2]) / 2f;
        }
        return env;
    }

    /**
     * librosa.effects.hpss(y): STFT (2048, hop 512, Hann, centred, reflect); median filters of 31 frames along
     * time (harmonic) and 31 bins along frequency (percussive), scipy's 'reflect' edges; soft masks
     * {@code H²/(H²+P²)} and {@code P²/(H²+P²)} (0.5 where both are 0); each masked STFT inverted (istft,
     * window sum-square normalised) and zero-padded to the input's length. Returns {harmonic, percussive}.
     */
    static float[][] hpss(float[] y) {
        int frames = Spectral.frameCount(y.length, HOP);
        int bins = N_FFT / 2 + 1;
        double[] window = Spectral.hannPeriodic(N_FFT);
        // complex64 STFT, as librosa keeps it for a float32 signal
        float[][] re = new float[frames][bins], im = new float[frames][bins], mag = new float[frames][bins];
        Stft.forEachFrame(y, N_FFT, HOP, window, (t, p) -> {
            for (int k = 0; k < bins; k++) {
                float r = (float) Spectral.re(p, k, N_FFT), i = (float) Spectral.im(p, k, N_FFT);
                re[t][k] = r;
                im[t][k] = i;
                mag[t][k] = (float) Math.sqrt((double) r * r + (double) i * i);
            }
        });
        float[][] harm = new float[frames][bins], perc = new float[frames][bins];
        float[] line = new float[Math.max(frames, bins)], med = new float[Math.max(frames, bins)];
        for (int k = 0; k < bins; k++) {
            for (int t = 0; t < frames; t++) {
                line[t] = mag[t][k];
            }
            medianFilter(line, frames, HPSS_KERNEL, med);
            for (int t = 0; t < frames; t++) {
                harm[t][k] = med[t];
            }
        }
        for (int t = 0; t < frames; t++) {
            medianFilter(mag[t], bins, HPSS_KERNEL, perc[t]);
        }
        // Soft masks (util.softmask, power 2, split_zeros) in float32; S·mask·phase = (re, im)·mask.
        float[][] hRe = new float[frames][bins], hIm = new float[frames][bins], pRe = new float[frames][bins], pIm = new float[frames][bins];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                float h = harm[t][k], p = perc[t][k];
                float z = Math.max(h, p);
                float mh, mp;
                if (z < Float.MIN_NORMAL) {
                    mh = 0.5f;
                    mp = 0.5f;
                } else {
                    float a = h / z, b = p / z;
                    float a2 = a * a, b2 = b * b;
                    mh = a2 / (a2 + b2);
                    mp = b2 / (b2 + a2);
                }
                // S * mask * phase: the magnitude times the unit phasor D/|D| (1 where D = 0)
                float m = mag[t][k];
                double cr = m > 0 ? re[t][k] / (double) m : 1, ci = m > 0 ? im[t][k] / (double) m : 0;
                float sh = m * mh, sp = m * mp;
                hRe[t][k] = (float) (sh * cr);
                hIm[t][k] = (float) (sh * ci);
                pRe[t][k] = (float) (sp * cr);
                pIm[t][k] = (float) (sp * ci);
            }
        }
        return new float[][] {istft(hRe, hIm, y.length), istft(pRe, pIm, y.length)};
    }

    /** scipy.ndimage's 'reflect' (half-sample symmetric) index, repeated for windows longer than the signal. */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }

    /**
     * scipy.ndimage.median_filter along one line ({@code size} odd, mode 'reflect'): a sorted window slid along
     * the line, one value out and one in per step.
     */
    static void medianFilter(float[] x, int n, int size, float[] out) {
        int half = size / 2;
        float[] w = new float[size];
        for (int j = 0; j < size; j++) {
            w[j] = x[reflect(j - half, n)];
        }
        Arrays.sort(w);
        out[0] = w[half];
        for (int t = 1; t < n; t++) {
            float gone = x[reflect(t - 1 - half, n)], come = x[reflect(t + half, n)];
            if (gone != come) {
                int i = Arrays.binarySearch(w, gone);
                // remove w[i], then insert `come` keeping the order
                System.arraycopy(w, i + 1, w, i, size - 1 - i);
                int j = Arrays.binarySearch(w, 0, size - 1, come);
                if (j < 0) {
                    j = -j - 1;
                }
                System.arraycopy(w, j, w, j + 1, size - 1 - j);
                w[j] = come;
            }
            out[t] = w[half];
        }
    }

    /** librosa 0.8.1 istft (n_fft 2048, hop 512, periodic Hann, centred), then fix_length to {@code length}. */
    static float[] istft(float[][] re, float[][] im, int length) {
        int frames = re.length;
        int n = N_FFT + HOP * (frames - 1);
        double[] window = Spectral.hannPeriodic(N_FFT);
        float[] y = new float[n];
        DoubleFFT_1D fft = new DoubleFFT_1D(N_FFT);
        double[] buf = new double[N_FFT];
        int half = N_FFT / 2;
        for (int t = 0; t < frames; t++) {
            buf[0] = re[t][0];
            buf[1] = re[t][half];
            for (int k = 1; k < half; k++) {
                buf[2 * k] = re[t][k];
                buf[2 * k + 1] = im[t][k];
            }
            fft.realInverse(buf, true);
            int o = t * HOP;
            for (int i = 0; i < N_FFT; i++) {
                y[o + i] = (float) (y[o + i] + window[i] * buf[i]);
            }
        }
        // window_sumsquare, accumulated in float32 as librosa's dtype=float32 array
        float[] wss = new float[n];
        for (int t = 0; t < frames; t++) {
            int o = t * HOP;
            for (int i = 0; i < N_FFT && o + i < n; i++) {
                wss[o + i] = (float) (wss[o + i] + window[i] * window[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (wss[i] > Float.MIN_NORMAL) {
                y[i] = y[i] / wss[i];
            }
        }
        float[] out = new float[length];
        int keep = Math.min(length, n - 2 * half);
        if (keep > 0) {
            System.arraycopy(y, half, out, 0, keep);
        }
        return out;
    }
}
