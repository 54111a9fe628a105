package org.choreolab.audio;

/**
 * resampy 0.2.2's band-limited sinc interpolation, with its {@code kaiser_best} and
 * {@code kaiser_fast} tables regenerated from their definition, and librosa 0.8.1's wrapper around
 * it (output length {@code ceil(n·ratio)}, zero-padded; optional {@code 1/√ratio} scaling).
 * Samples are float32 and every accumulation rounds to float32, as the reference's arrays do.
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
        float[] core = resampy(y, ratio, filter);
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
        double[] win = filter.win.clone();
        if (ratio < 1) {
            for (int i = 0; i < win.length; i++) {
                win[i] *= ratio;
            }
        }
        double[] delta = new double[win.length];
        for (int i = 0; i < win.length - 1; i++) {
            delta[i] = win[i + 1] - win[i];
        }
        float[] y = new float[nOut];
        double scale = Math.min(1.0, ratio);
        double timeIncrement = 1.0 / ratio;
        int numTable = filter.numTable;
        int indexStep = (int) (scale * numTable);
        int nwin = win.length;
        int nOrig = x.length;
        double timeRegister = 0.0;
        for (int t = 0; t < nOut; t++) {
            int n = (int) timeRegister;
            double frac = scale * (timeRegister - n);
            double indexFrac = frac * numTable;
            int offset = (int) indexFrac;
            double eta = indexFrac - offset;
            int iMax = Math.min(n + 1, (nwin - offset) / indexStep);
            float acc = 0;
            for (int i = 0; i < iMax; i++) {
                int k = offset + i * indexStep;
                // float32 + float64 → stored as float32, as numba does with the reference's y array.
                acc = (float) (acc + (win[k] + eta * delta[k]) * x[n - i]);
            }
            frac = scale - frac;
            indexFrac = frac * numTable;
            offset = (int) indexFrac;
            eta = indexFrac - offset;
            int kMax = Math.min(nOrig - n - 1, (nwin - offset) / indexStep);
            for (int k = 0; k < kMax; k++) {
                int j = offset + k * indexStep;
                acc = (float) (acc + (win[j] + eta * delta[j]) * x[n + k + 1]);
            }
            y[t] = acc;
            timeRegister += timeIncrement;
        }
        return y;
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
