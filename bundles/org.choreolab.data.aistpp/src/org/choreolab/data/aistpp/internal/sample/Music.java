package org.choreolab.data.aistpp.internal.sample;

import java.util.Map;
import java.util.SplittableRandom;

import org.choreolab.data.aistpp.AistppName;

/**
 * The sample's music: for each AIST++ music id, a drum-and-chords track at the tempo the id implies
 * (mHO&lt;k&gt; 110 + 5k BPM, the others 80 + 10k), with the genre's drum pattern (a break beat, four
 * on the floor for house and waacking, boom-bap with swing for hip-hop, …), bass and chords in the
 * genre's key; the track number varies key, progression and bass line. Every beat carries a kick or
 * a snare, so the beats are audible to a beat tracker as well as listed in the beat file.
 *
 * <p>16 kHz mono: enough for drums, bass and chords (the music encoders resample anyway), and it
 * keeps the sample small. Notes are rendered from a sine table with recursive envelopes, noise from a
 * seeded generator; each track is a 4-bar phrase rendered once and repeated.
 */
public final class Music {

    public static final int SAMPLE_RATE = 16000;
    /** The first beat of every track, in seconds. */
    public static final double FIRST_BEAT = 0.25;

    /** A genre's groove: 16 steps per bar for kick, snare, closed and open hi-hat ('x' loud, 'o' soft). */
    private record Groove(int key, double swing, String kick, String snare, String hat, String open, double clap,
            int bassHarmonics, double bass, double pad, int padHarmonics, String bassRhythm) {
    }

    private static final Map<String, Groove> GROOVES = Map.of(
            "BR", new Groove(0, 0.05, "x.....x.x.......", "....x.......x..o", "x.x.x.x.x.x.x.x.", "................", 0, 3, 0.30, 0.10, 2, "x..x..x.x..x.x.."),
            "PO", new Groove(5, 0.00, "x...x...x...x...", "....x.......x...", "oooooooooooooooo", "................", 0.5, 2, 0.28, 0.12, 3, "x.x.x.x.x.x.x.x."),
            "LO", new Groove(7, 0.10, "x..x..x.x.......", "....x.......x..o", "x.x.x.x.x.x.x.x.", "..............x.", 0, 3, 0.30, 0.14, 3, "x..x.x..x..x.xx."),
            "MH", new Groove(2, 0.20, "x......xx.......", "....x.......x...", "x.x.x.x.x.x.x.x.", "................", 0, 1, 0.32, 0.10, 2, "x.......x.x....."),
            "LH", new Groove(10, 0.12, "x.....x.x.x.....", "....x.......x...", "xoxoxoxoxoxoxoxo", "................", 0.4, 1, 0.38, 0.08, 2, "x.....x.x......."),
            "HO", new Groove(9, 0.00, "x...x...x...x...", "....o.......o...", "x.o.x.o.x.o.x.o.", "..x...x...x...x.", 0.7, 2, 0.28, 0.14, 3, ".x.x.x.x.x.x.x.x"),
            "WA", new Groove(4, 0.00, "x...x...x...x...", "....x.......x...", "x.x.x.x.x.x.x.x.", "..x...x...x...x.", 0, 2, 0.30, 0.16, 4, "x.xox.xox.xox.xo"),
            "KR", new Groove(1, 0.05, "x.......x.x.....", "....x.......x...", "x...x...x...x...", "................", 0.6, 4, 0.36, 0.08, 2, "x.......x.x....."),
            "JS", new Groove(11, 0.00, "x...x...x...x...", "....x.......x...", "x.x.x.x.x.x.x.x.", "................", 0.3, 2, 0.26, 0.16, 3, "x..x..x.x..x..x."),
            "JB", new Groove(3, 0.00, "o...o...o...o...", "....o.......o...", "................", "................", 0, 1, 0.18, 0.24, 4, "x...x...x...x..."));

