package org.choreolab.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.SetValue;

/**
 * Set-level metrics on feature vectors, as the reference code computes them (Bailando
 * {@code utils/metrics_new.py} {@code normalize}, {@code calc_fid}, {@code calculate_avg_distance}; mint
 * {@code tools/calculate_fid_scores.py} {@code calculate_frechet_feature_distance},
 * {@code calculate_frechet_distance}, {@code calculate_avg_distance}; the two agree): both sets
 * normalised with the ground-truth set's mean and (population) standard deviation plus 1e-10; the
 * Fréchet distance ‖μ₁−μ₂‖² + tr Σ₁ + tr Σ₂ − 2 tr √(Σ₁Σ₂) with sample covariances ({@code np.cov}); the
 * diversity as the mean Euclidean distance over all pairs of the normalised generated set.
 *
 * <p>The features are float32 arrays in the reference, so the normalisation, the means and the
 * distances are float32 there, and so here (the covariances are float64 in both): a feature that is
 * constant over the ground truth then gives exactly the reference's enormous value.
 *
 * <p>tr √(Σ₁Σ₂) is computed as Σ √λᵢ of the symmetric matrix √Σ₂ Σ₁ √Σ₂, which has the same
 * eigenvalues as Σ₁Σ₂; eigenvalues that rounding makes slightly negative count as zero, as the real
 * part the reference keeps of scipy's complex {@code sqrtm} does.
 */
public final class SetMetrics {

    /** The std below which a ground-truth feature counts as constant: relative to its mean, plus an absolute floor. */
    static final double CONSTANT_RELATIVE = 1e-6, CONSTANT_ABSOLUTE = 1e-8;

    private SetMetrics() {
    }

    /** The ground truth's mean and standard deviation (+1e-10) per dimension, in float32 as numpy computes them. */
    public record Normalization(double[] mean, double[] std) {

        public static Normalization of(double[][] gt) {
            requireSet(gt, 1, "ground truth");
            int n = gt.length, d = gt[0].length;
            float[] mean = new float[d], std = new float[d];
            // np.mean / np.std over axis 0 of a float32 (n, d) array: rows added one after the other, in float32.
            for (double[] row : gt) {
                requireDims(row, d);
                for (int k = 0; k < d; k++) {
                    mean[k] += (float) row[k];
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] /= (float) n;
            }
            for (double[] row : gt) {
                for (int k = 0; k < d; k++) {
                    float c = (float) row[k] - mean[k];
                    std[k] += c * c;
                }
            }
            double[] m = new double[d], s = new double[d];
            for (int k = 0; k < d; k++) {
                m[k] = mean[k];
                // (np.std(...) + 1e-10): a float32 array plus a Python float stays float32.
                s[k] = (float) Math.sqrt(std[k] / (float) n) + (float) 1e-10;
            }
            return new Normalization(m, s);
        }

        public double[][] apply(double[][] x) {
            double[][] out = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                if (x[i].length != mean.length) {
                    throw new IllegalArgumentException("feature vector " + i + " has " + x[i].length + " dimensions, expected " + mean.length);
                }
                out[i] = new double[mean.length];
                for (int k = 0; k < mean.length; k++) {
                    out[i][k] = ((float) x[i][k] - (float) mean[k]) / (float) std[k];
                }
            }
            return out;
        }

