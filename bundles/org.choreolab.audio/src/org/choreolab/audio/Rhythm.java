package org.choreolab.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * librosa 0.8.1's onset peak picking ({@code onset_detect}) and beat tracking ({@code beat_track}:
 * tempo from the mean autocorrelation tempogram under a log-normal prior around the starting tempo,
 * then Ellis' dynamic programme), on an onset envelope at {@code sr / hop} frames per second.
 */
public final class Rhythm {

    private static final double TINY32 = 1.1754943508222875e-38;

    private Rhythm() {
    }

    /** onset_detect(onset_envelope=env, sr, hop_length) with its default peak-picking parameters. */
    public static int[] onsetDetect(float[] env, double sr, int hop) {
        int n = env.length;
        if (n == 0) {
            return new int[0];
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (float v : env) {
            if (!Float.isFinite(v)) {
                return new int[0];
            }
            min = Math.min(min, v);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = env[i] - min;
            max = Math.max(max, x[i]);
        }
        for (int i = 0; i < n; i++) {
            x[i] /= max + TINY32;
        }
        int preMax = (int) Math.ceil(Math.floor(0.03 * sr / hop));
        int postMax = (int) Math.ceil(Math.floor(0.00 * sr / hop) + 1);
        int preAvg = (int) Math.ceil(Math.floor(0.10 * sr / hop));
        int postAvg = (int) Math.ceil(Math.floor(0.10 * sr / hop) + 1);
        int wait = (int) Math.ceil(Math.floor(0.03 * sr / hop));
        double delta = 0.07;
        double xmin = Arrays.stream(x).min().orElse(0);
        List<Integer> peaks = new ArrayList<>();
        long last = Long.MIN_VALUE / 2;
        for (int i = 0; i < n; i++) {
            double movMax = Double.NEGATIVE_INFINITY;
            for (int j = i - preMax; j <= i + postMax - 1; j++) {
                movMax = Math.max(movMax, j >= 0 && j < n ? x[j] : xmin);
            }
            int a = Math.max(0, i - preAvg), b = Math.min(n, i + postAvg);
            double sum = 0;
            for (int j = a; j < b; j++) {
                sum += x[j];
            }
            double movAvg = sum / (b - a);
            double det = x[i] == movMax ? x[i] : 0;
            if (det != 0 && det >= movAvg + delta) {
                if (i > last + wait) {
                    peaks.add(i);
                    last = i;
                }
            }
        }
        return peaks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The tempo estimate and its intermediate values. */
    public record Tempo(double bpm, int bin, double[] tempogramMean) {
    }

    /** beat.tempo(onset_envelope, sr, hop, start_bpm): 8-s autocorrelation window, max 320 BPM. */
    public static Tempo tempo(float[] env, double sr, int hop, double startBpm) {
        int n = env.length;
        int win = (int) Math.floor(8.0 * sr / hop);
        double[] padded = rampPadded(env, win);
        double[] w = Spectral.hannPeriodic(win);
        int nFft = Integer.highestOneBit(2 * win - 1) << 1;
        // The mean of the normalised autocorrelations is the inverse FFT of the mean of the normalised power spectra
        // (the inverse FFT is linear), so each frame needs one forward FFT and the whole mean one inverse FFT. A column's
        // largest magnitude is its lag 0, the frame's energy (|r(k)| ≤ r(0) by Cauchy–Schwarz), which Parseval gives
        // from the power spectrum: r(0) = (P_0 + P_{N/2} + 2 Σ P_k) / N. The sums round in another order than the inverse
        // FFT of each frame, which moves the mean by ~1e-16 of its values.
        // Frames are independent: chunks in parallel, each summing its normalised power spectra;
        // the chunk sums are then added in chunk order, so the result does not depend on scheduling.
        int half = nFft / 2;
        int chunk = 256;
        int chunks = (n + chunk - 1) / chunk;
        double[][] partial = new double[chunks][half + 1];
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
            double[] buf = new double[nFft];
            double[] power = new double[half + 1];
            double[] sum = partial[c];
            for (int t = c * chunk; t < Math.min(n, (c + 1) * chunk); t++) {
                powerSpectrum(padded, t, w, fft, buf, power);
                double e = power[0] + power[half];
                double inner = 0;
                for (int k = 1; k < half; k++) {
                    inner += power[k];
                }
                double r0 = (e + 2 * inner) / nFft;
                double len = r0 < Double.MIN_NORMAL ? 1 : r0;
                for (int k = 0; k <= half; k++) {
                    sum[k] += power[k] / len;
                }
            }
        });
        double[] total = new double[half + 1];
        for (double[] p : partial) {
            for (int k = 0; k <= half; k++) {
                total[k] += p[k];
            }
        }
        double[] buf = new double[nFft];
        inversePower(total, new DoubleFFT_1D(nFft), buf);
        double[] mean = new double[win];
        for (int k = 0; k < win; k++) {
            mean[k] = buf[k] / n;
        }
        int best = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 1; k < win; k++) {
            double bpm = 60.0 * sr / (hop * (double) k);
            if (bpm >= 320) {
                continue;
            }
            double prior = -0.5 * Math.pow(Math.log(bpm) / Math.log(2) - Math.log(startBpm) / Math.log(2), 2);
            double score = Math.log1p(1e6 * mean[k]) + prior;
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return new Tempo(60.0 * sr / (hop * (double) best), best, mean);
    }