    private static final int[][] PROGRESSIONS = {{0, 5, 7, 3}, {0, 8, 3, 10}, {0, 3, 5, 7}, {0, 9, 5, 7}, {0, 7, 9, 5}, {0, 5, 3, 7}};
    private static final int TABLE = 4096;
    private static final double[] SINE = new double[TABLE + 1];

    static {
        for (int i = 0; i <= TABLE; i++) {
            SINE[i] = Math.sin(2 * Math.PI * i / TABLE);
        }
    }

    private Music() {
    }

    /** The tempo FACT's code reads from the music id. */
    public static int tempo(String musicId) {
        return AistppName.tempoOf(musicId);
    }

    /** Beat times (s) of a track of {@code seconds}. */
    public static double[] beats(String musicId, double seconds) {
        double period = 60.0 / tempo(musicId);
        int n = (int) Math.floor((seconds - FIRST_BEAT) / period) + 1;
        double[] t = new double[Math.max(n, 0)];
        for (int k = 0; k < t.length; k++) {
            t[k] = FIRST_BEAT + k * period;
        }
        return t;
    }

    /**
     * The track of a music id, {@code seconds} long, as samples in [−1, 1]: a 4-bar phrase (the chord
     * progression, a snare fill in the fourth bar) rendered once and laid end to end from the first
     * beat, as loop-based dance music is made.
     */
    public static double[] track(String musicId, double seconds) {
        double beat = 60.0 / tempo(musicId);
        double[] phrase = phrase(musicId, beat);
        int n = (int) Math.round(seconds * SAMPLE_RATE);
        double[] y = new double[n];
        double length = 16 * beat;
        // Phrases start on every 16th beat; the one before the first beat sounds its end as a pickup.
        for (int m = -1; FIRST_BEAT + m * length < seconds; m++) {
            int at = (int) Math.round((FIRST_BEAT + m * length) * SAMPLE_RATE);
            for (int i = Math.max(0, -at); i < phrase.length && at + i < n; i++) {
                y[at + i] += phrase[i];
            }
        }
        double peak = 1e-9;
        for (double v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            y[i] *= 0.8 / peak;
        }
        return y;
    }

    /** Four bars from the phrase's first beat, with the tails of its last notes. */
    private static double[] phrase(String musicId, double beat) {
        Groove g = GROOVES.get(musicId.substring(1, 3));
        int k = musicId.charAt(3) - '0';
        SplittableRandom rnd = new SplittableRandom(musicId.hashCode() * 104_729L);
        double step = beat / 4;
        double[] y = new double[(int) Math.ceil((16 * beat + 1.0) * SAMPLE_RATE)];
        int key = (g.key() + 2 * k) % 12;
        int[] prog = PROGRESSIONS[(k + g.key()) % PROGRESSIONS.length];
        for (int bar = 0; bar < 4; bar++) {
            int chord = key + prog[bar];
            boolean fill = bar == 3;
            for (int s = 0; s < 16; s++) {
                double t = (bar * 16 + s) * step + (s % 2 == 1 ? g.swing() * step : 0);
                char kick = g.kick().charAt(s), snare = g.snare().charAt(s), hat = g.hat().charAt(s), open = g.open().charAt(s);
                if (kick != '.') {
                    kick(y, t, kick == 'x' ? 0.9 : 0.5);
                }
                if (snare != '.') {
                    snare(y, t, snare == 'x' ? 0.5 : 0.25, rnd);
                    if (g.clap() > 0 && snare == 'x') {
                        clap(y, t, 0.3 * g.clap(), rnd);
                    }
                } else if (fill && s >= 12 && s % 2 == 0) {
                    snare(y, t, 0.2, rnd);
                }
                if (hat != '.') {
                    noise(y, t, hat == 'x' ? 0.10 : 0.05, 0.025, rnd);
                }
                if (open != '.') {
                    noise(y, t, 0.08, 0.12, rnd);
                }
                if (g.bassRhythm().charAt(s) != '.') {
                    int note = chord + (g.bassRhythm().charAt(s) == 'o' ? 12 : 0);
                    tone(y, t, 1.8 * step, midi(36 + note), g.bass(), g.bassHarmonics(), 0.005, 1.2 * step);
                }
            }
            // Chords: a triad (a seventh chord on odd tracks) held for the bar.
            double t = bar * 4 * beat;
            int[] voicing = k % 2 == 0 ? new int[] {0, 4, 7} : new int[] {0, 3, 7, 10};
            for (int v : voicing) {
                tone(y, t, 4 * beat, midi(60 + chord + v), g.pad() / voicing.length, g.padHarmonics(), 0.03, 2.5 * beat);
            }
        }
        return y;
    }

