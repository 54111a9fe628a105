package org.choreolab.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.audio.Audio;

/**
 * Reads RIFF/WAVE files: PCM (8-bit unsigned, 16-, 24- and 32-bit signed), IEEE float (32- and 64-bit) and
 * WAVE_FORMAT_EXTENSIBLE with either, any number of channels up to {@value #MAX_CHANNELS}. Integer samples
 * are scaled as libsndfile does for float output ({@code x / 2^(bits-1)}), so the values equal what
 * librosa loaded.
 *
 * <p>The header is checked before anything is allocated: every chunk must fit in the file, the format must
 * be consistent (block align, bits, channels), the rate between {@value #MIN_RATE} and {@value #MAX_RATE}
 * Hz; float samples must be finite. Each refusal is one line naming the file, the field and what was
 * expected.
 */
public final class Wav {

    /** The lowest and highest sample rates accepted: below 1 kHz a file is not music (or not what its header says). */
    public static final int MIN_RATE = 1_000, MAX_RATE = 384_000;
    public static final int MAX_CHANNELS = 64;

    private static final int PCM = 1, FLOAT = 3, EXTENSIBLE = 0xFFFE;

    private Wav() {
    }

    public static Audio read(Path file) throws IOException {
        String src = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(src, "", Files.exists(file) ? "not a regular file" : "no such file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch, src);
        }
    }

    private static Audio read(FileChannel ch, String src) throws IOException {
        long size = ch.size();
        if (size < 12) {
            throw new InvalidInputException(src, "RIFF header", "not a readable WAV file: " + size + " bytes, expected at least 12");
        }
        ByteBuffer head = read(ch, 0, 12, src, "RIFF header");
        String riff = fourCc(head, 0), wave = fourCc(head, 8);
        if (!riff.equals("RIFF") || !wave.equals("WAVE")) {
            String what = riff.equals("RIFX") ? "big-endian RIFX" : riff.equals("RF64") ? "RF64 (WAV over 4 GB)" : "'" + printable(riff) + "'/'" + printable(wave) + "'";
            throw new InvalidInputException(src, "RIFF header", "not a readable WAV file: found " + what + ", expected 'RIFF' … 'WAVE'");
        }
        // Chunks: id, little-endian size, data padded to an even length. The RIFF size is often wrong in the
        // wild; the file's own size bounds the walk.
        Format fmt = null;
        long dataOffset = -1, dataBytes = -1;
        long pos = 12;
        int chunks = 0;
        while (pos + 8 <= size) {
            if (++chunks > 10_000) {
                throw new InvalidInputException(src, "chunks", "more than 10,000 chunks; expected a few");
            }
            ByteBuffer h = read(ch, pos, 8, src, "chunk header at byte " + pos);
            String id = fourCc(h, 0);
            long len = Integer.toUnsignedLong(h.getInt(4));
            long body = pos + 8;
            if (id.equals("data")) {
                long available = size - body;
                // 0xFFFFFFFF (and 0 with bytes after it) is what streaming writers leave when the length is unknown.
                if (len == 0xFFFFFFFFL || len == 0 && available > 0 && fmt != null) {
                    len = available;
                }
                if (fmt == null) {
                    throw new InvalidInputException(src, "fmt", "the 'data' chunk comes before any 'fmt ' chunk; expected 'fmt ' first");
                }
                if (len > available) {
                    throw new InvalidInputException(src, "data", String.format(Locale.ROOT,
                            "truncated: the header declares %d bytes (%d frames), the file holds %d (%d frames)", len,
                            len / fmt.blockAlign, available, available / fmt.blockAlign));
                }
                dataOffset = body;
                dataBytes = len;
                break;
            }
            if (len > size - body) {
                throw new InvalidInputException(src, "chunk '" + printable(id) + "'", "declares " + len + " bytes at byte " + pos
                        + " but the file has only " + (size - body) + " after its header; expected the chunk to fit in the file");
            }
            if (id.equals("fmt ")) {
                if (fmt != null) {
                    throw new InvalidInputException(src, "fmt", "a second 'fmt ' chunk; expected one");
                }
                if (len < 16) {
                    throw new InvalidInputException(src, "fmt", "chunk of " + len + " bytes; expected at least 16");
                }
                fmt = Format.parse(read(ch, body, (int) Math.min(len, 40), src, "fmt"), (int) Math.min(len, 40), src);
            }
            pos = body + len + (len & 1);
        }
        if (fmt == null) {
            throw new InvalidInputException(src, "fmt", "no 'fmt ' chunk; expected one before the samples");
        }
        if (dataOffset < 0) {
            throw new InvalidInputException(src, "data", "no 'data' chunk; expected the samples after the 'fmt ' chunk");
        }
        long frames = dataBytes / fmt.blockAlign;
        if (frames == 0) {
            throw new InvalidInputException(src, "data", "no samples");
        }
        long samples = frames * fmt.channels;
        long maxSamples = Math.min(Integer.MAX_VALUE - 8, Runtime.getRuntime().maxMemory() / 2 / Float.BYTES);
        if (frames > Integer.MAX_VALUE - 8 || samples > maxSamples) {
            throw new InvalidInputException(src, "data", String.format(Locale.ROOT,
                    "%d frames × %d channels (%.0f minutes) do not fit in memory; expected at most %d samples", frames, fmt.channels,
                    frames / (double) fmt.rate / 60, maxSamples));
        }
        float[][] out = new float[fmt.channels][(int) frames];
        int bytesPer = fmt.bits / 8;
        int block = Math.max(fmt.blockAlign, (1 << 16) / fmt.blockAlign * fmt.blockAlign);
        ByteBuffer buf = ByteBuffer.allocate(block).order(ByteOrder.LITTLE_ENDIAN);
        long done = 0;
        while (done < frames) {
            int want = (int) Math.min(block / fmt.blockAlign, frames - done);
            buf.clear().limit(want * fmt.blockAlign);
            readFully(ch, buf, dataOffset + done * fmt.blockAlign, src);
            buf.flip();
            for (int i = 0; i < want; i++) {
                int base = i * fmt.blockAlign;
                for (int c = 0; c < fmt.channels; c++) {
                    float v = sample(buf, base + c * bytesPer, fmt.bits, fmt.isFloat);
                    if (!Float.isFinite(v)) {
                        throw new InvalidInputException(src, "data", String.format(Locale.ROOT,
                                "sample %d of channel %d is %s; expected finite samples", done + i, c, Float.isNaN(v) ? "NaN" : "infinite"));
                    }
                    out[c][(int) (done + i)] = v;
                }
            }
            done += want;
        }
        return new Audio(out, fmt.rate);
    }

