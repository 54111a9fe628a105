package org.choreolab.io.numpy;

import java.util.Arrays;

/**
 * A numpy array as read from a file: its shape, its dtype (numpy's descr, e.g. {@code <f4}) and its
 * values in C order, widened to double. Immutable.
 */
public final class NdArray {

    private final int[] shape;
    private final String dtype;
    private final double[] data;

    public NdArray(int[] shape, String dtype, double[] data) {
        long n = count(shape);
        if (n < 0) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": negative dimension");
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
        this.shape = shape.clone();
        this.dtype = dtype;
        this.data = data;
    }

    /**
     * The number of items of an array of this shape: -1 when a dimension is negative, and
     * {@link Long#MAX_VALUE} when the product does not fit in a long.
     */
    public static long count(int[] shape) {
        long n = 1;
        boolean overflow = false;
        for (int d : shape) {
            if (d < 0) {
                return -1;
            }
            if (n != 0 && d > Long.MAX_VALUE / n) {
                overflow = true;
            } else {
                n *= d;
            }
        }
        // A zero dimension makes the product 0 even after an overflowing partial product.
        return n == 0 ? 0 : overflow ? Long.MAX_VALUE : n;
    }

    /** A float32 array of this shape holding {@code values}. */
    public static NdArray float32(float[] values, int... shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new NdArray(shape, "<f4", d);
    }

    /** A float64 array of this shape holding {@code values} (not copied: do not change them). */
    public static NdArray float64(double[] values, int... shape) {
        return new NdArray(shape, "<f8", values);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public String dtype() {
        return dtype;
    }

    public int size() {
        return data.length;
    }

    public double get(int flatIndex) {
        return data[flatIndex];
    }

    /** A copy of the values, in C order. */
    public double[] toDoubles() {
        return data.clone();
    }

    /** The values narrowed to float, in C order. */
    public float[] toFloats() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return f;
    }

    /** The shape as numpy prints it, e.g. {@code (468, 24, 3)}. */
    public String shapeString() {
        return shapeString(shape);
    }

    public static String shapeString(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public String toString() {
        return "ndarray" + shapeString() + " " + dtype;
    }
}
