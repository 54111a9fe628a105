package org.choreolab.audio;

/**
 * resampy 0.2.2's band-limited sinc interpolation, with its {@code kaiser_best} and
 * {@code kaiser_fast} tables regenerated from their definition, and librosa 0.8.1's wrapper around
 * it (output length {@code ceil(n·ratio)}, zero-padded; optional {@code 1/√ratio} scaling).
 * Samples are float32; each output sample is accumulated in double and rounded once.
 */
public final class Resampler {

    /** A precomputed interpolation filter: one wing of a windowed sinc, 512 samples per zero crossing. */
    public static final class Filter {
        final double[] win;
        final int numTable;

        private Filter(int zeros, double beta, double rolloff) {
            numTable = 512;
            int n = numTable * zeros;
            win = new double[n + 1];
            double i0beta = besselI0(beta);
            for (int j = 0; j <= n; j++) {
                double r = (double) j / n;
                double kaiser = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0beta;
                double x = rolloff * ((double) j / numTable);
                double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
                win[j] = kaiser * rolloff * sinc;
            }
        }

        public int length() {
            return win.length;
        }

        /** The table as resampy uses it: multiplied by the ratio when downsampling. */
        double[] scaled(double ratio) {
            double[] w = win.clone();
            if (ratio < 1) {
                for (int i = 0; i < w.length; i++) {
                    w[i] *= ratio;
                }
            }
            return w;
        }

        /** delta[j] = win[j + 1] − win[j], 0 at the end. */
        static double[] differences(double[] win) {
            double[] d = new double[win.length];
            for (int i = 0; i < win.length - 1; i++) {
                d[i] = win[i + 1] - win[i];
            }
            return d;
        }

        public double coefficient(int j) {
            return win[j];
        }
    }

    /** 64 zero crossings, β = 14.769656459379492, rolloff 0.9475937167399596. */
    public static final Filter KAISER_BEST = new Filter(64, 14.769656459379492, 0.9475937167399596);
    /** 16 zero crossings, β = 8.555504641634386, rolloff 0.85. */
    public static final Filter KAISER_FAST = new Filter(16, 8.555504641634386, 0.85);

    private Resampler() {
    }

