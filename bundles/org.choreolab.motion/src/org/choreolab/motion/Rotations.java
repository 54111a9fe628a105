package org.choreolab.motion;

/**
 * Rotation conversions on plain arrays, one rotation at a time, writing into the caller's array at an
 * offset so loops over frames and joints allocate nothing.
 *
 * <p>Conventions: axis-angle {@code (x, y, z)} = axis × angle in radians (SMPL's); rotation matrices
 * row-major, 9 values; quaternions {@code (x, y, z, w)} as JOML orders them, unit length; the 6-D
 * representation is the first two <em>rows</em> of the matrix, as PyTorch3D's
 * {@code matrix_to_rotation_6d} (used by EDGE) defines it, and back by Gram–Schmidt.
 */
public final class Rotations {

    private static final double SMALL = 1e-12;

    private Rotations() {
    }

    /** Rodrigues' formula: axis-angle {@code aa[ai..ai+2]} to matrix {@code m[mi..mi+8]}. */
    public static void axisAngleToMatrix(double[] aa, int ai, double[] m, int mi) {
        axisAngleToMatrix(aa[ai], aa[ai + 1], aa[ai + 2], m, mi);
    }

    public static void axisAngleToMatrix(float[] aa, int ai, double[] m, int mi) {
        axisAngleToMatrix(aa[ai], aa[ai + 1], aa[ai + 2], m, mi);
    }

    public static void axisAngleToMatrix(double x, double y, double z, double[] m, int mi) {
        double theta = Math.sqrt(x * x + y * y + z * z);
        if (theta < SMALL) {
            // First order: I + [aa]x, exact to the precision of the input.
            m[mi] = 1; m[mi + 1] = -z; m[mi + 2] = y;
            m[mi + 3] = z; m[mi + 4] = 1; m[mi + 5] = -x;
            m[mi + 6] = -y; m[mi + 7] = x; m[mi + 8] = 1;
            return;
        }
        double kx = x / theta, ky = y / theta, kz = z / theta;
        double c = Math.cos(theta), s = Math.sin(theta), t = 1 - c;
        m[mi] = c + t * kx * kx;
        m[mi + 1] = t * kx * ky - s * kz;
        m[mi + 2] = t * kx * kz + s * ky;
        m[mi + 3] = t * kx * ky + s * kz;
        m[mi + 4] = c + t * ky * ky;
        m[mi + 5] = t * ky * kz - s * kx;
        m[mi + 6] = t * kx * kz - s * ky;
        m[mi + 7] = t * ky * kz + s * kx;
        m[mi + 8] = c + t * kz * kz;
    }

    /** Matrix to unit quaternion (x, y, z, w) with w ≥ 0 (Shepperd's method, stable for every angle). */
    public static void matrixToQuaternion(double[] m, int mi, double[] q, int qi) {
        double m00 = m[mi], m01 = m[mi + 1], m02 = m[mi + 2];
        double m10 = m[mi + 3], m11 = m[mi + 4], m12 = m[mi + 5];
        double m20 = m[mi + 6], m21 = m[mi + 7], m22 = m[mi + 8];
        double tr = m00 + m11 + m22;
        double x, y, z, w;
        if (tr > 0) {
            double s = Math.sqrt(tr + 1.0) * 2;
            w = 0.25 * s; x = (m21 - m12) / s; y = (m02 - m20) / s; z = (m10 - m01) / s;
        } else if (m00 > m11 && m00 > m22) {
            double s = Math.sqrt(1.0 + m00 - m11 - m22) * 2;
            w = (m21 - m12) / s; x = 0.25 * s; y = (m01 + m10) / s; z = (m02 + m20) / s;
        } else if (m11 > m22) {
            double s = Math.sqrt(1.0 + m11 - m00 - m22) * 2;
            w = (m02 - m20) / s; x = (m01 + m10) / s; y = 0.25 * s; z = (m12 + m21) / s;
        } else {
            double s = Math.sqrt(1.0 + m22 - m00 - m11) * 2;
            w = (m10 - m01) / s; x = (m02 + m20) / s; y = (m12 + m21) / s; z = 0.25 * s;
        }
        double n = Math.sqrt(x * x + y * y + z * z + w * w);
        double sign = w < 0 ? -1 : 1;
        q[qi] = sign * x / n; q[qi + 1] = sign * y / n; q[qi + 2] = sign * z / n; q[qi + 3] = sign * w / n;
    }

