package org.choreolab.motion.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;

import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npz;
import org.choreolab.motion.Rotations;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;

class RotationsTest {

    private static final double EPS = 1e-12;

    @Test
    void rodriguesOfAQuarterTurnAboutZMapsXOntoY() {
        double[] m = new double[9];
        Rotations.axisAngleToMatrix(0, 0, Math.PI / 2, m, 0);
        // Row-major: the first column is the image of x.
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, m, EPS);
        Rotations.axisAngleToMatrix(Math.PI, 0, 0, m, 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, -1, 0, 0, 0, -1}, m, EPS);
    }

    @Test
    void conversionsAgreeAndRoundTrip() {
        SplittableRandom r = new SplittableRandom(7);
        double[] m = new double[9], m2 = new double[9], q = new double[4], aa = new double[3], r6 = new double[6];
        for (int i = 0; i < 2000; i++) {
            // Angles up to just under π, and some tiny ones.
            double scale = i % 10 == 0 ? 1e-9 : 3.1;
            double x = (r.nextDouble() - 0.5) * scale, y = (r.nextDouble() - 0.5) * scale, z = (r.nextDouble() - 0.5) * scale;
            double n = Math.sqrt(x * x + y * y + z * z);
            if (n > 3.1) {
                continue;
            }
            Rotations.axisAngleToMatrix(x, y, z, m, 0);
            assertOrthonormal(m);
            Rotations.matrixToAxisAngle(m, 0, aa, 0);
            assertArrayEquals(new double[] {x, y, z}, aa, 1e-9, "axis-angle → matrix → axis-angle");
            Rotations.axisAngleToQuaternion(x, y, z, q, 0);
            Rotations.quaternionToMatrix(q, 0, m2, 0);
            assertArrayEquals(m, m2, 1e-12, "quaternion path gives the same matrix");
            Rotations.matrixTo6d(m, 0, r6, 0);
            Rotations.sixDToMatrix(r6, 0, m2, 0);
            assertArrayEquals(m, m2, 1e-12, "6-D round trip");
        }
    }

    @Test
    void sixDIsTheFirstTwoRowsAndGramSchmidtRepairsNoise() {
        double[] m = new double[9];
        Rotations.sixDToMatrix(new double[] {2, 0, 0, 1, 3, 0}, 0, m, 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, m, EPS);
    }

    @Test
    void slerpHalfwayIsHalfTheAngleAlongTheShortArc() {
        double[] a = new double[4], b = new double[4], q = new double[4], aa = new double[3];
        Rotations.axisAngleToQuaternion(0, 0, 0, a, 0);
        Rotations.axisAngleToQuaternion(0, 1.2, 0, b, 0);
        Rotations.slerp(a, 0, b, 0, 0.5, q, 0);
        Rotations.quaternionToAxisAngle(q, 0, aa, 0);
        assertArrayEquals(new double[] {0, 0.6, 0}, aa, EPS);
        // -b is the same rotation: the shorter arc is still taken.
        for (int i = 0; i < 4; i++) {
            b[i] = -b[i];
        }
        Rotations.slerp(a, 0, b, 0, 0.5, q, 0);
        Rotations.quaternionToAxisAngle(q, 0, aa, 0);
        assertEquals(0.6, aa[1], EPS);
    }

    /**
     * mint's rule (the FACT authors' get_closest_rotmat: SVD, flip the least singular direction when
     * det &lt; 0), reference values by that function under numpy: noisy rotations, noisy reflections,
     * Gaussian matrices, det &lt; 0 with the two smaller singular values 1e-3 apart, and nearly
     * singular blocks of either sign.
     */
    @Test
    void theNearestRotationIsMintsRuleForEveryKindOfBlock() throws IOException {
        Map<String, NdArray> ref = Npz.read(Reference.file("fact-rollout/fact-rollout.npz"));
        double[] blocks = ref.get("blocks").toDoubles(), expected = ref.get("blocks_rotation").toDoubles();
        double[] sv = ref.get("blocks_singular_values").toDoubles(), det = ref.get("blocks_det").toDoubles();
        double[] out = new double[9], scratch = new double[18];
        int flipped = 0;
        for (int i = 0; i < det.length; i++) {
            Rotations.nearestRotation(blocks, 9 * i, out, 0, scratch);
            // The rule is continuous except where det < 0 and σ2 = σ3; near there, rounding is amplified by 1/(σ2 − σ3).
            double tolerance = det[i] < 0 ? 1e-13 / (sv[3 * i + 1] - sv[3 * i + 2]) + 1e-12 : 1e-12;
            for (int k = 0; k < 9; k++) {
                assertEquals(expected[9 * i + k], out[k], tolerance, "fact-rollout.npz blocks[" + i + "] (det " + det[i]
                        + ", singular values " + sv[3 * i] + ", " + sv[3 * i + 1] + ", " + sv[3 * i + 2] + "), entry " + k);
            }
            assertOrthonormal(out);
            flipped += det[i] < 0 ? 1 : 0;
        }
        assertTrue(flipped > 100, "the reference exercises reflections: " + flipped);
    }

    @Test
    void theNearestRotationMayOverwriteItsInputAndRefusesRankBelowTwo() {
        double[] m = {0, -2, 0, 2, 0, 0, 0, 0, 2}; // 2·Rz(90°)
        Rotations.nearestRotation(m, 0, m, 0);
        assertArrayEquals(new double[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, m, EPS);
        double[] rankOne = {1, 2, 3, 2, 4, 6, 3, 6, 9}, out = new double[9];
        Rotations.nearestRotation(rankOne, 0, out, 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, out, 0, "no unique nearest rotation: the identity");
        Rotations.nearestRotation(new double[9], 0, out, 0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, out, 0);
    }

    private static void assertOrthonormal(double[] m) {
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double d = m[3 * a] * m[3 * b] + m[3 * a + 1] * m[3 * b + 1] + m[3 * a + 2] * m[3 * b + 2];
                assertEquals(a == b ? 1 : 0, d, 1e-12);
            }
        }
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        assertEquals(1, det, 1e-12);
    }
}
