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

        double band(int m, double[] power) {
            double[] wm = w[m];
            int o = lo[m];
            double s0 = 0, s1 = 0;
            int k = 0;
            for (; k + 1 < wm.length; k += 2) {
                s0 += wm[k] * power[o + k];
                s1 += wm[k + 1] * power[o + k + 1];
            }
            if (k < wm.length) {
                s0 += wm[k] * power[o + k];
            }
            return s0 + s1;
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
        Stft.parallelFrames(y, N_FFT, HOP, Spectral.hannPeriodic(N_FFT), chunk, (c, t0, t1) -> {
            Pitch.Peaks pk = new Pitch.Peaks();
            peaks[c] = pk;
            maxA[c] = Double.NEGATIVE_INFINITY;
            maxB[c] = Double.NEGATIVE_INFINITY;
            double[] power = new double[bins];
            float[] mag = new float[bins];
            return (t, p) -> {
                int half = N_FFT / 2;
                power[0] = p[0] * p[0];
                power[half] = p[1] * p[1];
                for (int k = 1; k < half; k++) {
                    double re = p[2 * k], im = p[2 * k + 1];
                    power[k] = re * re + im * im;
                }
                Stft.magnitude32(p, N_FFT, mag);
                double ma = maxA[c], mb = maxB[c];
                for (int m = 0; m < 128; m++) {
                    double da = 10 * Math.log10(Math.max(1e-10, onsetBank.band(m, power)));
                    double db = 10 * Math.log10(Math.max(1e-10, mfccBank.band(m, power)));
                    a[m][t] = da;
                    b[m][t] = db;
                    ma = Math.max(ma, da);
                    mb = Math.max(mb, db);
                }
                maxA[c] = ma;
                maxB[c] = mb;
                tracker.frame(mag, pk);
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