    /** Unit quaternion (x, y, z, w) to matrix. */
    public static void quaternionToMatrix(double[] q, int qi, double[] m, int mi) {
        double x = q[qi], y = q[qi + 1], z = q[qi + 2], w = q[qi + 3];
        m[mi] = 1 - 2 * (y * y + z * z); m[mi + 1] = 2 * (x * y - z * w); m[mi + 2] = 2 * (x * z + y * w);
        m[mi + 3] = 2 * (x * y + z * w); m[mi + 4] = 1 - 2 * (x * x + z * z); m[mi + 5] = 2 * (y * z - x * w);
        m[mi + 6] = 2 * (x * z - y * w); m[mi + 7] = 2 * (y * z + x * w); m[mi + 8] = 1 - 2 * (x * x + y * y);
    }

    /** Axis-angle to unit quaternion (x, y, z, w). */
    public static void axisAngleToQuaternion(double x, double y, double z, double[] q, int qi) {
        double theta = Math.sqrt(x * x + y * y + z * z);
        double half = theta / 2;
        // sin(θ/2)/θ → 1/2 as θ → 0.
        double k = theta < SMALL ? 0.5 - theta * theta / 48 : Math.sin(half) / theta;
        q[qi] = x * k; q[qi + 1] = y * k; q[qi + 2] = z * k; q[qi + 3] = Math.cos(half);
    }

    /** Unit quaternion to axis-angle with angle in [0, π]. */
    public static void quaternionToAxisAngle(double[] q, int qi, double[] aa, int ai) {
        double x = q[qi], y = q[qi + 1], z = q[qi + 2], w = q[qi + 3];
        if (w < 0) {
            x = -x; y = -y; z = -z; w = -w;
        }
        double s = Math.sqrt(x * x + y * y + z * z);
        double theta = 2 * Math.atan2(s, w);
        double k = s < SMALL ? 2 / Math.max(w, SMALL) : theta / s;
        aa[ai] = x * k; aa[ai + 1] = y * k; aa[ai + 2] = z * k;
    }

    /** Matrix to axis-angle with angle in [0, π]. */
    public static void matrixToAxisAngle(double[] m, int mi, double[] aa, int ai) {
        double[] q = new double[4];
        matrixToQuaternion(m, mi, q, 0);
        quaternionToAxisAngle(q, 0, aa, ai);
    }

    /** Matrix to 6-D: its first two rows. */
    public static void matrixTo6d(double[] m, int mi, double[] r6, int ri) {
        System.arraycopy(m, mi, r6, ri, 6);
    }

    /** 6-D to matrix by Gram–Schmidt on the two rows; the third row is their cross product. */
    public static void sixDToMatrix(double[] r6, int ri, double[] m, int mi) {
        double a1x = r6[ri], a1y = r6[ri + 1], a1z = r6[ri + 2];
        double a2x = r6[ri + 3], a2y = r6[ri + 4], a2z = r6[ri + 5];
        double n1 = Math.sqrt(a1x * a1x + a1y * a1y + a1z * a1z);
        double b1x = a1x / n1, b1y = a1y / n1, b1z = a1z / n1;
        double d = b1x * a2x + b1y * a2y + b1z * a2z;
        double ux = a2x - d * b1x, uy = a2y - d * b1y, uz = a2z - d * b1z;
        double n2 = Math.sqrt(ux * ux + uy * uy + uz * uz);
        double b2x = ux / n2, b2y = uy / n2, b2z = uz / n2;
        m[mi] = b1x; m[mi + 1] = b1y; m[mi + 2] = b1z;
        m[mi + 3] = b2x; m[mi + 4] = b2y; m[mi + 5] = b2z;
        m[mi + 6] = b1y * b2z - b1z * b2y;
        m[mi + 7] = b1z * b2x - b1x * b2z;
        m[mi + 8] = b1x * b2y - b1y * b2x;
    }

