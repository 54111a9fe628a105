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
     * The number of distinct output phases when both rates are whole numbers whose reduced ratio
     * has a small denominator (all audio rates here), or 0. Then 1/ratio is a dyadic or small
     * rational and resampy's accumulated time register visits exactly these phases.
     */
    static int rationalPhases(double origSr, double targetSr) {
        if (origSr != Math.rint(origSr) || targetSr != Math.rint(targetSr) || origSr <= 0 || targetSr <= 0) {
            return 0;
        }
        long a = (long) origSr, b = (long) targetSr;
        long g = java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).longValue();
        long l = b / g;
        // The register is exact when 1/ratio = (a/g)/(b/g) has a power-of-two denominator.
        return l <= 4096 && Long.bitCount(l) == 1 ? (int) l : 0;
    }

    /**
     * The same interpolation with the weights of each phase computed once: output t reads input
     * n = floor(t·M/L) with fractional position r/L, r = t·M mod L (ratio = L/M in lowest terms).
     */
    static float[] polyphase(float[] x, double origSr, double targetSr, Filter filter) {
        long a = (long) origSr, b = (long) targetSr;
        long g = java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).longValue();
        int m = (int) (a / g), l = (int) (b / g);
        double ratio = targetSr / origSr;
        int nOut = (int) (x.length * ratio);
        double[] win = filter.scaled(ratio);
        double[] delta = Filter.differences(win);
        double scale = Math.min(1.0, ratio);
        int numTable = filter.numTable;
        int indexStep = (int) (scale * numTable);
        int nwin = win.length;
        // Per phase: left weights (for x[n], x[n-1], …) stored reversed so both wings read x upwards.
        double[][] left = new double[l][], right = new double[l][];
        for (int r = 0; r < l; r++) {
            double frac = scale * ((double) r / l);
            double indexFrac = frac * numTable;
            int offset = (int) indexFrac;
            double eta = indexFrac - offset;
            int count = (nwin - offset) / indexStep;
            left[r] = new double[count];
            for (int i = 0; i < count; i++) {
                int k = offset + i * indexStep;
                left[r][count - 1 - i] = win[k] + eta * delta[k];
            }
            frac = scale - frac;
            indexFrac = frac * numTable;
            offset = (int) indexFrac;
            eta = indexFrac - offset;
            count = (nwin - offset) / indexStep;
            right[r] = new double[count];
            for (int k = 0; k < count; k++) {
                int j = offset + k * indexStep;
                right[r][k] = win[j] + eta * delta[j];
            }
        }
        double[] xd = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xd[i] = x[i];
        }
        float[] y = new float[nOut];
        int chunk = 1 << 14;
        java.util.stream.IntStream.range(0, (nOut + chunk - 1) / chunk).parallel().forEach(c -> {
            for (int t = c * chunk; t < Math.min(nOut, (c + 1) * chunk); t++) {
                long pos = (long) t * m;
                int n = (int) (pos / l);
                int r = (int) (pos - (long) n * l);
                double[] lw = left[r];
                int iMax = Math.min(n + 1, lw.length);
                // Left wing: x[n - iMax + 1 .. n] against the last iMax reversed weights.
                double s = dot(lw, lw.length - iMax, xd, n - iMax + 1, iMax);
                double[] rw = right[r];
                int kMax = Math.min(xd.length - n - 1, rw.length);
                s += dot(rw, 0, xd, n + 1, kMax);
                y[t] = (float) s;
            }
        });
        return y;
    }

    private static double dot(double[] w, int wOff, double[] x, int xOff, int len) {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            a0 += w[wOff + i] * x[xOff + i];
            a1 += w[wOff + i + 1] * x[xOff + i + 1];
            a2 += w[wOff + i + 2] * x[xOff + i + 2];
            a3 += w[wOff + i + 3] * x[xOff + i + 3];
        }
        for (; i < len; i++) {
            a0 += w[wOff + i] * x[xOff + i];
        }
        return (a0 + a1) + (a2 + a3);
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