    /** librosa.resample(y, orig_sr, target_sr, res_type, scale). */
    public static float[] resample(float[] y, double origSr, double targetSr, Filter filter, boolean scale) {
        if (origSr == targetSr) {
            return y.clone();
        }
        double ratio = targetSr / origSr;
        int nSamples = (int) Math.ceil(y.length * ratio);
        float[] core = rationalPhases(origSr, targetSr) > 0 ? polyphase(y, origSr, targetSr, filter) : resampy(y, ratio, filter);
        float[] out = new float[nSamples];
        System.arraycopy(core, 0, out, 0, Math.min(core.length, nSamples));
        if (scale) {
            double s = Math.sqrt(ratio);
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) (out[i] / s);
            }
        }
        return out;
    }

    /** resampy.resample: output length {@code int(n·ratio)}. */
    static float[] resampy(float[] x, double ratio, Filter filter) {
        int nOut = (int) (x.length * ratio);
        double[] win = filter.scaled(ratio);
        double[] delta = Filter.differences(win);
        float[] y = new float[nOut];
        double scale = Math.min(1.0, ratio);
        double timeIncrement = 1.0 / ratio;
        int numTable = filter.numTable;
        int indexStep = (int) (scale * numTable);
        int nwin = win.length;
        // The taps one output sample reads are win[offset + i·step]: store them contiguously per offset,
        // so that each output sample walks two short arrays instead of striding through the table.
        int offsets = indexStep + 1;
        double[][] wT = new double[offsets][], dT = new double[offsets][];
        for (int o = 0; o < offsets; o++) {
            int count = Math.max(0, (nwin - o) / indexStep);
            wT[o] = new double[count];
            dT[o] = new double[count];
            for (int i = 0; i < count; i++) {
                wT[o][i] = win[o + i * indexStep];
                dT[o][i] = delta[o + i * indexStep];
            }
        }
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
        }
        // The time register is accumulated sample by sample, as resampy does (not recomputed as t/ratio):
        // record it first, so that chunks of output can then be computed in parallel.
        double[] register = new double[nOut];
        double tr = 0.0;
        for (int t = 0; t < nOut; t++) {
            register[t] = tr;
            tr += timeIncrement;
        }
        int chunk = 1 << 14;
        java.util.stream.IntStream.range(0, (nOut + chunk - 1) / chunk).parallel().forEach(c -> {
            for (int t = c * chunk; t < Math.min(nOut, (c + 1) * chunk); t++) {
                y[t] = (float) sample(xd, register[t], scale, numTable, wT, dT);
            }
        });
        return y;
    }

    /**
     * One output sample: the left wing over x[n], x[n-1], … and the right wing over x[n+1], …
     * Summed in double; the reference rounds each step to float32, which moves y by under 1e-6
     * and the features by far less than their tolerances (SPEC.md §9).
     */
    private static double sample(double[] x, double timeRegister, double scale, int numTable, double[][] wT, double[][] dT) {
        int n = (int) timeRegister;
        double frac = scale * (timeRegister - n);
        double indexFrac = frac * numTable;
        int offset = (int) indexFrac;
        double eta = indexFrac - offset;
        double[] w = wT[offset], d = dT[offset];
        int iMax = Math.min(n + 1, w.length);
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int i = 0;
        for (; i + 3 < iMax; i += 4) {
            a0 += (w[i] + eta * d[i]) * x[n - i];
            a1 += (w[i + 1] + eta * d[i + 1]) * x[n - i - 1];
            a2 += (w[i + 2] + eta * d[i + 2]) * x[n - i - 2];
            a3 += (w[i + 3] + eta * d[i + 3]) * x[n - i - 3];
        }
        for (; i < iMax; i++) {
            a0 += (w[i] + eta * d[i]) * x[n - i];
        }
        frac = scale - frac;
        indexFrac = frac * numTable;
        offset = (int) indexFrac;
        eta = indexFrac - offset;
        w = wT[offset];
        d = dT[offset];
        int kMax = Math.min(x.length - n - 1, w.length);
        int k = 0;
        for (; k + 3 < kMax; k += 4) {
            a0 += (w[k] + eta * d[k]) * x[n + k + 1];
            a1 += (w[k + 1] + eta * d[k + 1]) * x[n + k + 2];
            a2 += (w[k + 2] + eta * d[k + 2]) * x[n + k + 3];
            a3 += (w[k + 3] + eta * d[k + 3]) * x[n + k + 4];
        }
        for (; k < kMax; k++) {
            a0 += (w[k] + eta * d[k]) * x[n + k + 1];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /**
     * The number of distinct output phases L when both rates are whole numbers (ratio = L/M in lowest terms)
     * and L is small enough for a table per phase, or 0.
     */
    static int rationalPhases(double origSr, double targetSr) {
        if (origSr != Math.rint(origSr) || targetSr != Math.rint(targetSr) || origSr <= 0 || targetSr <= 0) {
            return 0;
        }
        long a = (long) origSr, b = (long) targetSr;
        long g = java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).longValue();
        long l = b / g;
        return l <= 4096 && a / g <= 1 << 20 ? (int) l : 0;
    }

    /**
     * The same interpolation with the weights of each phase computed once: output t reads input
     * n = floor(t·M/L) at the fractional position r/L, r = t·M mod L (ratio = L/M in lowest terms). resampy
     * accumulates its time register instead; where 1/ratio is a dyadic fraction (44.1, 48, 22.05, 24 kHz to
     * 30,720 Hz; every 2:1 step of the CQT) the two are identical, elsewhere the register's rounding drift moves
     * an output by ~1e-9, far below the float32 rounding of the reference itself.
     *
     * <p>Outputs sharing a phase r are t = qL + r; they read x at qM + c for fixed offsets c. Splitting x
     * into its M polyphase components x_p[q] = x[qM + p] turns each tap into a contiguous multiply-add
     * over q, which the JIT vectorises, instead of a strided dot product per output. Like resampy, whose output
     * array is float32 so that every {@code +=} rounds to float32, the sums are kept in float32 (a vector holds
     * twice as many floats as doubles); the taps are rounded to float32 too. Against the reference this moves y by about
     * 1e-7, as much as resampy's own rounding, and the features by far less than their tolerances.
     */
    static float[] polyphase(float[] x, double origSr, double targetSr, Filter filter) {
        long a = (long) origSr, b = (long) targetSr;
        long g = java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).longValue();
        int m = (int) (a / g), l = (int) (b / g);
        if (l < PHASES) {
            // Fewer phases than a group (the CQT's 2:1 steps have one): L/M as kL/kM, whose k·L phases are the same
            // L phases over and over, so that four consecutive outputs share their loads like four distinct phases.
            int k = (PHASES + l - 1) / l;
            m *= k;
            l *= k;
        }
        double ratio = targetSr / origSr;
        int nOut = (int) (x.length * ratio);
        if (nOut <= 0) {
            return new float[0];
        }
        double[] win = filter.scaled(ratio);
        double[] delta = Filter.differences(win);
        double scale = Math.min(1.0, ratio);
        int numTable = filter.numTable;
        int indexStep = (int) (scale * numTable);
        int nwin = win.length;
        // Per phase: the taps h_r[u] applied to x[n_r - left_r + 1 + u] (n_r = floor(rM/L)); taps that
        // fall outside x read the zero padding, which is what resampy's shortened wings amount to.
        float[][] taps = new float[l][];
        int[] first = new int[l];
        int maxLeft = 0, maxRight = 0;
        for (int r = 0; r < l; r++) {
            long pos = (long) r * m;
            int nr = (int) (pos / l);
            double frac = scale * ((double) (pos - (long) nr * l) / l);
            double indexFrac = frac * numTable;
            int offset = (int) indexFrac;
            double eta = indexFrac - offset;
            int cl = (nwin - offset) / indexStep;
            double fracR = scale - frac;
            double indexFracR = fracR * numTable;
            int offsetR = (int) indexFracR;
            double etaR = indexFracR - offsetR;
            int cr = (nwin - offsetR) / indexStep;
            float[] h = new float[cl + cr];
            for (int i = 0; i < cl; i++) {
                int k = offset + i * indexStep;
                h[cl - 1 - i] = (float) (win[k] + eta * delta[k]);
            }
            for (int k = 0; k < cr; k++) {
                int j = offsetR + k * indexStep;
                h[cl + k] = (float) (win[j] + etaR * delta[j]);
            }
            taps[r] = h;
            first[r] = nr - cl + 1;
            maxLeft = Math.max(maxLeft, cl);
            maxRight = Math.max(maxRight, cr);
        }
        int pad = maxLeft;
        int qCount = (nOut + l - 1) / l;
        // Phases in groups of PHASES (the last group padded with empty phases): each group reads one band of
        // input offsets c, the union of its phases' bands, with a phase's taps zero outside its own band. Adding
        // 0·x leaves a float32 sum unchanged, so the padding costs time (~3 % for 44.1 kHz → 30,720 Hz) but no value.
        int groups = (l + PHASES - 1) / PHASES;
        int[] bandStart = new int[groups];
        float[][][] bandTaps = new float[groups][PHASES][];
        int maxC = pad + maxRight + m;
        for (int gi = 0; gi < groups; gi++) {
            int cLo = Integer.MAX_VALUE, cHi = 0;
            for (int r = gi * PHASES; r < Math.min(l, (gi + 1) * PHASES); r++) {
                cLo = Math.min(cLo, first[r] + pad);
                cHi = Math.max(cHi, first[r] + pad + taps[r].length);
            }
            int len = (cHi - cLo + 1) & ~1; // even: the taps are applied two at a time
            bandStart[gi] = cLo;
            maxC = Math.max(maxC, cLo + len);
            for (int j = 0; j < PHASES; j++) {
                int r = gi * PHASES + j;
                bandTaps[gi][j] = new float[len];
                if (r < l) {
                    System.arraycopy(taps[r], 0, bandTaps[gi][j], first[r] + pad - cLo, taps[r].length);
                }
            }
        }
        // x padded by `pad` zeros in front, split into M components of qCount + reach samples each.
        int reach = maxC / m + 2;
        int compLen = qCount + reach;
        float[][] comp = new float[m][compLen];
        // comp[p][q] = x[qM + p - pad], without a division per sample
        for (int p = 0; p < m; p++) {
            float[] cp = comp[p];
            int q = 0, i = p - pad;
            if (i < 0) {
                q = (-i + m - 1) / m;
                i += q * m;
            }
            for (; i < x.length && q < compLen; i += m, q++) {
                cp[q] = x[i];
            }
        }
        float[] y = new float[nOut];
        grouped(comp, m, l, bandStart, bandTaps, qCount, y);
        return y;
    }

    /** Phases computed together by {@link #grouped}. */
    private static final int PHASES = 4;

    /**
     * The polyphase sums four phases at a time. One phase alone streams ~180 input rows from L2 for one multiply-add
     * each per loaded value (L2-bound, ~4 GMAC/s a core); four phases whose bands nearly coincide share every load
     * of x, and their accumulators stay in L1. Blocks of 128 outputs per phase keep a group's rows (~190 × 512 B)
     * in L1 too. The float32 sums add two taps per step, so they round in another order than one tap at a time:
     * outputs move by a few float32 ulps, the size of the difference to resampy's own float32 sums.
     */
    private static void grouped(float[][] comp, int m, int l, int[] bandStart, float[][][] bandTaps, int qCount, float[] y) {
        int nOut = y.length;
        int block = 128;
        int blocks = (qCount + block - 1) / block;
        java.util.stream.IntStream.range(0, blocks).parallel().forEach(bi -> {
            float[] a0 = new float[block], a1 = new float[block], a2 = new float[block], a3 = new float[block];
            int q0 = bi * block, nq = Math.min(qCount, q0 + block) - q0;
            for (int gi = 0; gi < bandStart.length; gi++) {
                java.util.Arrays.fill(a0, 0, nq, 0f);
                java.util.Arrays.fill(a1, 0, nq, 0f);
                java.util.Arrays.fill(a2, 0, nq, 0f);
                java.util.Arrays.fill(a3, 0, nq, 0f);
                float[] h0 = bandTaps[gi][0], h1 = bandTaps[gi][1], h2 = bandTaps[gi][2], h3 = bandTaps[gi][3];
                int c = bandStart[gi];
                for (int u = 0; u < h0.length; u += 2, c += 2) {
                    int d = c + 1;
                    tile(a0, a1, a2, a3, nq, comp[c % m], c / m + q0, comp[d % m], d / m + q0, h0[u], h1[u], h2[u], h3[u], h0[u + 1],
                            h1[u + 1], h2[u + 1], h3[u + 1]);
                }
                int r0 = gi * PHASES;
                for (int i = 0; i < nq; i++) {
                    long t = (long) (q0 + i) * l + r0;
                    if (t + PHASES <= nOut && r0 + PHASES <= l) {
                        int ti = (int) t;
                        y[ti] = a0[i];
                        y[ti + 1] = a1[i];
                        y[ti + 2] = a2[i];
                        y[ti + 3] = a3[i];
                    } else {
                        float[][] a = {a0, a1, a2, a3};
                        for (int j = 0; j < PHASES && r0 + j < l && t + j < nOut; j++) {
                            y[(int) (t + j)] = a[j][i];
                        }
                    }
                }
            }
        });
    }

    /** Four phases' accumulators, two taps each, over one load of the two input rows they share. */
    private static void tile(float[] a0, float[] a1, float[] a2, float[] a3, int n, float[] x, int o, float[] z, int oz, float w0,
            float w1, float w2, float w3, float v0, float v1, float v2, float v3) {
        for (int i = 0; i < n; i++) {
            float xi = x[o + i], zi = z[oz + i];
            a0[i] += w0 * xi + v0 * zi;
            a1[i] += w1 * xi + v1 * zi;
            a2[i] += w2 * xi + v2 * zi;
            a3[i] += w3 * xi + v3 * zi;
        }
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
