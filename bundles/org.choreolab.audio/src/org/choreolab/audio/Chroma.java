package org.choreolab.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return cens(tuning, cqtMagnitude(y, sr, hop, tuning));
    }

    /** chroma_cens from the |CQT| {@code [252][frames]} computed with {@code tuning}. */
    static Result cens(double tuning, double[][] cqt) {
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

    /**
     * chroma_cqt's fold and norm: |CQT| bins to 12 pitch classes ({@code cq_to_chroma}, 3 bins per class, C1
     * first), each frame divided by its largest value ({@code norm=np.inf}; frames below float32's smallest normal
     * are left as they are). {@code [frames][12]}.
     */
    static double[][] foldMaxNormalised(double[][] cqt) {
        int frames = cqt[0].length;
        double[][] out = new double[frames][12];
        for (int b = 0; b < cqt.length; b++) {
            int c = ((b + 1) / 3) % 12;
            for (int t = 0; t < frames; t++) {
                out[t][c] += cqt[b][t];
            }
        }
        for (double[] row : out) {
            double max = 0;
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
            if (max >= TINY32) {
                for (int c = 0; c < 12; c++) {
                    row[c] /= max;
                }
            }
        }
        return out;
    }

    /** librosa.estimate_tuning(y, sr, bins_per_octave=36), as cqt calls it ({@link Pitch}). */
    public static double estimateTuning(float[] y, double sr) {
        return Pitch.estimateTuning(y, sr, BPO);
    }

    /**
     * estimate_tuning (bins_per_octave=36) from a magnitude STFT {@code [1025][frames]} (n_fft 2048); the
     * magnitudes are rounded to float32 as librosa's complex64 STFT holds them.
     *
     * @deprecated the tuning depends on float32 rounding of the complex STFT itself; use {@link #estimateTuning(float[], double)}
     */
    @Deprecated
    public static double estimateTuning(double[][] s, double sr) {
        Pitch.Tracker tr = new Pitch.Tracker(sr, 2048);
        Pitch.Peaks peaks = new Pitch.Peaks();
        float[] col = new float[s.length];
        for (int t = 0; t < s[0].length; t++) {
            for (int k = 0; k < s.length; k++) {
                col[k] = (float) s[k][t];
            }
            tr.frame(col, peaks);
        }
        return Pitch.estimateTuning(peaks, BPO);
    }

    /** |CQT| of 252 bins from C1 (tuned), 36 per octave, at {@code hop}: {@code [252][frames]}. */
    public static double[][] cqtMagnitude(float[] y, double sr, int hop, double tuning) {
        return cqtMagnitude(y, sr, hop, tuning, OCTAVES);
    }

    /** kaiser_fast's pass band ({@code resampy.filters.get_filter('kaiser_fast')[2]}): librosa's BW_FASTEST. */
    static final double BW_FASTEST = 0.85;
    /** The equivalent noise bandwidth of a Hann window, as librosa's WINDOW_BANDWIDTHS['hann']. */
    static final double HANN_BANDWIDTH = 1.50018310546875;

    /** One octave of the recursive CQT: its signal, rate, hop, lowest frequency and filter rescaling. */
    private record Octave(float[] y, double sr, int hop, double fmin, double rescale) {
    }

    /**
     * librosa 0.8.1's {@code cqt(y, sr, hop, fmin=C1, n_bins=36·octaves, bins_per_octave=36, tuning)} magnitude
     * ({@code vqt} with gamma 0): early downsampling when the filters allow it, the top octave first at full
     * rate when only kaiser_best would keep it, then octave by octave halved with kaiser_fast (×√2), each
     * octave's sparsified FFT kernels applied to a rectangular-window STFT, stacked top down, cut to the
     * shortest octave, divided by √(filter length). {@code [36·octaves][frames]}.
     */
    public static double[][] cqtMagnitude(float[] y, double sr, int hop, double tuning, int octaves) {
        int nBins = BPO * octaves;
        double fmin = C1 * Math.pow(2, tuning / BPO);
        double alpha = Math.pow(2, 1.0 / BPO) - 1;
        double q = 1 / alpha;
        double fminT = fmin * Math.pow(2, (double) (nBins - BPO) / BPO);
        double fmaxT = fmin * Math.pow(2, (double) (nBins - 1) / BPO);
        double filterCutoff = fmaxT * (1 + 0.5 * HANN_BANDWIDTH / q);
        double nyquist = sr / 2.0;
        boolean fast = filterCutoff < BW_FASTEST * nyquist;
        // __early_downsample
        int count1 = Math.max(0, (int) Math.ceil(Math.log(BW_FASTEST * nyquist / filterCutoff) / Math.log(2)) - 1 - 1);
        int count2 = Math.max(0, Integer.numberOfTrailingZeros(hop) - octaves + 1);
        int early = Math.min(count1, count2);
        if (early > 0 && fast) {
            int factor = 1 << early;
            hop /= factor;
            double newSr = sr / factor;
            y = Resampler.resample(y, sr, newSr, Resampler.KAISER_FAST, true);
            sr = newSr;
        }
        List<Octave> plan = new ArrayList<>();
        int remaining = octaves;
        if (!fast) {
            // The top octave before any resampling, the rest with kaiser_fast (the filters there fit it).
            plan.add(new Octave(y, sr, hop, fminT, 1));
            fminT /= 2;
            remaining--;
        }
        if (Integer.numberOfTrailingZeros(hop) < remaining - 1) {
            throw new IllegalArgumentException("hop " + hop + " must be a multiple of 2^" + (remaining - 1) + " for a "
                    + remaining + "-octave CQT");
        }
        float[] myY = y;
        double mySr = sr;
        int myHop = hop;
        for (int i = 0; i < remaining; i++) {
            if (i > 0) {
                if (myY.length < 2) {
                    throw new IllegalArgumentException("signal of " + y.length + " samples too short for a " + octaves + "-octave CQT");
                }
                myY = Resampler.resample(myY, 2, 1, Resampler.KAISER_FAST, true);
                mySr /= 2;
                myHop /= 2;
            }
            plan.add(new Octave(myY, mySr, myHop, fminT * Math.pow(2, -i), Math.sqrt(Math.pow(2, i))));
        }
        int[] frameCounts = new int[plan.size()];
        int frames = Integer.MAX_VALUE;
        for (int i = 0; i < plan.size(); i++) {
            frameCounts[i] = Spectral.frameCount(plan.get(i).y().length, plan.get(i).hop());
            frames = Math.min(frames, frameCounts[i]);
        }
        Kernel[] kernels = new Kernel[plan.size()];
        for (int i = 0; i < plan.size(); i++) {
            Octave o = plan.get(i);
            kernels[i] = Kernel.cached(o.sr(), o.fmin(), q);
        }
        double[][] mag = new double[nBins][frames];
        double[] norm = new double[nBins];
        for (int b = 0; b < nBins; b++) {
            norm[b] = 1 / Math.sqrt(q * sr / (fmin * Math.pow(2, (double) b / BPO)));
        }
        // Every (octave, chunk of frames) is independent.
        int chunk = 256;
        int perOctave = (frames + chunk - 1) / chunk;
        int total = perOctave * plan.size();
        int nFrames = frames;
        java.util.stream.IntStream.range(0, total).parallel().forEach(task -> {
            int i = task / perOctave, c = task % perOctave;
            Octave o = plan.get(i);
            int top = nBins - BPO * (i + 1);
            kernels[i].response(o.y(), o.hop(), c * chunk, Math.min(nFrames, (c + 1) * chunk), mag, top, norm, o.rescale());
        });
        return mag;
    }

    /** The sparsified FFT kernels of one octave (36 bins from {@code fmin} at {@code sr}). */
    private record Kernel(int nFft, int[][] index, double[][] re, double[][] im, double[] cos, double[] sin) {

        /** Below this many multiply-adds per frame a sliding DFT of the used bins is cheaper than an FFT of nFft. */
        static final long SLIDING_BELOW = 16_000;

        /**
         * Recently used kernels. An octave's kernel depends on its rate and lowest frequency only through their
         * ratio (halving both changes no bit of it), so one serves every octave of a CQT, and files with the same
         * tuning (a multiple of 0.01 bin) share it.
         */
        private static final Map<List<Long>, Kernel> CACHE = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Long>, Kernel> eldest) {
                return size() > 32;
            }
        });

        static Kernel cached(double sr, double fmin, double q) {
            List<Long> key = List.of(Double.doubleToLongBits(fmin / sr), Double.doubleToLongBits(q));
            Kernel k = CACHE.get(key);
            if (k == null) {
                k = of(sr, fmin, q, 1);
                CACHE.put(key, k);
            }
            return k;
        }

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
            // cos and sin of −2πk/nFft, the sliding DFT's twiddles, computed once per kernel instead of per chunk
            double[] cos = new double[nFft], sin = new double[nFft];
            for (int k = 0; k < nFft; k++) {
                double ang = -2 * Math.PI * k / nFft;
                cos[k] = Math.cos(ang);
                sin[k] = Math.sin(ang);
            }
            return new Kernel(nFft, index, re, im, cos, sin);
        }

        /** Frames per block of {@link #apply}. */
        static final int BLOCK = 16;

        /**
         * |kernel · STFT(y)| (rectangular window, centred, reflect-padded) for frames {@code [t0, t1)}, times
         * {@code norm[top + k]}, into {@code out[top + k][t]}. Only the bins some kernel reads are kept, for
         * {@link #BLOCK} frames at a time, stored bin-major ({@code [used bin][frame]}).
         */
        void response(float[] y, int hop, int t0, int t1, double[][] out, int top, double[] norm, double rescale) {
            int[] used = usedBins();
            int n = used.length;
            int[][] slot = slots(used);
            double[] br = new double[n * BLOCK], bi = new double[n * BLOCK];
            double[] ar = new double[BLOCK], ai = new double[BLOCK];
            FrameBins sink = (t, r, i) -> {
                int f = (t - t0) % BLOCK;
                for (int q = 0; q < n; q++) {
                    br[q * BLOCK + f] = r[q];
                    bi[q * BLOCK + f] = i[q];
                }
                if (f == BLOCK - 1 || t == t1 - 1) {
                    apply(br, bi, f + 1, slot, ar, ai, out, top, t - f, norm, rescale);
                }
            };
            if ((long) hop * n * 2 < SLIDING_BELOW) {
                sliding(y, hop, t0, t1, used, sink);
                return;
            }
            DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
            double[] buf = new double[nFft];
            double[] xr = new double[n], xi = new double[n];
            for (int t = t0; t < t1; t++) {
                Stft.frame(y, t, nFft, hop, null, buf);
                fft.realForward(buf);
                gather(buf, used, xr, xi);
                sink.frame(t, xr, xi);
            }
        }

        /** The used bins {@code used[q]} of a packed real FFT into {@code (xr[q], xi[q])}. */
        private void gather(double[] packed, int[] used, double[] xr, double[] xi) {
            int half = nFft / 2;
            for (int q = 0; q < used.length; q++) {
                int b = used[q];
                if (b == 0 || b == half) {
                    xr[q] = packed[b == 0 ? 0 : 1];
                    xi[q] = 0;
                } else {
                    xr[q] = packed[2 * b];
                    xi[q] = packed[2 * b + 1];
                }
            }
        }

        /** For kernel k's p-th bin {@code index[k][p]}, its position among the used bins. */
        private int[][] slots(int[] used) {
            int[][] slot = new int[BPO][];
            for (int k = 0; k < BPO; k++) {
                slot[k] = new int[index[k].length];
                for (int p = 0; p < slot[k].length; p++) {
                    slot[k][p] = Arrays.binarySearch(used, index[k][p]);
                }
            }
            return slot;
        }

        /**
         * |Σ kernel · X| for the 36 bins of {@code count} frames from {@code t}: each kernel weight multiplies a run
         * of frames (a loop the JIT vectorises) and each frame's sum still runs over the kernel's bins in order, the
         * same sums as one frame at a time.
         */
        private void apply(double[] br, double[] bi, int count, int[][] slot, double[] ar, double[] ai, double[][] out, int top, int t,
                double[] norm, double rescale) {
            for (int k = 0; k < BPO; k++) {
                Arrays.fill(ar, 0);
                Arrays.fill(ai, 0);
                int[] sk = slot[k];
                double[] kr = re[k], ki = im[k];
                for (int p = 0; p < sk.length; p++) {
                    accumulate(ar, ai, kr[p], ki[p], br, bi, sk[p] * BLOCK, count);
                }
                double[] row = out[top + k];
                double nk = norm[top + k];
                for (int f = 0; f < count; f++) {
                    row[t + f] = Math.sqrt(ar[f] * ar[f] + ai[f] * ai[f]) * rescale * nk;
                }
            }
        }

        private static void accumulate(double[] ar, double[] ai, double kr, double ki, double[] br, double[] bi, int o, int count) {
            for (int f = 0; f < count; f++) {
                double xr = br[o + f], xi = bi[o + f];
                ar[f] += kr * xr - ki * xi;
                ai[f] += kr * xi + ki * xr;
            }
        }

        /** The FFT bins any of the 36 kernels reads, ascending. */
        int[] usedBins() {
            java.util.BitSet set = new java.util.BitSet();
            for (int[] ix : index) {
                for (int b : ix) {
                    set.set(b);
                }
            }
            return set.stream().toArray();
        }

        /** One frame's used bins, {@code (re[q], im[q])} for bin {@code used[q]}. */
        interface FrameBins {
            void frame(int t, double[] re, double[] im);
        }

        /**
         * The rectangular-window STFT of the lower octaves, whose frames overlap by all but {@code hop} of their
         * {@code nFft} samples, as a sliding DFT of only the bins the kernels read: the first frame of the chunk by
         * FFT, then {@code X_{t+1}[b] = w^{-bh} (X_t[b] + Σ_j (z[s+N+j] − z[s+j]) w^{bj})}, w = e^{-2πi/N}. The
         * rounding this accumulates over a chunk (≤ 256 frames) is ~1e-14 of the values; each chunk starts afresh.
         */
        void sliding(float[] y, int hop, int t0, int t1, int[] used, FrameBins sink) {
            int n = used.length;
            // the centred, reflect-padded signal for frames t0 … t1-1
            int start = t0 * hop - nFft / 2, len = (t1 - 1 - t0) * hop + nFft;
            double[] z = new double[len];
            for (int j = 0; j < len; j++) {
                int idx = start + j;
                z[j] = idx >= 0 && idx < y.length ? y[idx] : Spectral.reflectAt(y, idx);
            }
            double[] buf = new double[nFft];
            System.arraycopy(z, 0, buf, 0, nFft);
            new DoubleFFT_1D(nFft).realForward(buf);
            double[] cr = new double[n], ci = new double[n];
            gather(buf, used, cr, ci);
            // twiddles w^{bj} (j < hop) bin-minor, so the update runs along the bins; rotations w^{-bh}
            double[][] twr = new double[hop][n], twi = new double[hop][n];
            double[] rr = new double[n], ri = new double[n];
            for (int q = 0; q < n; q++) {
                int b = used[q];
                for (int j = 0; j < hop; j++) {
                    int k = (int) ((long) b * j % nFft);
                    twr[j][q] = cos[k];
                    twi[j][q] = sin[k];
                }
                // w^{-bh} = conj(w^{bh}): the same table, the sine negated
                int k = (int) ((long) b * hop % nFft);
                rr[q] = cos[k];
                ri[q] = -sin[k];
            }
            for (int t = t0; t < t1; t++) {
                if (t > t0) {
                    int s = (t - 1 - t0) * hop;
                    for (int j = 0; j < hop; j++) {
                        double d = z[s + nFft + j] - z[s + j];
                        if (d != 0) {
                            addScaled(cr, ci, twr[j], twi[j], d, n);
                        }
                    }
                    for (int q = 0; q < n; q++) {
                        double a = cr[q], c = ci[q];
                        cr[q] = a * rr[q] - c * ri[q];
                        ci[q] = a * ri[q] + c * rr[q];
                    }
                }
                sink.frame(t, cr, ci);
            }
        }

        private static void addScaled(double[] cr, double[] ci, double[] tr, double[] ti, double d, int n) {
            for (int q = 0; q < n; q++) {
                cr[q] += d * tr[q];
                ci[q] += d * ti[q];
            }
        }
    }
}
