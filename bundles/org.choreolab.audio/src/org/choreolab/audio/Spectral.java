package org.choreolab.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * librosa 0.8.1's spectral stages: the centred STFT (numpy "reflect" padding), Slaney mel
 * filterbanks, {@code power_to_db} with an 80 dB floor under the whole matrix's maximum, the onset
 * strength envelope and MFCC (DCT-II, orthonormal). Matrices are {@code [bins][frames]}.
 */
public final class Spectral {

    private Spectral() {
    }

    /** A periodic Hann window (scipy {@code get_window('hann', n)}). */
    public static double[] hannPeriodic(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return w;
    }

    /** numpy's pad mode 'reflect' (mirror without repeating the edge sample), repeated for short signals. */
    static double reflectAt(float[] y, int i) {
        int n = y.length;
        if (n == 1) {
            return y[0];
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return y[m < n ? m : period - m];
    }

    /** Frames of the centred STFT: {@code 1 + len / hop}. */
    public static int frameCount(int length, int hop) {
        return 1 + length / hop;
    }

    /**
     * |STFT|^power of {@code y}: window applied, centred with reflect padding of {@code nFft / 2}.
     *
     * @return {@code [1 + nFft/2][frames]}
     */
    public static double[][] spectrogram(float[] y, int nFft, int hop, double[] window, double power) {
        int frames = frameCount(y.length, hop);
        int bins = nFft / 2 + 1;
        double[][] s = new double[bins][frames];
        int pad = nFft / 2;
        int chunk = 256;
        // Frames are independent: chunks run in parallel, each with its own FFT plan and buffer.
        java.util.stream.IntStream.range(0, (frames + chunk - 1) / chunk).parallel().forEach(c -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
            double[] buf = new double[nFft];
            for (int t = c * chunk; t < Math.min(frames, (c + 1) * chunk); t++) {
                int start = t * hop - pad;
                for (int i = 0; i < nFft; i++) {
                    int idx = start + i;
                    double v = idx >= 0 && idx < y.length ? y[idx] : reflectAt(y, idx);
                    buf[i] = v * window[i];
                }
                fft.realForward(buf);
                for (int k = 0; k < bins; k++) {
                    double re = re(buf, k, nFft), im = im(buf, k, nFft);
                    double mag2 = re * re + im * im;
                    s[k][t] = power == 2 ? mag2 : power == 1 ? Math.sqrt(mag2) : Math.pow(mag2, power / 2);
                }
            }
        });
        return s;
    }

    /** Real part of bin {@code k} of JTransforms' packed real FFT ({@code a[0]} = DC, {@code a[1]} = Nyquist). */
    static double re(double[] packed, int k, int nFft) {
        return k == 0 ? packed[0] : k == nFft / 2 ? packed[1] : packed[2 * k];
    }

    /** Imaginary part of bin {@code k} of the packed real FFT (0 at DC and Nyquist). */
    static double im(double[] packed, int k, int nFft) {
        return k == 0 || k == nFft / 2 ? 0 : packed[2 * k + 1];
    }

    public static double hzToMel(double f) {
        double fSp = 200.0 / 3;
        double mels = f / fSp;
        double minLogHz = 1000.0, minLogMel = minLogHz / fSp, logstep = Math.log(6.4) / 27.0;
        return f >= minLogHz ? minLogMel + Math.log(f / minLogHz) / logstep : mels;
    }

    public static double melToHz(double m) {
        double fSp = 200.0 / 3;
        double minLogHz = 1000.0, minLogMel = minLogHz / fSp, logstep = Math.log(6.4) / 27.0;
        return m >= minLogMel ? minLogHz * Math.exp(logstep * (m - minLogMel)) : fSp * m;
    }

