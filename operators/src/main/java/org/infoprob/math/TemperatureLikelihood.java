package org.infoprob.math;

/**
 * The weighted negative log-likelihood of temperature scaling and its derivatives in {@code beta
 * = 1/T}, summed over a {@link DecayingWindow} in one pass (see {@link TemperatureScaling} for
 * the formulas and which examples are skipped). The scratch rows are allocated once per fit.
 */
final class TemperatureLikelihood {
    private final double[] row;
    private final double[] p;
    private final double[] logp;
    /** {@code NLL'(beta) = sum w (E_p[s] - s_y)}. */
    double gradient;
    /** {@code NLL''(beta) = sum w Var_p[s]}, the (weighted) Fisher information. */
    double curvature;
    /** {@code sum w^2 Var_p[s]}, for the standard error under decay. */
    double curvatureSquaredWeights;
    /** {@code sum w (-ln p_y)}. */
    double nll;
    /** {@code sum w} over the usable examples. */
    double weight;
    /** Examples not skipped: no +inf entry, and the label scored above -inf. */
    int used;
    /** Usable examples with two different finite scores: the ones that carry information. */
    int informative;

    TemperatureLikelihood(int classes) {
        row = new double[classes];
        p = new double[classes];
        logp = new double[classes];
    }

    void run(DecayingWindow window, double beta) {
        gradient = 0;
        curvature = 0;
        curvatureSquaredWeights = 0;
        nll = 0;
        weight = 0;
        used = 0;
        informative = 0;
        int k = row.length;
        double[] values = window.values();
        double ratio = window.ratio();
        double w = 1.0;
        double temperature = 1.0 / beta;
        for (int age = 0; age < window.size(); age++, w *= ratio) {
            System.arraycopy(values, window.offset(age), row, 0, k);
            int y = window.label(age);
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                double s = row[i];
                max = Math.max(max, s);
                if (s > Double.NEGATIVE_INFINITY) {
                    min = Math.min(min, s);
                }
            }
            if (max == Double.POSITIVE_INFINITY || row[y] == Double.NEGATIVE_INFINITY) {
                continue;
            }
            used++;
            if (min == max) {
                // All finite scores equal: p is uniform over them at every T.
                nll += w * -Math.log(countFinite(row));
                weight += w;
                continue;
            }
            informative++;
            Softmax.probabilitiesAndLogs(row, k, temperature, p, logp);
            // Moments of d = s - max (finite entries only; -inf entries have p = 0).
            double mean = 0;
            for (int i = 0; i < k; i++) {
                if (row[i] > Double.NEGATIVE_INFINITY) {
                    mean += p[i] * (row[i] - max);
                }
            }
            double variance = 0;
            for (int i = 0; i < k; i++) {
                if (row[i] > Double.NEGATIVE_INFINITY) {
                    double c = row[i] - max - mean;
                    variance += p[i] * c * c;
                }
            }
            gradient += w * (mean - (row[y] - max));
            curvature += w * variance;
            curvatureSquaredWeights += w * w * variance;
            nll += w * -logp[y];
            weight += w;
        }
    }

    private static int countFinite(double[] row) {
        int n = 0;
        for (double s : row) {
            if (s > Double.NEGATIVE_INFINITY) {
                n++;
            }
        }
        return n;
    }
}