    /** Spherical interpolation of unit quaternions along the shorter arc, {@code t} in [0, 1]. */
    public static void slerp(double[] a, int ai, double[] b, int bi, double t, double[] out, int oi) {
        double ax = a[ai], ay = a[ai + 1], az = a[ai + 2], aw = a[ai + 3];
        double bx = b[bi], by = b[bi + 1], bz = b[bi + 2], bw = b[bi + 3];
        double dot = ax * bx + ay * by + az * bz + aw * bw;
        if (dot < 0) {
            bx = -bx; by = -by; bz = -bz; bw = -bw; dot = -dot;
        }
        double s0, s1;
        if (dot > 0.9995) {
            // Nearly parallel: linear interpolation, then normalise.
            s0 = 1 - t;
            s1 = t;
        } else {
            double theta = Math.acos(dot);
            double sin = Math.sin(theta);
            s0 = Math.sin((1 - t) * theta) / sin;
            s1 = Math.sin(t * theta) / sin;
        }
        double x = s0 * ax + s1 * bx, y = s0 * ay + s1 * by, z = s0 * az + s1 * bz, w = s0 * aw + s1 * bw;
        double n = Math.sqrt(x * x + y * y + z * z + w * w);
        out[oi] = x / n; out[oi + 1] = y / n; out[oi + 2] = z / n; out[oi + 3] = w / n;
    }

    /**
     * The rotation nearest (in the Frobenius norm) to the 3×3 matrix {@code m[mi..mi+8]}, into
     * {@code out[oi..oi+8]}: the orthogonal factor of its polar decomposition, by Higham's scaled
     * Newton iteration X ← (γX + X⁻ᵀ/γ)/2. A singular matrix gives the identity; a reflection is
     * turned into the nearest rotation by flipping the axis it mirrors least.
     */
    public static void nearestRotation(double[] m, int mi, double[] out, int oi) {
        double[] x = new double[9], inv = new double[9];
        System.arraycopy(m, mi, x, 0, 9);
        for (int it = 0; it < 30; it++) {
            double det = inverseTranspose(x, inv);
            if (!(Math.abs(det) > 1e-12)) {
                identity(out, oi);
                return;
            }
            double gamma = Math.sqrt(Math.sqrt(frobenius2(inv) / frobenius2(x)));
            double change = 0;
            for (int k = 0; k < 9; k++) {
                double next = 0.5 * (gamma * x[k] + inv[k] / gamma);
                change = Math.max(change, Math.abs(next - x[k]));
                x[k] = next;
            }
            if (change < 1e-13) {
                break;
            }
        }
        double det = x[0] * (x[4] * x[8] - x[5] * x[7]) - x[1] * (x[3] * x[8] - x[5] * x[6]) + x[2] * (x[3] * x[7] - x[4] * x[6]);
        if (det < 0) {
            // an orthogonal matrix with det −1: negate the column most opposed to the input's
            int worst = 0;
            double least = Double.MAX_VALUE;
            for (int c = 0; c < 3; c++) {
                double dot = 0;
                for (int r = 0; r < 3; r++) {
                    dot += x[3 * r + c] * m[mi + 3 * r + c];
                }
                if (dot < least) {
                    least = dot;
                    worst = c;
                }
            }
            for (int r = 0; r < 3; r++) {
                x[3 * r + worst] = -x[3 * r + worst];
            }
        }
        System.arraycopy(x, 0, out, oi, 9);
    }

    private static double inverseTranspose(double[] a, double[] dest) {
        // cofactors: (A⁻¹)ᵀ = cof(A) / det(A)
        double c00 = a[4] * a[8] - a[5] * a[7], c01 = a[5] * a[6] - a[3] * a[8], c02 = a[3] * a[7] - a[4] * a[6];
        double c10 = a[2] * a[7] - a[1] * a[8], c11 = a[0] * a[8] - a[2] * a[6], c12 = a[1] * a[6] - a[0] * a[7];
        double c20 = a[1] * a[5] - a[2] * a[4], c21 = a[2] * a[3] - a[0] * a[5], c22 = a[0] * a[4] - a[1] * a[3];
        double det = a[0] * c00 + a[1] * c01 + a[2] * c02;
        double[] c = {c00, c01, c02, c10, c11, c12, c20, c21, c22};
        for (int k = 0; k < 9; k++) {
            dest[k] = c[k] / det;
        }
        return det;
    }

    private static double frobenius2(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return s;
    }

    private static void identity(double[] out, int oi) {
        for (int k = 0; k < 9; k++) {
            out[oi + k] = k % 4 == 0 ? 1 : 0;
        }
    }
}