    /**
     * feature.tempogram(onset_envelope, win_length): the envelope padded by {@code win/2} on both sides with
     * {@code np.pad(mode='linear_ramp', end_values=0)}, one frame per envelope frame, a periodic Hann window,
     * the autocorrelation (lags 0 … win−1), each column divided by its maximum. {@code [win][frames]}.
     */
    public static double[][] tempogram(float[] env, int win) {
        int n = env.length;
        double[] padded = rampPadded(env, win);
        double[] w = Spectral.hannPeriodic(win);
        int nFft = Integer.highestOneBit(2 * win - 1) << 1;
        double[][] out = new double[win][n];
        int chunk = 256;
        java.util.stream.IntStream.range(0, (n + chunk - 1) / chunk).parallel().forEach(c -> {
            DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
            double[] buf = new double[nFft], power = new double[nFft / 2 + 1];
            for (int t = c * chunk; t < Math.min(n, (c + 1) * chunk); t++) {
                autocorrelation(padded, t, w, fft, buf, power);
                for (int k = 0; k < win; k++) {
                    out[k][t] = buf[k];
                }
            }
        });
        return out;
    }

    /** The envelope with {@code win/2} linear-ramp samples (from 0) on each side. */
    static double[] rampPadded(float[] env, int win) {
        int n = env.length, half = win / 2;
        double[] padded = new double[n + 2 * half];
        for (int j = 0; j < half; j++) {
            padded[j] = env[0] * ((double) j / half);
            padded[half + n + j] = env[n - 1] * (1 - (double) (j + 1) / half);
        }
        for (int i = 0; i < n; i++) {
            padded[half + i] = env[i];
        }
        return padded;
    }

