package org.choreolab.motion;

/**
 * Rotation conversions on plain arrays, one rotation at a time, writing into the caller's array at an
 * offset so loops over frames and joints allocate nothing.
 *
 * <p>Conventions: axis-angle {@code (x, y, z)} = axis × angle in radians (SMPL's); rotation matrices
 * row-major, 9 values; quaternions {@code (x, y, z, w)} as JOML orders them, unit length; the 6-D
 * representation is the first two <em>rows</em> of the matrix, as PyTorch3D's
 * {@code matrix_to_rotation_6d} (used by EDGE) defines it, and back by Gram–Schmidt.
 *
 * <p>Why these are written here rather than taken from JOML (which the platform ships) or EJML (not in
 * the target platform): they work on the flat row-major arrays in which clips hold their frames, at an
 * offset, so hot loops over frames and joints need no {@code Matrix3d}/{@code Quaterniond} per value;
 * and where JOML has an equivalent it differs from the original code's convention at the edges that
 * matter for reproduction: {@code Quaterniond.rotationAxis} and {@code AxisAngle4d.set(Quaterniond)}
 * (acos) lose accuracy at angles near 0 and π where ours uses a series and atan2; our quaternions keep
 * w ≥ 0 (one sign per rotation, so stitched windows interpolate the short way as EDGE's slerp does).
 * {@link #nearestRotation} is mint's SVD rule (flip the least singular direction when det &lt; 0),
 * which neither JOML nor a generic SVD provides without a sign fix; {@link #sixDToMatrix} is
 * PyTorch3D's convention, which no Java library has. {@code ForwardKinematics} does use JOML.
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
     * {@code out[oi..oi+8]} (which may be {@code m} itself), by the rule mint's evaluation uses to turn
     * FACT's outputs into poses ({@code get_closest_rotmat} in the FACT authors'
     * {@code tools/calculate_fid_scores.py} and {@code calculate_beat_scores.py}): with the singular
     * value decomposition M = U·diag(σ1 ≥ σ2 ≥ σ3)·Vᵀ, R = U·diag(1, 1, det(UVᵀ))·Vᵀ. When det(M) &lt; 0
     * this flips the direction of the least singular value, the smallest change that makes a rotation.
     *
     * <p>Since det(U)·u3 = u1 × u2 and det(V)·v3 = v1 × v2, R = u1v1ᵀ + u2v2ᵀ + (u1×u2)(v1×v2)ᵀ: it
     * depends only on the two largest singular pairs, not on the signs an SVD routine picks, and is
     * continuous in M except where det(M) &lt; 0 and σ2 = σ3 (where the rule itself jumps; it is also
     * continuous through det(M) = 0). The pairs come from a cyclic Jacobi eigen-decomposition of MᵀM
     * (exact to rounding for a symmetric 3×3 matrix), u = M·v/σ. A matrix of rank below 2 has no unique
     * nearest rotation: the identity is returned.
     */
    public static void nearestRotation(double[] m, int mi, double[] out, int oi) {
        nearestRotation(m, mi, out, oi, new double[18]);
    }

    /**
     * {@link #nearestRotation(double[], int, double[], int)} with caller-supplied scratch space of
     * at least 18 values, so that loops over frames and joints allocate nothing.
     */
    public static void nearestRotation(double[] m, int mi, double[] out, int oi, double[] scratch) {
        double m00 = m[mi], m01 = m[mi + 1], m02 = m[mi + 2];
        double m10 = m[mi + 3], m11 = m[mi + 4], m12 = m[mi + 5];
        double m20 = m[mi + 6], m21 = m[mi + 7], m22 = m[mi + 8];
        double[] a = scratch, v = scratch; // a: scratch[0..8] = MᵀM, v: scratch[9..17] = eigenvectors (columns)
        a[0] = m00 * m00 + m10 * m10 + m20 * m20;
        a[4] = m01 * m01 + m11 * m11 + m21 * m21;
        a[8] = m02 * m02 + m12 * m12 + m22 * m22;
        a[1] = a[3] = m00 * m01 + m10 * m11 + m20 * m21;
        a[2] = a[6] = m00 * m02 + m10 * m12 + m20 * m22;
        a[5] = a[7] = m01 * m02 + m11 * m12 + m21 * m22;
        for (int k = 0; k < 9; k++) {
            v[9 + k] = k % 4 == 0 ? 1 : 0;
        }
        double scale = a[0] + a[4] + a[8];
        if (!(scale > 0) || Double.isInfinite(scale)) {
            identity(out, oi);
            return;
        }
        for (int sweep = 0; sweep < 32; sweep++) {
            double off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5];
            if (off <= 1e-34 * scale * scale) {
                break;
            }
            jacobi(a, v, 0, 1);
            jacobi(a, v, 0, 2);
            jacobi(a, v, 1, 2);
        }
        // the two largest eigenvalues of MᵀM (σ1², σ2²)
        int i1 = 0, i2 = 1, i3 = 2;
        if (a[4 * i2] > a[4 * i1]) {
            int t = i1; i1 = i2; i2 = t;
        }
        if (a[4 * i3] > a[4 * i1]) {
            int t = i1; i1 = i3; i3 = t;
        }
        if (a[4 * i3] > a[4 * i2]) {
            int t = i2; i2 = i3; i3 = t;
        }
        double v1x = v[9 + i1], v1y = v[12 + i1], v1z = v[15 + i1];
        double v2x = v[9 + i2], v2y = v[12 + i2], v2z = v[15 + i2];
        // u1 = M v1 / σ1; u2 = M v2 / σ2, made exactly orthogonal to u1
        double u1x = m00 * v1x + m01 * v1y + m02 * v1z;
        double u1y = m10 * v1x + m11 * v1y + m12 * v1z;
        double u1z = m20 * v1x + m21 * v1y + m22 * v1z;
        double s1 = Math.sqrt(u1x * u1x + u1y * u1y + u1z * u1z);
        double u2x = m00 * v2x + m01 * v2y + m02 * v2z;
        double u2y = m10 * v2x + m11 * v2y + m12 * v2z;
        double u2z = m20 * v2x + m21 * v2y + m22 * v2z;
        if (!(s1 > 0)) {
            identity(out, oi);
            return;
        }
        u1x /= s1; u1y /= s1; u1z /= s1;
        double d = u1x * u2x + u1y * u2y + u1z * u2z;
        u2x -= d * u1x; u2y -= d * u1y; u2z -= d * u1z;
        double s2 = Math.sqrt(u2x * u2x + u2y * u2y + u2z * u2z);
        if (!(s2 > 1e-12 * s1)) {
            identity(out, oi); // rank below 2: no unique nearest rotation
            return;
        }
        u2x /= s2; u2y /= s2; u2z /= s2;
        double u3x = u1y * u2z - u1z * u2y, u3y = u1z * u2x - u1x * u2z, u3z = u1x * u2y - u1y * u2x;
        double v3x = v1y * v2z - v1z * v2y, v3y = v1z * v2x - v1x * v2z, v3z = v1x * v2y - v1y * v2x;
        out[oi] = u1x * v1x + u2x * v2x + u3x * v3x;
        out[oi + 1] = u1x * v1y + u2x * v2y + u3x * v3y;
        out[oi + 2] = u1x * v1z + u2x * v2z + u3x * v3z;
        out[oi + 3] = u1y * v1x + u2y * v2x + u3y * v3x;
        out[oi + 4] = u1y * v1y + u2y * v2y + u3y * v3y;
        out[oi + 5] = u1y * v1z + u2y * v2z + u3y * v3z;
        out[oi + 6] = u1z * v1x + u2z * v2x + u3z * v3x;
        out[oi + 7] = u1z * v1y + u2z * v2y + u3z * v3y;
        out[oi + 8] = u1z * v1z + u2z * v2z + u3z * v3z;
    }

    /**
     * One Jacobi rotation zeroing a[p][q] of the symmetric matrix {@code a[0..8]}, accumulated into
     * the eigenvector columns {@code v[9..17]} (Golub &amp; Van Loan, Algorithm 8.5.2, with the
     * smaller of the two rotation angles).
     */
    private static void jacobi(double[] a, double[] v, int p, int q) {
        double apq = a[3 * p + q];
        if (apq == 0) {
            return;
        }
        double app = a[4 * p], aqq = a[4 * q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (int k = 0; k < 3; k++) {
            // A ← JᵀAJ: columns p and q, then rows p and q
            double akp = a[3 * k + p], akq = a[3 * k + q];
            a[3 * k + p] = c * akp - s * akq;
            a[3 * k + q] = s * akp + c * akq;
        }
        for (int k = 0; k < 3; k++) {
            double apk = a[3 * p + k], aqk = a[3 * q + k];
            a[3 * p + k] = c * apk - s * aqk;
            a[3 * q + k] = s * apk + c * aqk;
        }
        a[3 * p + q] = a[3 * q + p] = 0;
        for (int k = 0; k < 3; k++) {
            double vkp = v[9 + 3 * k + p], vkq = v[9 + 3 * k + q];
            v[9 + 3 * k + p] = c * vkp - s * vkq;
            v[9 + 3 * k + q] = s * vkp + c * vkq;
        }
    }

    private static void identity(double[] out, int oi) {
        for (int k = 0; k < 9; k++) {
            out[oi + k] = k % 4 == 0 ? 1 : 0;
        }
    }
}