    /** librosa.filters.mel(sr, n_fft, n_mels, fmin=0, fmax, htk=False, norm='slaney'), weights as float32. */
    public static double[][] melFilterbank(double sr, int nFft, int nMels, double fmax) {
        int bins = nFft / 2 + 1;
        double[] fftFreqs = new double[bins];
        for (int k = 0; k < bins; k++) {
            fftFreqs[k] = k * (sr / 2) / (bins - 1);
        }
        double minMel = hzToMel(0), maxMel = hzToMel(fmax);
        double[] melF = new double[nMels + 2];
        for (int i = 0; i < melF.length; i++) {
            melF[i] = melToHz(minMel + (maxMel - minMel) * i / (nMels + 1));
        }
        double[][] w = new double[nMels][bins];
        for (int i = 0; i < nMels; i++) {
            double fd0 = melF[i + 1] - melF[i], fd1 = melF[i + 2] - melF[i + 1];
            double enorm = 2.0 / (melF[i + 2] - melF[i]);
            for (int k = 0; k < bins; k++) {
                double lower = -(melF[i] - fftFreqs[k]) / fd0;
                double upper = (melF[i + 2] - fftFreqs[k]) / fd1;
                w[i][k] = (float) (Math.max(0, Math.min(lower, upper)) * enorm);
            }
        }
        return w;
    }

    /** W · S. */
    public static double[][] apply(double[][] w, double[][] s) {
        int m = w.length, frames = s[0].length, bins = s.length;
        double[][] out = new double[m][frames];
        for (int i = 0; i < m; i++) {
            double[] wi = w[i];
            double[] oi = out[i];
            for (int k = 0; k < bins; k++) {
                double c = wi[k];
                if (c == 0) {
                    continue;
                }
                double[] sk = s[k];
                for (int t = 0; t < frames; t++) {
                    oi[t] += c * sk[t];
                }
            }
        }
        return out;
    }

    /** 10·log10(max(1e-10, S)), floored at 80 dB below the matrix's maximum; returns the maximum before the floor. */
    public static double powerToDb(double[][] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : s) {
            for (int t = 0; t < row.length; t++) {
                row[t] = 10 * Math.log10(Math.max(1e-10, row[t]));
                max = Math.max(max, row[t]);
            }
        }
        double floor = max - 80;
        for (double[] row : s) {
            for (int t = 0; t < row.length; t++) {
                row[t] = Math.max(row[t], floor);
            }
        }
        return max;
    }

    /** The log-mel spectrogram (dB) of librosa.melspectrogram with 128 Slaney bands up to {@code fmax}. */
    public static double[][] logMel(double[][] power, double sr, int nFft, double fmax) {
        double[][] mel = apply(melFilterbank(sr, nFft, 128, fmax), power);
        powerToDb(mel);
        return mel;
    }

    /**
     * onset_strength with librosa 0.8.1's defaults: lag 1, no max filter, mean over bands, left-padded
     * by {@code 1 + nFft / (2 hop)} frames and cut to the frame count.
     */
    public static float[] onsetStrength(double[][] melDb, int nFft, int hop) {
        int bands = melDb.length, frames = melDb[0].length;
        int pad = 1 + nFft / (2 * hop);
        float[] env = new float[frames];
        for (int t = pad; t < frames; t++) {
            int j = t - pad;
            if (j + 1 >= frames) {
                break;
            }
            double s = 0;
            for (int m = 0; m < bands; m++) {
                s += Math.max(0, melDb[m][j + 1] - melDb[m][j]);
            }
            env[t] = (float) (s / bands);
        }
        return env;
    }

    /** scipy.fftpack.dct(S, type=2, norm='ortho') along bands, first {@code n} coefficients: {@code [frames][n]}. */
    public static float[][] mfcc(double[][] melDb, int n) {
        int bands = melDb.length, frames = melDb[0].length;
        double[][] basis = new double[n][bands];
        for (int k = 0; k < n; k++) {
            double s = k == 0 ? Math.sqrt(1.0 / bands) : Math.sqrt(2.0 / bands);
            for (int m = 0; m < bands; m++) {
                basis[k][m] = s * Math.cos(Math.PI * k * (2 * m + 1) / (2.0 * bands));
            }
        }
        float[][] out = new float[frames][n];
        double[] col = new double[bands];
        for (int t = 0; t < frames; t++) {
            // one strided gather per frame, then contiguous dot products
            for (int m = 0; m < bands; m++) {
                col[m] = melDb[m][t];
            }
            for (int k = 0; k < n; k++) {
                double[] bk = basis[k];
                double acc = 0;
                for (int m = 0; m < bands; m++) {
                    acc += bk[m] * col[m];
                }
                out[t][k] = (float) acc;
            }
        }
        return out;
    }
}
