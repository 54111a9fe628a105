package org.choreolab.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.audio.internal.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few hundred WAV files mutated from small valid ones (seeded, generated here): each must give features or
 * one clear line naming the file and the field, never a Java exception or its text, never a hang.
 */
class WavFuzzTest {

    /** Text that betrays a raw Java exception in a message meant for a user. */
    static final Pattern JAVA_TEXT = Pattern.compile("Exception|java\\.|\\bnull\\b|\\[[BFIJ]@|out of bounds|cannot be cast|Index -?\\d|"
            + "NegativeArraySize|OutOfMemory|StackOverflow|^-?\\d+$");

    record Case(String name, byte[] bytes) {
    }

    @Test
    void everyMutatedWavGivesFeaturesOrOneClearLine(@TempDir Path dir) throws Exception {
        List<Case> cases = cases(new SplittableRandom(16));
        Encoders.Fact35 fact = new Encoders.Fact35();
        int accepted = 0, refused = 0;
        long slowest = 0;
        String slowestName = "";
        StringBuilder refusals = new StringBuilder();
        for (Case c : cases) {
            Path f = dir.resolve(c.name() + ".wav");
            Files.write(f, c.bytes());
            long t0 = System.nanoTime();
            // A generous bound, only to turn a hang into a failure; the time itself is reported, not asserted.
            Object outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                try {
                    return fact.encode(f, 60, -1, Map.of());
                } catch (InvalidInputException e) {
                    return e;
                } catch (Throwable e) {
                    return new AssertionError(c.name() + ": " + e, e);
                }
            }, c.name());
            long dt = System.nanoTime() - t0;
            if (dt > slowest) {
                slowest = dt;
                slowestName = c.name();
            }
            if (outcome instanceof AssertionError e) {
                throw e;
            }
            if (outcome instanceof InvalidInputException e) {
                String m = e.getMessage();
                assertEquals(1, m.lines().count(), c.name() + ": one line: " + m);
                assertTrue(m.startsWith(f + ": "), c.name() + ": names the file: " + m);
                assertTrue(m.length() > f.toString().length() + 10, c.name() + ": says what was expected: " + m);
                assertTrue(!JAVA_TEXT.matcher(m.substring(f.toString().length())).find(), c.name() + ": no Java text: " + m);
                refused++;
                if (refusals.length() < 4000) {
                    refusals.append(c.name()).append(" → ").append(m.substring(dir.toString().length() + 1)).append('\n');
                }
            } else {
                AudioFeatures a = (AudioFeatures) outcome;
                assertEquals(35, a.dimensions(), c.name());
                assertTrue(a.frameCount() > 0, c.name());
                float[] v = a.values(new float[a.frameCount() * 35]);
                for (float x : v) {
                    if (!Float.isFinite(x)) {
                        fail(c.name() + ": non-finite feature");
                    }
                }
                accepted++;
            }
        }
        System.out.printf("WAV fuzz: %d files, %d gave features, %d refused; slowest %s %.0f ms%n%s", cases.size(), accepted, refused,
                slowestName, slowest / 1e6, refusals);
        assertTrue(cases.size() >= 250, "cases: " + cases.size());
        assertTrue(accepted >= 30 && refused >= 100, "both outcomes exercised: " + accepted + " / " + refused);
    }

    /** The seeds (valid files of every supported layout) and their mutations. */
    static List<Case> cases(SplittableRandom r) {
        List<Case> seeds = List.of(
                new Case("pcm16-mono-8k", wav(1, 8000, 16, 1, 0.3, r, null)),
                new Case("pcm24-stereo-11k", wav(1, 11025, 24, 2, 0.25, r, null)),
                new Case("pcm8-mono-22k", wav(1, 22050, 8, 1, 0.2, r, null)),
                new Case("pcm32-mono-16k", wav(1, 16000, 32, 1, 0.2, r, null)),
                new Case("float32-mono-16k", wav(3, 16000, 32, 1, 0.25, r, null)),
                new Case("float64-stereo-8k", wav(3, 8000, 64, 2, 0.2, r, null)),
                new Case("extensible-float-12k", wav(0xFFFE, 12000, 32, 1, 0.2, r, null)),
                new Case("list-chunk-odd-8k", wav(1, 8000, 16, 1, 0.25, r, new byte[] {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0})));
        List<Case> out = new ArrayList<>(seeds);
        for (Case s : seeds) {
            out.addAll(fieldMutations(s));
        }
        int i = 0;
        while (out.size() < 300) {
            Case s = seeds.get(r.nextInt(seeds.size()));
            byte[] b = s.bytes().clone();
            String what;
            switch (r.nextInt(5)) {
                case 0 -> { // flip bytes in the header
                    int n = 1 + r.nextInt(4);
                    for (int k = 0; k < n; k++) {
                        b[r.nextInt(Math.min(b.length, 72))] = (byte) r.nextInt(256);
                    }
                    what = "header-bytes";
                }
                case 1 -> { // anywhere
                    int n = 1 + r.nextInt(16);
                    for (int k = 0; k < n; k++) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                    what = "any-bytes";
                }
                case 2 -> { // truncate
                    b = Arrays.copyOf(b, r.nextInt(b.length));
                    what = "truncated";
                }
                case 3 -> { // garbage appended
                    byte[] g = new byte[1 + r.nextInt(300)];
                    for (int k = 0; k < g.length; k++) {
                        g[k] = (byte) r.nextInt(256);
                    }
                    byte[] nb = Arrays.copyOf(b, b.length + g.length);
                    System.arraycopy(g, 0, nb, b.length, g.length);
                    b = nb;
                    what = "appended";
                }
                default -> { // a 32-bit field set to an extreme
                    int at = 4 * r.nextInt(Math.min(b.length, 64) / 4);
                    int[] extremes = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xFFFF, 1 << 24, r.nextInt()};
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, extremes[r.nextInt(extremes.length)]);
                    what = "int-at-" + at;
                }
            }
            out.add(new Case(s.name() + "-" + what + "-" + (i++), b));
        }
        return out;
    }

    /** Targeted mutations of the fmt and data fields. */
    static List<Case> fieldMutations(Case s) {
        List<Case> out = new ArrayList<>();
        byte[] b = s.bytes();
        int fmt = find(b, "fmt "), data = find(b, "data");
        int[][] shorts = {{fmt + 8, 0}, {fmt + 8, 2}, {fmt + 8, 0x55}, {fmt + 10, 0}, {fmt + 10, 65}, {fmt + 10, 0xFFFF},
            {fmt + 20, 0}, {fmt + 20, 1}, {fmt + 20, 0xFFFF}, {fmt + 22, 0}, {fmt + 22, 7}, {fmt + 22, 12}, {fmt + 22, 64}, {fmt + 22, 0xFFFF}};
        for (int[] m : shorts) {
            byte[] c = b.clone();
            ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putShort(m[0], (short) m[1]);
            out.add(new Case(s.name() + "-short@" + (m[0] - fmt) + "=" + m[1], c));
        }
        int[][] ints = {{fmt + 12, 0}, {fmt + 12, 1}, {fmt + 12, 999}, {fmt + 12, 384_001}, {fmt + 12, Integer.MAX_VALUE}, {fmt + 12, -1},
            {fmt + 12, 1000}, {fmt + 4, 2}, {fmt + 4, -1}, {fmt + 4, 1 << 30}, {data + 4, -1}, {data + 4, Integer.MAX_VALUE}, {data + 4, 0},
            {data + 4, 1}, {4, 0}, {4, -1}};
        for (int[] m : ints) {
            byte[] c = b.clone();
            ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(m[0], m[1]);
            out.add(new Case(s.name() + "-int@" + m[0] + "=" + m[1], c));
        }
        boolean isFloat = s.name().startsWith("float") || s.name().startsWith("extensible");
        if (isFloat) {
            for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                byte[] c = b.clone();
                ByteBuffer bb = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
                if (s.name().startsWith("float64")) {
                    bb.putDouble(data + 8 + 16 * 7, bad);
                } else {
                    bb.putFloat(data + 8 + 4 * 11, bad);
                }
                out.add(new Case(s.name() + "-sample=" + bad, c));
            }
        }
        out.add(new Case(s.name() + "-riff-renamed", replace(b, 0, "RIFX")));
        out.add(new Case(s.name() + "-wave-renamed", replace(b, 8, "AVI ")));
        out.add(new Case(s.name() + "-no-fmt", replace(b, fmt, "fmx ")));
        out.add(new Case(s.name() + "-no-data", replace(b, data, "dat@")));
        return out;
    }

    static byte[] replace(byte[] b, int at, String id) {
        byte[] c = b.clone();
        for (int i = 0; i < 4; i++) {
            c[at + i] = (byte) id.charAt(i);
        }
        return c;
    }

    static int find(byte[] b, String id) {
        for (int i = 12; i + 4 <= b.length; i++) {
            if (b[i] == id.charAt(0) && b[i + 1] == id.charAt(1) && b[i + 2] == id.charAt(2) && b[i + 3] == id.charAt(3)) {
                return i;
            }
        }
        throw new IllegalStateException(id);
    }

    /** A valid WAV of a tone with clicks (so that onsets and beats exist), in the given layout. */
    static byte[] wav(int tag, int rate, int bits, int channels, double seconds, SplittableRandom r, byte[] extraChunk) {
        int n = (int) (rate * seconds);
        int bytesPer = bits / 8, blockAlign = bytesPer * channels;
        ByteBuffer d = ByteBuffer.allocate(n * blockAlign).order(ByteOrder.LITTLE_ENDIAN);
        boolean isFloat = tag == 3 || tag == 0xFFFE;
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double v = 0.3 * Math.sin(2 * Math.PI * 440 * t) + 0.5 * Math.exp(-(t % 0.1) / 0.01) * (r.nextDouble() - 0.5);
            for (int c = 0; c < channels; c++) {
                double x = Math.max(-1, Math.min(1 - 1e-9, v * (1 - 0.2 * c)));
                if (isFloat) {
                    if (bits == 32) {
                        d.putFloat((float) x);
                    } else {
                        d.putDouble(x);
                    }
                } else if (bits == 8) {
                    d.put((byte) (Math.round(x * 127) + 128));
                } else if (bits == 16) {
                    d.putShort((short) Math.round(x * 32767));
                } else if (bits == 24) {
                    int q = (int) Math.round(x * 8388607);
                    d.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
                } else {
                    d.putInt((int) Math.round(x * 2147483647.0));
                }
            }
        }
        int fmtLen = tag == 0xFFFE ? 40 : 16;
        ByteBuffer f = ByteBuffer.allocate(fmtLen).order(ByteOrder.LITTLE_ENDIAN);
        f.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign)
                .putShort((short) bits);
        if (tag == 0xFFFE) {
            f.putShort((short) 22).putShort((short) bits).putInt(channels == 1 ? 4 : 3).putShort((short) 3)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        int extra = extraChunk == null ? 0 : extraChunk.length;
        h.put("RIFF".getBytes()).putInt(4 + 8 + fmtLen + extra + 8 + n * blockAlign).put("WAVE".getBytes());
        o.writeBytes(h.array());
        o.writeBytes(chunkHeader("fmt ", fmtLen));
        o.writeBytes(f.array());
        if (extraChunk != null) {
            o.writeBytes(extraChunk);
        }
        o.writeBytes(chunkHeader("data", n * blockAlign));
        o.writeBytes(d.array());
        return o.toByteArray();
    }

    static byte[] chunkHeader(String id, int len) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(id.getBytes()).putInt(len).array();
    }

    @Test
    void theSeedsThemselvesAreReadAsWritten(@TempDir Path dir) throws IOException {
        // The generator above writes what real tools write: check it on the seeds (all must be accepted).
        for (Case c : cases(new SplittableRandom(16)).subList(0, 8)) {
            Path f = dir.resolve(c.name() + ".wav");
            Files.write(f, c.bytes());
            var a = org.choreolab.audio.Wav.read(f);
            assertTrue(a.length() > 1000, c.name());
            assertTrue(Math.abs(a.sample(0, 100)) <= 1, c.name());
        }
    }
}