    /** The 'fmt ' chunk, validated. */
    private record Format(int channels, int rate, int bits, int blockAlign, boolean isFloat) {

        static Format parse(ByteBuffer b, int len, String src) throws InvalidInputException {
            int tag = Short.toUnsignedInt(b.getShort(0));
            int channels = Short.toUnsignedInt(b.getShort(2));
            long rate = Integer.toUnsignedLong(b.getInt(4));
            int blockAlign = Short.toUnsignedInt(b.getShort(12));
            int bits = Short.toUnsignedInt(b.getShort(14));
            int format = tag;
            if (tag == EXTENSIBLE) {
                if (len < 40) {
                    throw new InvalidInputException(src, "fmt", "WAVE_FORMAT_EXTENSIBLE in a chunk of " + len + " bytes; expected 40");
                }
                format = Short.toUnsignedInt(b.getShort(24)); // the sub-format GUID starts with the format tag
            }
            if (format != PCM && format != FLOAT) {
                throw new InvalidInputException(src, "fmt.formatTag", String.format(Locale.ROOT,
                        "format 0x%04X (compressed or unknown); expected PCM (1) or IEEE float (3)", format));
            }
            if (channels < 1 || channels > MAX_CHANNELS) {
                throw new InvalidInputException(src, "fmt.channels", channels + "; expected 1 to " + MAX_CHANNELS);
            }
            if (rate < MIN_RATE || rate > MAX_RATE) {
                throw new InvalidInputException(src, "fmt.sampleRate", rate + " Hz; expected " + MIN_RATE + " to " + MAX_RATE + " Hz");
            }
            boolean isFloat = format == FLOAT;
            if (isFloat ? bits != 32 && bits != 64 : bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                throw new InvalidInputException(src, "fmt.bitsPerSample", bits + (isFloat ? " for IEEE float; expected 32 or 64"
                        : " for PCM; expected 8, 16, 24 or 32"));
            }
            if (blockAlign != channels * bits / 8) {
                throw new InvalidInputException(src, "fmt.blockAlign", blockAlign + "; expected channels × bits / 8 = " + channels * bits / 8);
            }
            return new Format(channels, (int) rate, bits, blockAlign, isFloat);
        }
    }

    private static float sample(ByteBuffer d, int o, int bits, boolean isFloat) {
        if (isFloat) {
            return bits == 32 ? d.getFloat(o) : (float) d.getDouble(o);
        }
        switch (bits) {
            case 8:
                return ((d.get(o) & 0xff) - 128) / 128f;
            case 16:
                return d.getShort(o) / 32768f;
            case 24: {
                int v = (d.get(o + 2) << 16) | (d.get(o + 1) & 0xff) << 8 | (d.get(o) & 0xff);
                return v / 8388608f;
            }
            default:
                return (float) (d.getInt(o) / 2147483648.0);
        }
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n, String src, String field) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, b, pos, src);
        b.flip();
        if (b.remaining() < n) {
            throw new InvalidInputException(src, field, "truncated file");
        }
        return b;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos, String src) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int r = ch.read(b, p);
            if (r < 0) {
                throw new InvalidInputException(src, "data", "truncated file: ends at byte " + p);
            }
            p += r;
        }
    }

    private static String fourCc(ByteBuffer b, int o) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (b.get(o + i) & 0xff);
        }
        return new String(c);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }

    /** The mean of the channels, as librosa's {@code to_mono}. */
    public static float[] mono(Audio audio) {
        int n = audio.length();
        float[] out = new float[n];
        if (audio.channelCount() == 1) {
            return audio.channel(0);
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < audio.channelCount(); c++) {
                s += audio.sample(c, i);
            }
            out[i] = (float) (s / audio.channelCount());
        }
        return out;
    }
}