    private static double midi(int note) {
        return 440 * Math.pow(2, (note - 69) / 12.0);
    }

    private static double sine(double phase) {
        double x = (phase - Math.floor(phase)) * TABLE;
        int i = (int) x;
        double f = x - i;
        return SINE[i] + (SINE[i + 1] - SINE[i]) * f;
    }

    /** A note of {@code harmonics} partials (amplitude 1/h), attack then exponential decay. */
    private static void tone(double[] y, double t, double length, double freq, double amp, int harmonics, double attack, double decay) {
        int s0 = (int) Math.round(t * SAMPLE_RATE), len = (int) (length * SAMPLE_RATE);
        double fall = Math.exp(-1.0 / (decay * SAMPLE_RATE)), rise = 1 / (attack * SAMPLE_RATE), release = 1 / (0.01 * SAMPLE_RATE);
        double dp = freq / SAMPLE_RATE, env = amp;
        for (int i = 0; i < len && s0 + i < y.length; i++) {
            double v = 0;
            for (int h = 1; h <= harmonics; h++) {
                v += sine(dp * h * i) / h;
            }
            y[s0 + i] += env * Math.min(1, i * rise) * Math.min(1, (len - i) * release) * v;
            env *= fall;
        }
    }

    private static void kick(double[] y, double t, double amp) {
        int s0 = (int) Math.round(t * SAMPLE_RATE);
        double phase = 0, env = amp, sweep = 100, fall = Math.exp(-1.0 / (0.12 * SAMPLE_RATE)), drop = Math.exp(-1.0 / (0.03 * SAMPLE_RATE));
        for (int i = 0; i < 0.3 * SAMPLE_RATE && s0 + i < y.length; i++) {
            phase += (50 + sweep) / SAMPLE_RATE;
            y[s0 + i] += env * sine(phase);
            env *= fall;
            sweep *= drop;
        }
    }

    private static void snare(double[] y, double t, double amp, SplittableRandom rnd) {
        int s0 = (int) Math.round(t * SAMPLE_RATE);
        double noise = amp, body = 0.6 * amp, fn = Math.exp(-1.0 / (0.06 * SAMPLE_RATE)), fb = Math.exp(-1.0 / (0.04 * SAMPLE_RATE));
        for (int i = 0; i < 0.2 * SAMPLE_RATE && s0 + i < y.length; i++) {
            y[s0 + i] += noise * (rnd.nextDouble() * 2 - 1) + body * sine(190.0 * i / SAMPLE_RATE);
            noise *= fn;
            body *= fb;
        }
    }

    private static void clap(double[] y, double t, double amp, SplittableRandom rnd) {
        for (int burst = 0; burst < 3; burst++) {
            noise(y, t + burst * 0.011, amp, burst == 2 ? 0.05 : 0.008, rnd);
        }
    }

    /** High-passed noise (first difference of white noise) with an exponential decay. */
    private static void noise(double[] y, double t, double amp, double decay, SplittableRandom rnd) {
        int s0 = (int) Math.round(t * SAMPLE_RATE);
        double prev = 0, env = amp * 0.5, fall = Math.exp(-1.0 / (decay * SAMPLE_RATE));
        for (int i = 0; i < 6 * decay * SAMPLE_RATE && s0 + i < y.length; i++) {
            double w = rnd.nextDouble() * 2 - 1;
            y[s0 + i] += env * (w - prev);
            prev = w;
            env *= fall;
        }
    }
}
