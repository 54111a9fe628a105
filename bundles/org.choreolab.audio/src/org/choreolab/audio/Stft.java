package org.choreolab.audio;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Frames of librosa 0.8.1's centred STFT ({@code center=True, pad_mode='reflect'}) handed out one at a
 * time, so that each consumer (mel bands, piptrack, constant-Q kernels) reads a frame while it is in cache
 * instead of a {@code bins × frames} matrix. Spectra are JTransforms' packed real FFT:
 * {@code a[0]} = DC, {@code a[1]} = Nyquist, {@code a[2k], a[2k+1]} = bin k.
 */
final class Stft {

    /** What to do with one frame's spectrum (the arrays are reused for the next frame). */
    interface FrameConsumer {
        void frame(int t, double[] packed);
    }

    /** A consumer with its own state, one per parallel chunk; {@link #frame} is called in frame order within it. */
    interface ChunkWork {
        FrameConsumer start(int chunk, int firstFrame, int endFrame);
    }

    private Stft() {
    }

    static int frames(int length, int hop) {
        return 1 + length / hop;
    }

    /** Fills {@code buf} with frame {@code t} (centred, reflect-padded), times {@code window} unless it is null. */
    static void frame(float[] y, int t, int nFft, int hop, double[] window, double[] buf) {
        int start = t * hop - nFft / 2;
        if (start >= 0 && start + nFft <= y.length) {
            if (window == null) {
                for (int i = 0; i < nFft; i++) {
                    buf[i] = y[start + i];
                }
            } else {
                for (int i = 0; i < nFft; i++) {
                    buf[i] = y[start + i] * window[i];
                }
            }
            return;
        }
        for (int i = 0; i < nFft; i++) {
            int idx = start + i;
            double v = idx >= 0 && idx < y.length ? y[idx] : Spectral.reflectAt(y, idx);
            buf[i] = window == null ? v : v * window[i];
        }
    }

    /** Every frame in order on this thread. */
    static void forEachFrame(float[] y, int nFft, int hop, double[] window, FrameConsumer c) {
        DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
        double[] buf = new double[nFft];
        int n = frames(y.length, hop);
        for (int t = 0; t < n; t++) {
            frame(y, t, nFft, hop, window, buf);
            fft.realForward(buf);
            c.frame(t, buf);
        }
    }

    /** Complex-frame helper for callers that want (re, im) per bin. */
    interface BinsConsumer {
        void frame(int t, double[] re, double[] im);
    }

    /** Every frame in order on this thread, as separate real and imaginary parts (periodic Hann window). */
    static void forEachFrame(float[] y, int nFft, int hop, BinsConsumer c) {
        int bins = nFft / 2 + 1;
        double[] re = new double[bins], im = new double[bins];
        forEachFrame(y, nFft, hop, Spectral.hannPeriodic(nFft), (t, p) -> {
            unpack(p, nFft, re, im);
            c.frame(t, re, im);
        });
    }

    /** Frames split into chunks of {@code chunkFrames}, the chunks run in parallel, each with its own FFT plan. */
    static int parallelFrames(float[] y, int nFft, int hop, double[] window, int chunkFrames, ChunkWork work) {
        int n = frames(y.length, hop);
        int chunks = (n + chunkFrames - 1) / chunkFrames;
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            int t0 = c * chunkFrames, t1 = Math.min(n, t0 + chunkFrames);
            FrameConsumer consumer = work.start(c, t0, t1);
            DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
            double[] buf = new double[nFft];
            for (int t = t0; t < t1; t++) {
                frame(y, t, nFft, hop, window, buf);
                fft.realForward(buf);
                consumer.frame(t, buf);
            }
        });
        return chunks;
    }

    static void unpack(double[] p, int nFft, double[] re, double[] im) {
        int half = nFft / 2;
        re[0] = p[0];
        im[0] = 0;
        re[half] = p[1];
        im[half] = 0;
        for (int k = 1; k < half; k++) {
            re[k] = p[2 * k];
            im[k] = p[2 * k + 1];
        }
    }

    /**
     * |X| as numpy gives it for librosa's complex64 STFT: each part rounded to float32, then
     * {@code hypotf} (glibc computes it in double and rounds once).
     */
    static void magnitude32(double[] re, double[] im, float[] out) {
        for (int k = 0; k < out.length; k++) {
            float fr = (float) re[k], fi = (float) im[k];
            out[k] = (float) Math.sqrt((double) fr * fr + (double) fi * fi);
        }
    }

    /** As {@link #magnitude32(double[], double[], float[])} from a packed spectrum. */
    static void magnitude32(double[] p, int nFft, float[] out) {
        int half = nFft / 2;
        out[0] = Math.abs((float) p[0]);
        out[half] = Math.abs((float) p[1]);
        for (int k = 1; k < half; k++) {
            float fr = (float) p[2 * k], fi = (float) p[2 * k + 1];
            out[k] = (float) Math.sqrt((double) fr * fr + (double) fi * fi);
        }
    }
}
