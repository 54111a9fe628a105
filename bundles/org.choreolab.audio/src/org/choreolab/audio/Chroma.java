package org.choreolab.audio;

import java.util.Arrays;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * chroma_cens as librosa 0.8.1 computes it: tuning estimated by piptrack, a constant-Q transform of
 * 7 octaves × 36 bins (octave by octave, the signal halved with resampy's kaiser_fast table between
 * octaves, sparsified FFT kernels), folded to 12 pitch classes, L1-normalised, quantised, smoothed
 * by a 41-point Hann window and L2-normalised.
 */
public final class Chroma {

    static final int BPO = 36;
    static final int OCTAVES = 7;
    static final int BINS = BPO * OCTAVES;
    static final double C1 = 32.70319566257483;
    private static final double TINY32 = 1.1754943508222875e-38;

    private Chroma() {
    }

    /** Intermediate results of {@link #cens}. */
    public record Result(double tuning, double[][] cqtMagnitude, double[][] chromaRaw, double[][] cens) {
    }

    /**
     * @param y    the signal at {@code sr}
     * @return chroma CENS as {@code [frames][12]} with the stages that led to it
     */
    public static Result cens(float[] y, double sr, int hop) {
        return cens(y, sr, hop, estimateTuning(y, sr));
    }

    /** As {@link #cens(float[], double, int)} with the tuning already estimated. */
    public static Result cens(float[] y, double sr, int hop, double tuning) {
        double[][] cqt = cqtMagnitude(y, sr, hop, tuning);
        int frames = cqt[0].length;
        double[][] raw = new double[frames][12];
        for (int b = 0; b < BINS; b++) {
            int c = ((b + 1) / 3) % 12;
            for (int t = 0; t < frames; t++) {
                raw[t][c] += cqt[b][t];
            }
        }
        double[][] quant = new double[frames][12];
        for (int t = 0; t < frames; t++) {
            double s = 0;
            for (int c = 0; c < 12; c++) {
                s += Math.abs(raw[t][c]);
            }
            double len = s < TINY32 ? 1 : s;
            for (int c = 0; c < 12; c++) {
                double v = raw[t][c] / len;
                quant[t][c] = 0.25 * ((v > 0.4 ? 1 : 0) + (v > 0.2 ? 1 : 0) + (v > 0.1 ? 1 : 0) + (v > 0.05 ? 1 : 0));
            }
        }
        // Symmetric Hann of 43 points (endpoints zero), normalised to sum 1; zero-padded 'same' convolution.
        int wl = 43, half = wl / 2;
        double[] w = new double[wl];
        double ws = 0;
        for (int i = 0; i < wl; i++) {
            w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (wl - 1));
            ws += w[i];
        }
        for (int i = 0; i < wl; i++) {
            w[i] /= ws;
        }
        double[][] cens = new double[frames][12];
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < 12; c++) {
                double acc = 0;
                for (int k = 0; k < wl; k++) {
                    int src = t + half - k;
                    if (src >= 0 && src < frames) {
                        acc += w[k] * quant[src][c];
                    }
                }
                cens[t][c] = acc;
            }
            double n2 = 0;
            for (int c = 0; c < 12; c++) {
                n2 += cens[t][c] * cens[t][c];
            }
            double len = Math.sqrt(n2);
            if (len >= Double.MIN_NORMAL) {
                for (int c = 0; c < 12; c++) {
                    cens[t][c] /= len;
                }
            }
        }
        return new Result(tuning, cqt, raw, cens);
    }

    /** librosa.estimate_tuning(y, sr, bins_per_octave=36): piptrack peaks between 150 and 4000 Hz, histogram in 0.01 steps. */
    public static double estimateTuning(float[] y, double sr) {
        return estimateTuning(Spectral.spectrogram(y, 2048, 512, Spectral.hannPeriodic(2048), 1), sr);
    }

    /** estimate_tuning from the magnitude STFT ({@code n_fft} 2048, hop 512, periodic Hann, centred). */
    public static double estimateTuning(double[][] s, double sr) {
        int nFft = 2048;
        int bins = s.length, frames = s[0].length;
        double[] pitches = new double[bins * frames];
        double[] mags = new double[bins * frames];
        int count = 0;
        for (int t = 0; t < frames; t++) {
            double max = 0;
            for (int k = 0; k < bins; k++) {
                max = Math.max(max, s[k][t]);
            }
            double ref = 0.1 * max;
            for (int k = 1; k < bins - 1; k++) {
                double f = k * sr / nFft;
                if (!(f >= 150 && f < 4000)) {
                    continue;
                }
                double x = s[k][t] > ref ? s[k][t] : 0;
                double xl = s[k - 1][t] > ref ? s[k - 1][t] : 0;
                double xr = s[k + 1][t] > ref ? s[k + 1][t] : 0;
                if (!(x > xl && x >= xr)) {
                    continue;
                }
                double avg = 0.5 * (s[k + 1][t] - s[k - 1][t]);
                double den = 2 * s[k][t] - s[k + 1][t] - s[k - 1][t];
                double shift = avg / (den + (Math.abs(den) < Double.MIN_NORMAL ? 1 : 0));
                pitches[count] = (k + shift) * sr / nFft;
                mags[count] = s[k][t] + 0.5 * avg * shift;
                count++;
            }
        }
        // Keep pitches (> 0) whose magnitude reaches the median of all peaks' magnitudes.
        int valid = 0;
        double[] m = new double[count];
        for (int i = 0; i < count; i++) {
            if (pitches[i] > 0) {
                m[valid++] = mags[i];
            }
        }
        if (valid == 0) {
            return 0;
        }
        double[] sorted = Arrays.copyOf(m, valid);
        Arrays.sort(sorted);
        double median = valid % 2 == 1 ? sorted[valid / 2] : 0.5 * (sorted[valid / 2 - 1] + sorted[valid / 2]);
        int nb = 100;
        double[] edges = new double[nb + 1];
        for (int i = 0; i <= nb; i++) {
            edges[i] = i == nb ? 0.5 : -0.5 + i * (1.0 / nb);
        }
        int[] hist = new int[nb];
        for (int i = 0; i < count; i++) {
            if (!(pitches[i] > 0) || mags[i] < median) {
                continue;
            }
            double r = BPO * (Math.log(pitches[i] / 27.5) / Math.log(2));
            r = r - Math.floor(r);
            if (r >= 0.5) {
                r -= 1;
            }
            int idx = (int) Math.floor((r + 0.5) * nb);
            idx = Math.max(0, Math.min(nb - 1, idx));
            // numpy's corrections for values on an edge; the last bin is closed.
            if (r < edges[idx]) {
                idx--;
            } else if (idx != nb - 1 && r >= edges[idx + 1]) {
                idx++;
            }
            if (idx >= 0 && idx < nb) {
                hist[idx]++;
            }
        }
        int best = 0;
        for (int i = 1; i < nb; i++) {
            if (hist[i] > hist[best]) {
                best = i;
            }
        }
        return edges[best];
    }

    /** |CQT| of 252 bins from C1 (tuned), 36 per octave, at {@code hop}: {@code [252][frames]}. */
    public static double[][] cqtMagnitude(float[] y, double sr, int hop, double tuning) {
        double fmin = C1 * Math.pow(2, tuning / BPO);
        double alpha = Math.pow(2, 1.0 / BPO) - 1;
        double q = 1 / alpha;
        float[] myY = y;
        double mySr = sr;
        int myHop = hop;
        int frames = Integer.MAX_VALUE;
        double[][][] octaveRe = new double[OCTAVES][][], octaveIm = new double[OCTAVES][][];
        // Each octave's signal is the previous one halved; the responses are then independent.
        float[][] signals = new float[OCTAVES][];
        double[] rates = new double[OCTAVES];
        int[] hops = new int[OCTAVES];
        for (int i = 0; i < OCTAVES; i++) {
            signals[i] = myY;
            rates[i] = mySr;
            hops[i] = myHop;
            if (myHop % 2 == 0) {
                myHop /= 2;
                mySr /= 2;
                if (i < OCTAVES - 1) {
                    myY = Resampler.resample(myY, 2, 1, Resampler.KAISER_FAST, true);
                }
            }
        }
        java.util.stream.IntStream.range(0, OCTAVES).parallel().forEach(i -> {
            double fminOct = fmin * Math.pow(2, (double) (BINS - BPO * (i + 1)) / BPO);
            Kernel kernel = Kernel.of(rates[i], fminOct, q, Math.sqrt(sr / rates[i]));
            double[][][] resp = kernel.response(signals[i], hops[i]);
            octaveRe[i] = resp[0];
            octaveIm[i] = resp[1];
        });
        for (int i = 0; i < OCTAVES; i++) {
            frames = Math.min(frames, octaveRe[i][0].length);
        }
        double[][] mag = new double[BINS][frames];
        for (int i = 0; i < OCTAVES; i++) {
            for (int k = 0; k < BPO; k++) {
                int b = BINS - BPO * (i + 1) + k;
                double f = fmin * Math.pow(2, (double) b / BPO);
                double norm = Math.sqrt(q * sr / f);
                for (int t = 0; t < frames; t++) {
                    double r = octaveRe[i][k][t], m = octaveIm[i][k][t];
                    mag[b][t] = Math.sqrt(r * r + m * m) / norm;
                }
            }
        }
        return mag;
    }

    /** The sparsified FFT kernels of one octave (36 bins from {@code fmin} at {@code sr}). */
    private record Kernel(int nFft, int[][] index, double[][] re, double[][] im) {

        static Kernel of(double sr, double fmin, double q, double rescale) {
            double[] lengths = new double[BPO];
            double maxLen = 0;
            for (int k = 0; k < BPO; k++) {
                double f = fmin * Math.pow(2, (double) k / BPO);
                lengths[k] = q * sr / f;
                maxLen = Math.max(maxLen, lengths[k]);
            }
            int nFft = (int) Math.pow(2, Math.ceil(Math.log(maxLen) / Math.log(2)));
            DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
            int bins = nFft / 2 + 1;
            int[][] index = new int[BPO][];
            double[][] re = new double[BPO][], im = new double[BPO][];
            for (int k = 0; k < BPO; k++) {
                double f = fmin * Math.pow(2, (double) k / BPO);
                double l = lengths[k];
                // np.arange(-l // 2, l // 2): floor(-l/2) … below floor(l/2), as floats.
                double start = Math.floor(-l / 2), stop = Math.floor(l / 2);
                int n = (int) Math.ceil(stop - start);
                double[] w = Spectral.hannPeriodic(n);
                double[] sr2 = new double[n], si = new double[n];
                double l1 = 0;
                for (int j = 0; j < n; j++) {
                    double phase = (start + j) * 2 * Math.PI * f / sr;
                    sr2[j] = Math.cos(phase) * w[j];
                    si[j] = Math.sin(phase) * w[j];
                    l1 += Math.hypot(sr2[j], si[j]);
                }
                double[] buf = new double[2 * nFft];
                int lpad = (nFft - n) / 2;
                double scale = l / nFft / l1;
                for (int j = 0; j < n; j++) {
                    buf[2 * (lpad + j)] = sr2[j] * scale;
                    buf[2 * (lpad + j) + 1] = si[j] * scale;
                }
                fft.complexForward(buf);
                double[] mags = new double[bins];
                double total = 0;
                for (int b = 0; b < bins; b++) {
                    mags[b] = Math.hypot(buf[2 * b], buf[2 * b + 1]);
                    total += mags[b];
                }
                // sparsify_rows(quantile = 0.01): drop the smallest magnitudes that sum to under 1 % of the row.
                double[] sorted = mags.clone();
                Arrays.sort(sorted);
                double cum = 0, threshold = sorted[sorted.length - 1];
                for (double v : sorted) {
                    cum += v / total;
                    if (cum >= 0.01) {
                        threshold = v;
                        break;
                    }
                }
                int kept = 0;
                for (double v : mags) {
                    if (v >= threshold) {
                        kept++;
                    }
                }
                index[k] = new int[kept];
                re[k] = new double[kept];
                im[k] = new double[kept];
                int p = 0;
                for (int b = 0; b < bins; b++) {
                    if (mags[b] >= threshold) {
                        index[k][p] = b;
                        re[k][p] = buf[2 * b] * rescale;
                        im[k][p] = buf[2 * b + 1] * rescale;
                        p++;
                    }
                }
            }
            return new Kernel(nFft, index, re, im);
        }

        /** kernel · STFT(y) with a rectangular window, centred, reflect-padded: {re, im} as {@code [36][frames]}. */
        double[][][] response(float[] y, int hop) {
            int frames = Spectral.frameCount(y.length, hop);
            double[][] outRe = new double[BPO][frames], outIm = new double[BPO][frames];
            DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
            double[] buf = new double[nFft];
            int pad = nFft / 2;
            for (int t = 0; t < frames; t++) {
                int start = t * hop - pad;
                for (int i = 0; i < nFft; i++) {
                    int idx = start + i;
                    buf[i] = idx >= 0 && idx < y.length ? y[idx] : Spectral.reflectAt(y, idx);
                }
                fft.realForward(buf);
                for (int k = 0; k < BPO; k++) {
                    double ar = 0, ai = 0;
                    int[] ix = index[k];
                    for (int p = 0; p < ix.length; p++) {
                        int b = ix[p];
                        double xr = Spectral.re(buf, b, nFft), xi = Spectral.im(buf, b, nFft);
                        ar += re[k][p] * xr - im[k][p] * xi;
                        ai += re[k][p] * xi + im[k][p] * xr;
                    }
                    outRe[k][t] = ar;
                    outIm[k][t] = ai;
                }
            }
            return new double[][][] {outRe, outIm};
        }
    }
}
