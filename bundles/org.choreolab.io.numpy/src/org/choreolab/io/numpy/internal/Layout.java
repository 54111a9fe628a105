package org.choreolab.io.numpy.internal;

/** Memory-order helpers. */
public final class Layout {

    private Layout() {
    }

    /** Reorders values stored in Fortran (column-major) order into C (row-major) order. */
    public static double[] fortranToC(double[] f, int[] shape) {
        int n = shape.length;
        double[] c = new double[f.length];
        int[] idx = new int[n];
        for (int i = 0; i < f.length; i++) {
            // idx is the multi-index of C position i; its Fortran offset has the first axis fastest.
            int off = 0;
            int stride = 1;
            for (int a = 0; a < n; a++) {
                off += idx[a] * stride;
                stride *= shape[a];
            }
            c[i] = f[off];
            for (int a = n - 1; a >= 0; a--) {
                if (++idx[a] < shape[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return c;
    }
}
