package org.choreolab.audio;

import java.util.Arrays;

/**
 * librosa 0.8.1's tuning estimate ({@code core/pitch.py}: {@code estimate_tuning} → {@code piptrack} →
 * {@code pitch_tuning}), reproduced in the precision numpy computes it in: the STFT of a float32 signal is
 * complex64, so piptrack's magnitudes, parabolic shifts, peak magnitudes, the median threshold and the
 * residuals are all float32. The histogram then sorts them into 0.01-wide bins whose edges are float64;
 * a residual a few 1e-6 from an edge (common for tones on an FFT bin centre) lands on the side float32
 * arithmetic puts it, which a double-precision port can get wrong.
 */
public final class Pitch {

    /** The smallest normal float32 ({@code np.finfo(np.float32).tiny}), piptrack's divide-by-zero guard. */
    static final float TINY32 = Float.MIN_NORMAL;

    private Pitch() {
    }

    /**
     * The peaks piptrack finds, collected frame by frame: frequency and magnitude, float32 as numpy holds them.
     * Not thread-safe; one per thread, then {@link #merge}d.
     */
    public static final class Peaks {
        float[] pitch = new float[256];
        float[] mag = new float[256];
        int count;

        void add(float p, float m) {
            if (count == pitch.length) {
                pitch = Arrays.copyOf(pitch, count * 2);
                mag = Arrays.copyOf(mag, count * 2);
            }
            pitch[count] = p;
            mag[count] = m;
            count++;
        }

        public int count() {
            return count;
        }

        /** Appends another collector's peaks (the order does not matter: a median and a histogram follow). */
        public void merge(Peaks other) {
            for (int i = 0; i < other.count; i++) {
                add(other.pitch[i], other.mag[i]);
            }
        }
    }

    /** piptrack's parameters for an STFT of {@code nFft} points at {@code sr}: the FFT bins in [150, min(4000, sr/2)). */
    public static final class Tracker {
        final double sr;
        final int nFft;
        final int kLo, kHi;

        public Tracker(double sr, int nFft) {
            this.sr = sr;
            this.nFft = nFft;
            int bins = nFft / 2 + 1;
            // fft_frequencies = np.linspace(0, sr/2, 1 + n_fft//2): k * step with step = (sr/2) / (n_fft/2)
            double step = (sr / 2) / (bins - 1);
            double fmin = 150.0, fmax = Math.min(4000.0, sr / 2);
            int lo = bins, hi = 0;
            for (int k = 0; k < bins; k++) {
                double f = k == bins - 1 ? sr / 2 : k * step;
                if (fmin <= f && f < fmax) {
                    lo = Math.min(lo, k);
                    hi = Math.max(hi, k + 1);
                }
            }
            kLo = lo;
            kHi = Math.max(lo, hi);
        }

        /**
         * piptrack on one frame of float32 magnitudes {@code s[0 .. nFft/2]}: a bin is a pitch where it is a local
         * maximum along frequency of {@code S·(S > 0.1·max S)} ({@code util.localmax}: greater than the bin below,
         * at least the bin above), with its frequency and magnitude refined by parabolic interpolation.
         */
        public void frame(float[] s, Peaks out) {
            int bins = nFft / 2 + 1;
            float max = 0;
            for (int k = 0; k < bins; k++) {
                if (s[k] > max) {
                    max = s[k];
                }
            }
            frame(s, max, out);
        }

        /** The bins {@link #frame(float[], float, Peaks)} reads: {@code [firstBin(), endBin())}. */
        int firstBin() {
            return Math.max(1, kLo) - 1;
        }

        int endBin() {
            return Math.min(kHi, nFft / 2) + 1;
        }

        /**
         * As {@link #frame(float[], Peaks)} with the frame's largest magnitude already known, so that {@code s} need
         * only hold the bins {@code [firstBin(), endBin())}.
         */
        void frame(float[] s, float max, Peaks out) {
            int bins = nFft / 2 + 1;
            // threshold * np.max(S, axis=0): a Python float times a float32 array stays float32
            float ref = 0.1f * max;
            for (int k = Math.max(1, kLo); k < Math.min(kHi, bins - 1); k++) {
                float x = s[k] > ref ? s[k] : 0f;
                if (x == 0f) {
                    continue;
                }
                float xl = s[k - 1] > ref ? s[k - 1] : 0f;
                float xr = s[k + 1] > ref ? s[k + 1] : 0f;
                if (!(x > xl && x >= xr)) {
                    continue;
                }
                float avg = 0.5f * (s[k + 1] - s[k - 1]);
                float den = 2f * s[k] - s[k + 1] - s[k - 1];
                float shift = avg / (den + (Math.abs(den) < TINY32 ? 1f : 0f));
                float dskew = 0.5f * avg * shift;
                // (idx + shift) is int64 + float32 = float64 in numpy; the result is stored in a float32 array
                float pitch = (float) ((k + (double) shift) * sr / nFft);
                out.add(pitch, s[k] + dskew);
            }
        }
    }

