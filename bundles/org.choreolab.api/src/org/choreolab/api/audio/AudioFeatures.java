package org.choreolab.api.audio;

import java.util.List;

/**
 * Per-frame audio features: {@code frames x dims} values at {@code fps} frames per second, with a
 * name for each dimension (e.g. {@code envelope}, {@code mfcc_0} … {@code beat}).
 */
public final class AudioFeatures {

    private final float[] values;
    private final int frames;
    private final List<String> dimensionNames;
    private final double fps;

    public AudioFeatures(float[] values, int frames, List<String> dimensionNames, double fps) {
        this.dimensionNames = List.copyOf(dimensionNames);
        if (values.length != frames * this.dimensionNames.size()) {
            throw new IllegalArgumentException("values: expected " + frames + " x " + this.dimensionNames.size()
                    + " = " + frames * this.dimensionNames.size() + ", got " + values.length);
        }
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps: expected a positive frame rate, got " + fps);
        }
        this.values = values.clone();
        this.frames = frames;
        this.fps = fps;
    }

    public int frameCount() {
        return frames;
    }

    public int dimensions() {
        return dimensionNames.size();
    }

    public List<String> dimensionNames() {
        return dimensionNames;
    }

    public double fps() {
        return fps;
    }

    public float value(int frame, int dim) {
        return values[frame * dimensions() + dim];
    }

    /** Copies all values (frame-major) into {@code dest} and returns it. */
    public float[] values(float[] dest) {
        System.arraycopy(values, 0, dest, 0, values.length);
        return dest;
    }
}