        /** The standard deviation without the 1e-10 numpy adds (float32, as computed). */
        double rawStd(int k) {
            return (float) std[k] - (float) 1e-10;
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

    /**
     * The FID with its flags: as {@link #fid}, but non-finite features give NaN (what the reference's
     * arithmetic gives) with a flag instead of an error, and ill-posed sets are flagged.
     *
     * @param feature the feature's name for the reasons ("kinetic", "geometric")
     * @throws IllegalArgumentException when a set has fewer than two vectors (no covariance at all)
     */
    public static SetValue fidWithFlags(double[][] generated, double[][] groundTruth, String feature) {
        requireCount(generated, 2, "generated");
        requireCount(groundTruth, 2, "ground truth");
        List<Flag> flags = new ArrayList<>();
        if (nonFinite(generated, groundTruth, feature, flags)) {
            return new SetValue(Double.NaN, flags);
        }
        Normalization n = Normalization.of(groundTruth);
        constantFeatures(n, generated, groundTruth, feature, flags);
        int d = groundTruth[0].length;
        double[][] g = n.apply(groundTruth);
        if (groundTruth.length <= d) {
            flags.add(Flag.degenerate(Flag.GROUND_TRUTH_RANK_DEFICIENT, String.format(Locale.ROOT,
                    "%d ground-truth %s vectors for %d dimensions: their covariance is singular (rank at most %d), so FID "
                            + "rests on the directions they happen to span; more ground truth is needed",
                    groundTruth.length, feature, d, groundTruth.length - 1)));
        } else {
            int rank = rank(cov(g, mu(g)));
            // A column equal to an earlier one in every ground-truth vector is a property of the feature's
            // definition, not of the data: the reference's geometric feature 5 is computed as a copy of feature 4
            // (docs/METRICS.md), so every real dataset has rank 31 of 32. FID is as well defined with it as the
            // reference makes it; it is said in a note and not counted as a deficiency of the ground truth.
            List<int[]> copies = identicalColumns(groundTruth, n);
            int expected = d - constantCount(n) - copies.size();
            if (!copies.isEmpty()) {
                flags.add(Flag.note(Flag.GROUND_TRUTH_RANK_DEFICIENT, String.format(Locale.ROOT,
                        "%s feature%s %s equal to feature%s %s in every ground-truth vector (as the reference defines them): "
                                + "the covariance has rank %d of %d, as on any data", feature, copies.size() == 1 ? "" : "s",
                        copies.stream().map(c -> String.valueOf(c[1])).collect(Collectors.joining(", ")) + (copies.size() == 1 ? " is" : " are"),
                        copies.size() == 1 ? "" : "s", copies.stream().map(c -> String.valueOf(c[0])).collect(Collectors.joining(", ")),
                        rank, d)));
            }
            if (rank < expected) {
                flags.add(Flag.degenerate(Flag.GROUND_TRUTH_RANK_DEFICIENT, String.format(Locale.ROOT,
                        "the ground-truth %s covariance is singular: rank %d of %d non-constant dimensions (features that "
                                + "are linear combinations of others)", feature, rank, expected)));
            }
        }
        if (generated.length <= d) {
            flags.add(Flag.note(Flag.GENERATED_RANK_DEFICIENT, String.format(Locale.ROOT,
                    "%d generated %s vectors for %d dimensions: their covariance has rank at most %d (usual for the "
                            + "field's test split; FID is still defined)", generated.length, feature, d, generated.length - 1)));
        }
        return new SetValue(frechet(n.apply(generated), g), flags);
    }

    /** The diversity with its flags (non-finite features, constant ground-truth features). */
    public static SetValue diversityWithFlags(double[][] generated, double[][] groundTruth, String feature) {
        requireCount(generated, 2, "generated");
        requireCount(groundTruth, 1, "ground truth");
        List<Flag> flags = new ArrayList<>();
        if (nonFinite(generated, groundTruth, feature, flags)) {
            return new SetValue(Double.NaN, flags);
        }
        Normalization n = Normalization.of(groundTruth);
        constantFeatures(n, generated, groundTruth, feature, flags);
        return new SetValue(averageDistance(n.apply(generated)), flags);
    }

    private static boolean nonFinite(double[][] generated, double[][] groundTruth, String feature, List<Flag> flags) {
        List<String> bad = new ArrayList<>();
        for (String set : List.of("generated", "ground-truth")) {
            double[][] x = set.equals("generated") ? generated : groundTruth;
            List<Integer> rows = IntStream.range(0, x.length)
                    .filter(i -> java.util.Arrays.stream(x[i]).anyMatch(v -> !Double.isFinite(v))).boxed().toList();
            if (!rows.isEmpty()) {
                bad.add(set + " vector(s) " + rows.stream().limit(10).map(String::valueOf).collect(Collectors.joining(", "))
                        + (rows.size() > 10 ? ", …" : ""));
            }
        }
        if (bad.isEmpty()) {
            return false;
        }
        flags.add(Flag.degenerate(Flag.NON_FINITE,
                "non-finite " + feature + " feature values in " + String.join(" and ", bad) + ": the value is NaN"));
        return true;
    }

    /** Flags features that are (near-)constant over the ground truth. */
    private static void constantFeatures(Normalization n, double[][] generated, double[][] groundTruth, String feature,
            List<Flag> flags) {
        List<Integer> harmful = new ArrayList<>(), harmless = new ArrayList<>();
        for (int k = 0; k < n.mean().length; k++) {
            if (!isConstant(n, k)) {
                continue;
            }
            double tol = CONSTANT_RELATIVE * Math.abs(n.mean()[k]) + CONSTANT_ABSOLUTE;
            boolean differs = false;
            for (double[] row : generated) {
                differs |= Math.abs(row[k] - n.mean()[k]) > tol;
            }
            (differs ? harmful : harmless).add(k);
        }
        if (!harmful.isEmpty()) {
            flags.add(Flag.degenerate(Flag.NEAR_CONSTANT_FEATURE, String.format(Locale.ROOT,
                    "%s feature%s %s constant over the %d ground-truth vectors (σ ≈ 0) while the generated set differs: "
                            + "the normalisation divides by σ + 1e-10, so %s dominate%s the value",
                    feature, harmful.size() == 1 ? "" : "s", list(harmful), groundTruth.length,
                    harmful.size() == 1 ? "it" : "they", harmful.size() == 1 ? "s" : "")));
        }
        if (!harmless.isEmpty()) {
            flags.add(Flag.note(Flag.NEAR_CONSTANT_FEATURE, String.format(Locale.ROOT,
                    "%s feature%s %s constant over both sets (contribute%s nothing)", feature,
                    harmless.size() == 1 ? "" : "s", list(harmless), harmless.size() == 1 ? "s" : "")));
        }
    }

    private static String list(List<Integer> dims) {
        String s = dims.stream().limit(12).map(String::valueOf).collect(Collectors.joining(", "));
        return (dims.size() > 12 ? s + ", … (" + dims.size() + ")" : s) + (dims.size() == 1 ? " is" : " are");
    }

    private static boolean isConstant(Normalization n, int k) {
        return n.rawStd(k) <= CONSTANT_RELATIVE * Math.abs(n.mean()[k]) + CONSTANT_ABSOLUTE;
    }

    /** Pairs {earlier, later} of non-constant columns equal in every vector of {@code x} (later ones listed once). */
    private static List<int[]> identicalColumns(double[][] x, Normalization n) {
        List<int[]> pairs = new ArrayList<>();
        int d = x[0].length;
        boolean[] copy = new boolean[d];
        for (int j = 1; j < d; j++) {
            for (int i = 0; i < j && !copy[j]; i++) {
                if (copy[i] || isConstant(n, i) || isConstant(n, j)) {
                    continue;
                }
                boolean same = true;
                for (int r = 0; r < x.length && same; r++) {
                    same = x[r][i] == x[r][j];
                }
                if (same) {
                    copy[j] = true;
                    pairs.add(new int[] {i, j});
                }
            }
        }
        return pairs;
    }

    private static int constantCount(Normalization n) {
        int c = 0;
        for (int k = 0; k < n.mean().length; k++) {
            c += isConstant(n, k) ? 1 : 0;
        }
        return c;
    }

    /** Numerical rank of a covariance of normalised features, not counting the constant dimensions (zero rows). */
    private static int rank(RealMatrix c) {
        double[] l = new EigenDecomposition(c).getRealEigenvalues();
        double max = java.util.Arrays.stream(l).max().orElse(0);
        int r = 0;
        for (double v : l) {
            r += v > 1e-10 * max ? 1 : 0;
        }
        return r;
    }

    static double frechet(double[][] a, double[][] b) {
        double[] mu1 = mean(a), mu2 = mean(b);
        // diff.dot(diff) of float32 means: BLAS sdot, a float32 result.
        double diff = 0;
        for (int k = 0; k < mu1.length; k++) {
            float dk = (float) mu1[k] - (float) mu2[k];
            diff += (double) dk * dk;
        }
        diff = (float) diff;
        int d = mu1.length;
        if (Math.min(a.length, b.length) <= d) {
            // A set no larger than the dimensions (the field's ~20 test sequences; every bootstrap resample of them):
            // tr √(Σ₁Σ₂) is the nuclear norm of X₁X₂ᵀ / √((n₁−1)(n₂−1)), X the centred sets, since Σ₁Σ₂ and
            // (X₁X₂ᵀ)(X₂X₁ᵀ) / ((n₁−1)(n₂−1)) share their non-zero eigenvalues: one eigendecomposition of an
            // n × n matrix instead of two of d × d, the same value to rounding.
            double[][] xa = centred(a, mu(a)), xb = centred(b, mu(b));
            return diff + trace(xa) + trace(xb) - 2 * nuclearNorm(xa, xb) / Math.sqrt((a.length - 1.0) * (b.length - 1.0));
        }
        RealMatrix s1 = cov(a, mu(a)), s2 = cov(b, mu(b));
        return diff + s1.getTrace() + s2.getTrace() - 2 * traceSqrtProduct(s1, s2);
    }

    /** The rows minus their float64 mean (as np.cov centres them). */
    private static double[][] centred(double[][] x, double[] mu) {
        double[][] c = new double[x.length][mu.length];
        for (int r = 0; r < x.length; r++) {
            for (int k = 0; k < mu.length; k++) {
                c[r][k] = x[r][k] - mu[k];
            }
        }
        return c;
    }

    /** tr np.cov of the set whose centred rows are {@code c}, added as {@link #cov} then {@code getTrace} add them. */
    private static double trace(double[][] c) {
        double t = 0;
        for (int k = 0; k < c[0].length; k++) {
            double s = 0;
            for (double[] row : c) {
                s += row[k] * row[k];
            }
            t += s / (c.length - 1);
        }
        return t;
    }

    /** The sum of the singular values of {@code a bᵀ}: √ of the eigenvalues of its smaller Gram matrix. */
    private static double nuclearNorm(double[][] a, double[][] b) {
        double[][] small = a.length <= b.length ? a : b, large = a.length <= b.length ? b : a;
        int n = small.length, m = large.length, d = small[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += small[i][k] * large[j][k];
                }
                c[i][j] = s;
            }
        }
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                for (int k = 0; k < m; k++) {
                    s += c[i][k] * c[j][k];
                }
                g[i][j] = s;
                g[j][i] = s;
            }
        }
        double tr = 0;
        for (double l : new EigenDecomposition(new Array2DRowRealMatrix(g, false)).getRealEigenvalues()) {
            tr += Math.sqrt(Math.max(l, 0));
        }
        return tr;
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

    /** calculate_avg_distance: float32 norms of float32 differences, added in float64. */
    static double averageDistance(double[][] x) {
        int n = x.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x[i].length; k++) {
                    float d = (float) x[i][k] - (float) x[j][k];
                    s += (double) d * d;
                }
                sum += (float) Math.sqrt((float) s);
            }
        }
        return sum / ((n * (double) n - n) / 2);
    }

    /** np.mean(x, axis=0) of a float32 array: rows added in float32, divided in float32. */
    private static double[] mean(double[][] x) {
        float[] m = new float[x[0].length];
        for (double[] r : x) {
            for (int k = 0; k < m.length; k++) {
                m[k] += (float) r[k];
            }
        }
        double[] out = new double[m.length];
        for (int k = 0; k < m.length; k++) {
            out[k] = m[k] / (float) x.length;
        }
        return out;
    }

    /** The float64 mean np.cov subtracts (it converts to float64 first). */
    private static double[] mu(double[][] x) {
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
        requireCount(x, min, what);
        for (double[] r : x) {
            for (double v : r) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(what + " set has a non-finite feature value");
                }
            }
        }
    }

    private static void requireCount(double[][] x, int min, String what) {
        if (x.length < min) {
            throw new IllegalArgumentException(what + " set has " + x.length + " feature vector(s); at least " + min
                    + " are needed" + (min == 2 ? " (a covariance or a pairwise distance needs two)" : ""));
        }
        for (double[] r : x) {
            requireDims(r, x[0].length);
        }
    }

    private static void requireDims(double[] row, int d) {
        if (row.length != d) {
            throw new IllegalArgumentException("feature vectors of " + row.length + " and " + d + " dimensions in one set");
        }
    }

    /** Stacks a list of vectors. */
    public static double[][] stack(List<double[]> rows) {
        return rows.toArray(double[][]::new);
    }
}
