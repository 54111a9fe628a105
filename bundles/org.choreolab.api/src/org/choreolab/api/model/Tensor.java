package org.choreolab.api.model;

import java.util.Arrays;

/**
 * A dense float tensor: a shape and its values in row-major order. The only currency between
 * generators and {@link ModelBackend}s, so that no engine type crosses bundles.
 */
public record Tensor(long[] shape, float[] data) {

    public Tensor {
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": negative dimension");
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
