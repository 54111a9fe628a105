package org.choreolab.api.audio;

/**
 * Decoded audio: samples in [-1, 1], one array per channel, all of the same length.
 */
public final class Audio {

    private final float[][] channels;
    private final int sampleRate;

    public Audio(float[][] channels, int sampleRate) {
        if (channels.length == 0) {
            throw new IllegalArgumentException("channels: expected at least one channel");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate: expected a positive rate, got " + sampleRate);
        }
        int n = channels[0].length;
        this.channels = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != n) {
                throw new IllegalArgumentException("channel " + c + ": " + channels[c].length + " samples, expected " + n);
            }
            this.channels[c] = channels[c].clone();
        }
        this.sampleRate = sampleRate;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public int channelCount() {
        return channels.length;
    }

    public int length() {
        return channels[0].length;
    }

    public double durationSeconds() {
        return length() / (double) sampleRate;
    }

    public float sample(int channel, int index) {
        return channels[channel][index];
    }

    /** A copy of one channel. */
    public float[] channel(int channel) {
        return channels[channel].clone();
    }
}
