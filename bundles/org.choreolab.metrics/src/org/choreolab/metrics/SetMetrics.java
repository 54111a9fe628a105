package org.choreolab.metrics;

import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Set-level metrics on feature vectors, as the reference code computes them: both sets normalised
 * with the ground-truth set's mean and (population) standard deviation plus 1e-10; the Fréchet
 * distance ‖μ₁−μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂) with sample covariances ({@code np.cov}); the
 * diversity as the mean Euclidean distance over all pairs.
 *
 * <p>tr √(Σ₁Σ₂) is computed as Σ √λᵢ of the symmetric matrix √Σ₂ Σ₁ √Σ₂, which has the same
 * eigenvalues as Σ₁Σ₂; eigenvalues that rounding makes slightly negative count as zero, as the real
 * part the reference keeps of scipy's complex {@code sqrtm} does.
 */
public final class SetMetrics {

    private SetMetrics() {
    }

    /** The ground truth's mean and standard deviation (+1e-10) per dimension. */
    public record Normalization(double[] mean, double[] std) {

        public static Normalization of(double[][] gt) {
            requireSet(gt, 1, "ground truth");
            int d = gt[0].length;
            double[] mean = new double[d], std = new double[d];
            for (double[] row : gt) {
                for (int k = 0; k < d; k++) {
                    mean[k] += row[k];
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] /= gt.length;
            }
            for (double[] row : gt) {
                for (int k = 0; k < d; k++) {
                    double c = row[k] - mean[k];
                    std[k] += c * c;
                }
            }
            for (int k = 0; k < d; k++) {
                std[k] = Math.sqrt(std[k] / gt.length) + 1e-10;
            }
            return new Normalization(mean, std);
        }

        public double[][] apply(double[][] x) {
            double[][] out = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                if (x[i].length != mean.length) {
                    throw new IllegalArgumentException("feature vector " + i + " has " + x[i].length + " dimensions, expected " + mean.length);
                }
                out[i] = new double[mean.length];
                for (int k = 0; k < mean.length; k++) {
                    out[i][k] = (x[i][k] - mean[k]) / std[k];
                }
            }
            return out;
        }
    }

    /** The Fréchet distance between the generated and ground-truth sets, after normalisation. */
    public static double fid(double[][] generated, double[][] groundTruth) {
        requireSet(generated, 2, "generated");
        requireSet(groundTruth, 2, "ground truth");
        Normalization n = Normalization.of(groundTruth);
        return frechet(n.apply(generated), n.apply(groundTruth));
    }

    /** The mean pairwise distance of the generated set, after normalisation by the ground truth. */
    public static double diversity(double[][] generated, double[][] groundTruth) {
        requireSet(generated, 2, "generated");
        return averageDistance(Normalization.of(groundTruth).apply(generated));
    }

    static double frechet(double[][] a, double[][] b) {
        double[] mu1 = mean(a), mu2 = mean(b);
        RealMatrix s1 = cov(a, mu1), s2 = cov(b, mu2);
        double diff = 0;
        for (int k = 0; k < mu1.length; k++) {
            diff += (mu1[k] - mu2[k]) * (mu1[k] - mu2[k]);
        }
        return diff + s1.getTrace() + s2.getTrace() - 2 * traceSqrtProduct(s1, s2);
    }

    /** tr √(AB) for symmetric positive semi-definite A and B. */
    static double traceSqrtProduct(RealMatrix a, RealMatrix b) {
        EigenDecomposition eb = new EigenDecomposition(b);
        double[] lb = eb.getRealEigenvalues();
        RealMatrix v = eb.getV();
        int d = lb.length;
        double[][] sq = new double[d][d];
        for (int i = 0; i < d; i++) {
            sq[i][i] = Math.sqrt(Math.max(lb[i], 0));
        }
        RealMatrix rootB = v.multiply(new Array2DRowRealMatrix(sq, false)).multiply(v.transpose());
        RealMatrix m = rootB.multiply(a).multiply(rootB);
        // Symmetrise away rounding so the symmetric solver applies.
        m = m.add(m.transpose()).scalarMultiply(0.5);
        double tr = 0;
        for (double l : new EigenDecomposition(m).getRealEigenvalues()) {
            tr += Math.sqrt(Math.max(l, 0));
        }
        return tr;
    }

    static double averageDistance(double[][] x) {
        int n = x.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    double d = x[i][k] - x[j][k];
                    s += d * d;
                }
                sum += Math.sqrt(s);
            }
        }
        return sum / ((n * (double) n - n) / 2);
    }

    private static double[] mean(double[][] x) {
        double[] m = new double[x[0].length];
        for (double[] r : x) {
            for (int k = 0; k < m.length; k++) {
                m[k] += r[k];
            }
        }
        for (int k = 0; k < m.length; k++) {
            m[k] /= x.length;
        }
        return m;
    }

    /** np.cov(x, rowvar=False): divides by n − 1. */
    private static RealMatrix cov(double[][] x, double[] mu) {
        int d = mu.length;
        double[][] c = new double[d][d];
        for (double[] r : x) {
            for (int i = 0; i < d; i++) {
                double ci = r[i] - mu[i];
                for (int j = i; j < d; j++) {
                    c[i][j] += ci * (r[j] - mu[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                c[i][j] /= x.length - 1;
                c[j][i] = c[i][j];
            }
        }
        return new Array2DRowRealMatrix(c, false);
    }

    static void requireSet(double[][] x, int min, String what) {
        if (x.length < min) {
            throw new IllegalArgumentException(what + " set has " + x.length + " feature vector(s); at least " + min
                    + " are needed" + (min == 2 ? " (a covariance or a pairwise distance needs two)" : ""));
        }
        for (double[] r : x) {
            for (double v : r) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + " set has a non-finite feature value");
                }
            }
        }
    }

    /** Stacks a list of vectors. */
    public static double[][] stack(List<double[]> rows) {
        return rows.toArray(double[][]::new);
    }
}