    /** The power spectrum {@code |FFT(w · padded[t …])|²} of one frame, bins 0 … nFft/2. */
    private static void powerSpectrum(double[] padded, int t, double[] w, DoubleFFT_1D fft, double[] buf, double[] power) {
        int win = w.length, half = buf.length / 2;
        Arrays.fill(buf, 0);
        for (int i = 0; i < win; i++) {
            buf[i] = padded[t + i] * w[i];
        }
        fft.realForward(buf);
        power[0] = buf[0] * buf[0];
        power[half] = buf[1] * buf[1];
        for (int k = 1; k < half; k++) {
            double re = buf[2 * k], im = buf[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }

    /** {@code buf} ← the inverse real FFT of a power spectrum given as bins 0 … nFft/2 (real and even, so its imaginary parts are 0). */
    private static void inversePower(double[] power, DoubleFFT_1D fft, double[] buf) {
        int half = buf.length / 2;
        buf[0] = power[0];
        buf[1] = power[half];
        for (int k = 1; k < half; k++) {
            buf[2 * k] = power[k];
            buf[2 * k + 1] = 0;
        }
        fft.realInverse(buf, true);
    }

    /**
     * The windowed frame starting at {@code padded[t]}, autocorrelated through its power spectrum (any FFT size
     * ≥ 2·win − 1 gives the linear autocorrelation) and divided by its largest magnitude (unchanged when that is
     * below the smallest normal double): lags 0 … win−1 in {@code buf}; {@code power} is scratch of nFft/2 + 1.
     */
    static void autocorrelation(double[] padded, int t, double[] w, DoubleFFT_1D fft, double[] buf, double[] power) {
        int win = w.length;
        powerSpectrum(padded, t, w, fft, buf, power);
        inversePower(power, fft, buf);
        double max = 0;
        for (int k = 0; k < win; k++) {
            max = Math.max(max, Math.abs(buf[k]));
        }
        double len = max < Double.MIN_NORMAL ? 1 : max;
        for (int k = 0; k < win; k++) {
            buf[k] /= len;
        }
    }

    /** The beat frames and the tracker's intermediate values. */
    public record Beats(Tempo tempo, int period, int[] frames, double[] localScore, double[] cumScore) {
    }

    /** beat_track(onset_envelope=env, sr, hop, start_bpm, tightness=100, trim=True). */
    public static Beats beatTrack(float[] env, double sr, int hop, double startBpm) {
        boolean any = false;
        for (float v : env) {
            any |= v != 0;
        }
        if (!any) {
            return new Beats(new Tempo(0, 0, new double[0]), 0, new int[0], new double[env.length], new double[env.length]);
        }
        Tempo tempo = tempo(env, sr, hop, startBpm);
        int period = (int) Math.rint(60.0 * (sr / hop) / tempo.bpm());
        int n = env.length;
        // Local score: the envelope over its sample standard deviation, convolved with a Gaussian ('same').
        double mean = 0;
        for (float v : env) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (float v : env) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / (n - 1));
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = std > 0 ? env[i] / std : env[i];
        }
        double[] g = new double[2 * period + 1];
        for (int j = -period; j <= period; j++) {
            g[j + period] = Math.exp(-0.5 * Math.pow(j * 32.0 / period, 2));
        }
        double[] local = convolveSame(e, g);
        // Dynamic programme.
        int lo = -2 * period, hi = (int) -Math.rint(period / 2.0);
        int wl = hi - lo + 1;
        double[] txwt = new double[wl];
        for (int j = 0; j < wl; j++) {
            txwt[j] = -100 * Math.pow(Math.log(-(double) (lo + j) / period), 2);
        }
        double localMax = Arrays.stream(local).max().orElse(0);
        int[] backlink = new int[n];
        double[] cum = new double[n];
        boolean first = true;
        for (int i = 0; i < n; i++) {
            int w0 = lo + i;
            int z = Math.max(0, Math.min(-w0, wl));
            int bestJ = 0;
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < wl; j++) {
                double c = txwt[j] + (j >= z ? cum[w0 + j] : 0);
                if (c > best) {
                    best = c;
                    bestJ = j;
                }
            }
            cum[i] = local[i] + best;
            if (first && local[i] < 0.01 * localMax) {
                backlink[i] = -1;
            } else {
                backlink[i] = w0 + bestJ;
                first = false;
            }
        }
        // The last beat: the last local maximum of the cumulative score above half the maxima's median.
        boolean[] isMax = localMax(cum);
        List<Double> maxima = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (isMax[i]) {
                maxima.add(cum[i]);
            }
        }
        double med = median(maxima);
        int lastBeat = -1;
        for (int i = 0; i < n; i++) {
            if ((isMax[i] ? cum[i] : 0) * 2 > med) {
                lastBeat = i;
            }
        }
        if (lastBeat < 0) {
            // No local maximum of the cumulative score (librosa raises on the empty argmax here): no beats.
            return new Beats(tempo, period, new int[0], local, cum);
        }
        List<Integer> beats = new ArrayList<>();
        beats.add(lastBeat);
        while (backlink[beats.get(beats.size() - 1)] >= 0) {
            beats.add(backlink[beats.get(beats.size() - 1)]);
        }
        int[] b = new int[beats.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = beats.get(b.length - 1 - i);
        }
        // Trim: smooth the local score at the beats with [0, .5, 1, .5, 0]; keep from the first to
        // before the last beat above half its RMS (the slice end drops the last one).
        double[] at = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            at[i] = local[b[i]];
        }
        double[] smooth = convolveSame(at, new double[] {0, 0.5, 1, 0.5, 0});
        double ms = 0;
        for (double v : smooth) {
            ms += v * v;
        }
        double threshold = 0.5 * Math.sqrt(ms / smooth.length);
        int firstValid = -1, lastValid = -1;
        for (int i = 0; i < smooth.length; i++) {
            if (smooth[i] > threshold) {
                if (firstValid < 0) {
                    firstValid = i;
                }
                lastValid = i;
            }
        }
        int[] frames = firstValid < 0 ? new int[0] : Arrays.copyOfRange(b, firstValid, lastValid);
        return new Beats(tempo, period, frames, local, cum);
    }

    /** scipy.signal.convolve(x, k, 'same') for an odd kernel. */
    static double[] convolveSame(double[] x, double[] k) {
        int n = x.length, m = k.length, off = (m - 1) / 2;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double acc = 0;
            int full = i + off;
            for (int j = 0; j < m; j++) {
                int src = full - j;
                if (src >= 0 && src < n) {
                    acc += x[src] * k[j];
                }
            }
            out[i] = acc;
        }
        return out;
    }

    /** librosa.util.localmax: x[i] > x[i-1] and x[i] ≥ x[i+1], edges compared with themselves. */
    static boolean[] localMax(double[] x) {
        int n = x.length;
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) {
            double l = x[Math.max(0, i - 1)], r = x[Math.min(n - 1, i + 1)];
            m[i] = x[i] > l && x[i] >= r;
        }
        return m;
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
