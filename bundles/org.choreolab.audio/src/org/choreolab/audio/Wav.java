package org.choreolab.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.audio.Audio;

/**
 * Reads WAV files through javax.sound: 8-bit unsigned, 16- and 24-bit signed PCM and 32-bit float,
 * any number of channels and any rate. Integer samples are scaled as libsndfile does for float
 * output ({@code x / 2^(bits-1)}), so the values equal what librosa loaded.
 */
public final class Wav {

    private Wav() {
    }

    public static Audio read(Path file) throws IOException {
        String src = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(src, "", "no such file");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
                AudioInputStream in = AudioSystem.getAudioInputStream(raw)) {
            AudioFormat f = in.getFormat();
            int channels = f.getChannels();
            int bits = f.getSampleSizeInBits();
            AudioFormat.Encoding enc = f.getEncoding();
            boolean pcmSigned = enc.equals(AudioFormat.Encoding.PCM_SIGNED);
            boolean pcmUnsigned = enc.equals(AudioFormat.Encoding.PCM_UNSIGNED);
            boolean pcmFloat = enc.equals(AudioFormat.Encoding.PCM_FLOAT);
            if (!(pcmSigned && (bits == 16 || bits == 24 || bits == 8) || pcmUnsigned && bits == 8 || pcmFloat && bits == 32)) {
                throw new InvalidInputException(src, "format", "unsupported encoding " + enc + " with " + bits
                        + "-bit samples (expected 8-bit unsigned, 16/24-bit signed PCM or 32-bit float)");
            }
            if (channels < 1) {
                throw new InvalidInputException(src, "channels", "expected at least one channel, got " + channels);
            }
            long declared = in.getFrameLength();
            int bytesPerSample = bits / 8;
            int frameBytes = bytesPerSample * channels;
            byte[] data = in.readAllBytes();
            long frames = data.length / frameBytes;
            if (declared != AudioSystem.NOT_SPECIFIED && frames < declared) {
                throw new InvalidInputException(src, "data", "truncated: the header declares " + declared
                        + " frames, the file holds " + frames);
            }
            if (frames == 0) {
                throw new InvalidInputException(src, "data", "no samples");
            }
            float rate = f.getSampleRate();
            if (!(rate > 0) || rate != Math.rint(rate)) {
                throw new InvalidInputException(src, "rate", "expected a positive integer sample rate, got " + rate);
            }
            float[][] ch = new float[channels][(int) frames];
            boolean big = f.isBigEndian();
            for (int i = 0; i < frames; i++) {
                for (int c = 0; c < channels; c++) {
                    int o = i * frameBytes + c * bytesPerSample;
                    ch[c][i] = sample(data, o, bits, big, pcmUnsigned, pcmFloat);
                }
            }
            return new Audio(ch, (int) rate);
        } catch (UnsupportedAudioFileException e) {
            throw new InvalidInputException(src, "format", "not a readable WAV file (" + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            throw new InvalidInputException(src, "data", "truncated file");
        }
    }

    private static float sample(byte[] d, int o, int bits, boolean big, boolean unsigned, boolean isFloat) {
        if (isFloat) {
            int v = big ? (d[o] & 0xff) << 24 | (d[o + 1] & 0xff) << 16 | (d[o + 2] & 0xff) << 8 | (d[o + 3] & 0xff)
                    : (d[o + 3] & 0xff) << 24 | (d[o + 2] & 0xff) << 16 | (d[o + 1] & 0xff) << 8 | (d[o] & 0xff);
            return Float.intBitsToFloat(v);
        }
        switch (bits) {
            case 8:
                return unsigned ? ((d[o] & 0xff) - 128) / 128f : d[o] / 128f;
            case 16: {
                int v = big ? (d[o] << 8) | (d[o + 1] & 0xff) : (d[o + 1] << 8) | (d[o] & 0xff);
                return v / 32768f;
            }
            default: {
                int v = big ? (d[o] << 16) | (d[o + 1] & 0xff) << 8 | (d[o + 2] & 0xff)
                        : (d[o + 2] << 16) | (d[o + 1] & 0xff) << 8 | (d[o] & 0xff);
                return v / 8388608f;
            }
        }
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