    /**
     * estimate_tuning from piptrack's peaks: keep those with a positive frequency and a magnitude at least the
     * median of their magnitudes, then {@link #pitchTuning} with resolution 0.01.
     */
    public static double estimateTuning(Peaks peaks, int binsPerOctave) {
        int n = 0;
        float[] m = new float[peaks.count];
        for (int i = 0; i < peaks.count; i++) {
            if (peaks.pitch[i] > 0) {
                m[n++] = peaks.mag[i];
            }
        }
        float threshold = 0f;
        if (n > 0) {
            float[] sorted = Arrays.copyOf(m, n);
            Arrays.sort(sorted);
            // np.median of a float32 array: the middle value, or the float32 mean of the two middle values
            threshold = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2f;
        }
        float[] f = new float[peaks.count];
        int kept = 0;
        for (int i = 0; i < peaks.count; i++) {
            if (peaks.pitch[i] > 0 && peaks.mag[i] >= threshold) {
                f[kept++] = peaks.pitch[i];
            }
        }
        return pitchTuning(f, kept, 0.01, binsPerOctave);
    }

    /** The median threshold estimate_tuning applies (for tests and stage dumps). */
    public static float medianThreshold(Peaks peaks) {
        int n = 0;
        float[] m = new float[peaks.count];
        for (int i = 0; i < peaks.count; i++) {
            if (peaks.pitch[i] > 0) {
                m[n++] = peaks.mag[i];
            }
        }
        if (n == 0) {
            return 0f;
        }
        Arrays.sort(m, 0, n);
        return n % 2 == 1 ? m[n / 2] : (m[n / 2 - 1] + m[n / 2]) / 2f;
    }

    /**
     * pitch_tuning(frequencies, resolution, bins_per_octave): the residual of each positive frequency relative
     * to A440's grid of {@code binsPerOctave} bins per octave, wrapped to [-0.5, 0.5), counted in
     * {@code np.histogram} bins with edges {@code linspace(-0.5, 0.5, ceil(1/resolution) + 1)} (each bin closed
     * on the left, the last also on the right); the left edge of the first fullest bin. 0 when no frequency is
     * positive.
     */
    public static double pitchTuning(float[] frequencies, int count, double resolution, int binsPerOctave) {
        int nb = (int) Math.ceil(1.0 / resolution);
        double[] edges = linspace(-0.5, 0.5, nb + 1);
        int[] hist = histogram(frequencies, count, binsPerOctave, edges);
        if (hist == null) {
            return 0.0;
        }
        int best = 0;
        for (int i = 1; i < nb; i++) {
            if (hist[i] > hist[best]) {
                best = i;
            }
        }
        return edges[best];
    }

    /** The histogram pitch_tuning takes its maximum from, or null when no frequency is positive. */
    static int[] histogram(float[] frequencies, int count, int binsPerOctave, double[] edges) {
        int nb = edges.length - 1;
        int[] hist = new int[nb];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            float f = frequencies[i];
            if (!(f > 0)) {
                continue;
            }
            any = true;
            float r = residual(f, binsPerOctave);
            int bin = bin(r, edges);
            if (bin >= 0) {
                hist[bin]++;
            }
        }
        return any ? hist : null;
    }

    /** The float32 residual {@code mod(bpo * log2(f / 27.5), 1)}, moved to [-0.5, 0.5). */
    static float residual(float f, int binsPerOctave) {
        // hz_to_octs: log2(frequency / (440 / 16)); float32 array / Python float stays float32
        float q = (float) (f / 27.5);
        float octs = (float) (Math.log(q) / Math.log(2));
        float x = binsPerOctave * octs;
        float r = x % 1.0f; // np.mod of a positive float32: fmodf, exact
        if (r < 0) {
            r += 1.0f;
        }
        if (r >= 0.5f) {
            r -= 1.0f;
        }
        return r;
    }

    /** numpy's histogram bin of {@code r} for sorted edges (right edge of the last bin included), or -1. */
    static int bin(double r, double[] edges) {
        int nb = edges.length - 1;
        if (r < edges[0] || r > edges[nb]) {
            return -1;
        }
        if (r == edges[nb]) {
            return nb - 1;
        }
        // the last edge e_j <= r
        int lo = 0, hi = nb;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= r) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** np.linspace(start, stop, num): {@code i * step + start}, the last value exactly {@code stop}. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    /** librosa.estimate_tuning(y=y, sr=sr, bins_per_octave) with the default n_fft 2048, hop 512. */
    public static double estimateTuning(float[] y, double sr, int binsPerOctave) {
        return estimateTuning(peaks(y, sr), binsPerOctave);
    }

    /** piptrack's peaks over the whole signal (n_fft 2048, hop 512, periodic Hann, centred, reflect-padded, complex64). */
    public static Peaks peaks(float[] y, double sr) {
        Peaks all = new Peaks();
        Tracker tr = new Tracker(sr, 2048);
        float[] s = new float[1025];
        Stft.forEachFrame(y, 2048, 512, Spectral.hannPeriodic(2048), (t, packed) -> {
            Stft.magnitude32(packed, 2048, s);
            tr.frame(s, all);
        });
        return all;
    }
}
