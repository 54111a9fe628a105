package org.choreolab.audio;

/**
 * The FACT pipeline's three readings of one STFT (n_fft 2048, hop 512, periodic Hann, centred, reflect
 * padding) in a single pass over the frames: the log-mel spectrogram for the onset envelope (128 Slaney
 * bands up to 11,025 Hz), the one for MFCC (up to sr/2), and piptrack's peaks for the tuning estimate.
 * librosa computes the STFT three times and keeps each as a {@code bins × frames} matrix; here each frame
 * is used while it is in cache and only the 2 × 128 mel values per frame are kept.
 */
final class FactSpectra {

    static final int N_FFT = 2048;
    static final int HOP = 512;
    /** Frames per block of mel bands: power spectra of 16 frames (~130 kB) stay in L2 while both banks read them. */
    private static final int BLOCK = 16;

    /** dB, floored 80 dB under the matrix maximum: {@code [128][frames]}. */
    final double[][] melOnset;
    final double[][] melMfcc;
    final Pitch.Peaks peaks;

    private FactSpectra(double[][] melOnset, double[][] melMfcc, Pitch.Peaks peaks) {
        this.melOnset = melOnset;
        this.melMfcc = melMfcc;
        this.peaks = peaks;
    }

    /** A mel filterbank as per-band ranges of non-zero weights. */
    static final class SparseMel {
        final int[] lo;
        final double[][] w;

        SparseMel(double[][] dense) {
            lo = new int[dense.length];
            w = new double[dense.length][];
            for (int m = 0; m < dense.length; m++) {
                int a = 0, b = dense[m].length;
                while (a < b && dense[m][a] == 0) {
                    a++;
                }
                while (b > a && dense[m][b - 1] == 0) {
                    b--;
                }
                lo[m] = a;
                w[m] = java.util.Arrays.copyOfRange(dense[m], a, b);
            }
        }

        /**
         * The bands of {@code n} frames at once from their power spectra stored bin-major ({@code power[k·n + i]} for
         * frame i): each weight then multiplies a run of n frames, a loop the JIT vectorises, where one frame's band
         * is a short dot product it cannot (a double sum it may not reorder). Each band is still summed bin by bin in
         * order, so the values are those of a plain dot product.
         */
        void bands(double[] power, int n, double[][] out, int t0) {
            double[] acc = new double[n];
            for (int m = 0; m < w.length; m++) {
                java.util.Arrays.fill(acc, 0);
                double[] wm = w[m];
                for (int k = 0; k < wm.length; k++) {
                    axpy(acc, wm[k], power, (lo[m] + k) * n, n);
                }
                System.arraycopy(acc, 0, out[m], t0, n);
            }
        }

        private static void axpy(double[] acc, double a, double[] x, int o, int n) {
            for (int i = 0; i < n; i++) {
                acc[i] += a * x[o + i];
            }
        }
    }

    static FactSpectra compute(float[] y, double sr) {
        int frames = Stft.frames(y.length, HOP);
        int bins = N_FFT / 2 + 1;
        SparseMel onsetBank = new SparseMel(Spectral.melFilterbank(sr, N_FFT, 128, 11025.0));
        SparseMel mfccBank = new SparseMel(Spectral.melFilterbank(sr, N_FFT, 128, sr / 2));
        double[][] a = new double[128][frames], b = new double[128][frames];
        Pitch.Tracker tracker = new Pitch.Tracker(sr, N_FFT);
        int chunk = 128;
        int chunks = (frames + chunk - 1) / chunk;
        Pitch.Peaks[] peaks = new Pitch.Peaks[chunks];
        double[] maxA = new double[chunks], maxB = new double[chunks];
        java.util.Arrays.fill(maxA, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(maxB, Double.NEGATIVE_INFINITY);
        // Mel bands are computed over blocks of BLOCK frames (see SparseMel.bands), then turned into dB.
        Stft.parallelFrames(y, N_FFT, HOP, Spectral.hannPeriodic(N_FFT), chunk, (c, t0, t1) -> {
            Pitch.Peaks pk = new Pitch.Peaks();
            peaks[c] = pk;
            double[] power = new double[bins * BLOCK];
            float[] mag = new float[bins];
            int lo = tracker.firstBin(), hi = tracker.endBin();
            return (t, p) -> {
                int half = N_FFT / 2;
                int i = (t - t0) % BLOCK, n = Math.min(BLOCK, t1 - (t - i));
                // piptrack needs the largest float32 magnitude of the frame but reads only bins lo … hi−1: the
                // largest is the root of the largest squared magnitude (sqrt and the rounding to float32 are both
                // monotone), so the other bins need no square root.
                power[i] = p[0] * p[0];
                power[half * n + i] = p[1] * p[1];
                float f0 = (float) p[0], fh = (float) p[1];
                double maxSq = Math.max((double) f0 * f0, (double) fh * fh);
                for (int k = 1; k < half; k++) {
                    double re = p[2 * k], im = p[2 * k + 1];
                    power[k * n + i] = re * re + im * im;
                    float fr = (float) re, fi = (float) im;
                    double sq = (double) fr * fr + (double) fi * fi;
                    maxSq = sq > maxSq ? sq : maxSq;
                }
                for (int k = lo; k < hi; k++) {
                    float fr = (float) (k == half ? p[1] : p[2 * k]), fi = k == 0 || k == half ? 0f : (float) p[2 * k + 1];
                    mag[k] = (float) Math.sqrt((double) fr * fr + (double) fi * fi);
                }
                tracker.frame(mag, (float) Math.sqrt(maxSq), pk);
                if (i == n - 1) {
                    int first = t - i;
                    onsetBank.bands(power, n, a, first);
                    mfccBank.bands(power, n, b, first);
                    double ma = maxA[c], mb = maxB[c];
                    for (int m = 0; m < 128; m++) {
                        for (int j = first; j <= t; j++) {
                            double da = 10 * Math.log10(Math.max(1e-10, a[m][j]));
                            double db = 10 * Math.log10(Math.max(1e-10, b[m][j]));
                            a[m][j] = da;
                            b[m][j] = db;
                            ma = Math.max(ma, da);
                            mb = Math.max(mb, db);
                        }
                    }
                    maxA[c] = ma;
                    maxB[c] = mb;
                }
            };
        });
        Pitch.Peaks all = new Pitch.Peaks();
        double fa = Double.NEGATIVE_INFINITY, fb = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < chunks; c++) {
            all.merge(peaks[c]);
            fa = Math.max(fa, maxA[c]);
            fb = Math.max(fb, maxB[c]);
        }
        floor(a, fa - 80);
        floor(b, fb - 80);
        return new FactSpectra(a, b, all);
    }

    private static void floor(double[][] db, double floor) {
        for (double[] row : db) {
            for (int t = 0; t < row.length; t++) {
                if (row[t] < floor) {
                    row[t] = floor;
                }
            }
        }
    }
}
