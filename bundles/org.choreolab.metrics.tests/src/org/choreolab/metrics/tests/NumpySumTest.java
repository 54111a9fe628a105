package org.choreolab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.choreolab.metrics.Numpy;
import org.junit.jupiter.api.Test;

/**
 * {@link Numpy#sum} in float64 and in float32 against numpy 1.24.2's {@code np.sum} of the same values
 * ({@code ((i * 7919) % 1000) / 7.0} for i < n, and its {@code astype(np.float32)}), run with
 * /usr/bin/python3: below 8 values, within one block of 128, and pairwise above. Exact equality: the
 * order of the additions is what is checked.
 */
class NumpySumTest {

    @Test
    void sumsInNumpysOrder() {
        check(5, 455.71428571428567, 455.71429443359375f);
        check(100, 7007.142857142857, 7007.1435546875f);
        check(1000, 71357.14285714284, 71357.140625f);
        check(3001, 214071.42857142858, 214071.4375f);
    }

    private static void check(int n, double float64, float float32) {
        double[] d = new double[n];
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = ((i * 7919) % 1000) / 7.0;
            f[i] = (float) d[i];
        }
        assertEquals(float64, Numpy.sum(d), 0.0, "float64 sum of " + n + " values");
        assertEquals(float32, Numpy.sum(f, 0, n), 0.0f, "float32 sum of " + n + " values");
    }
}
