package org.infoprob.math;

/**
 * The logistic sigmoid with temperature, its logarithm and its inverse (logit): the two-class
 * case of the {@link Softmax}, {@code sigmoid(t) = softmax({0, t})_1}.
 *
 * <pre>
 *   sigmoid(x; T)     = 1 / (1 + e^{-x/T})          for x &gt;= 0
 *                     = e^{x/T} / (1 + e^{x/T})      for x &lt; 0   (never forms e^{+large})
 *   log-sigmoid(x; T) = -log1p(e^{-x/T})            for x &gt;= 0
 *                     = x/T - log1p(e^{x/T})         for x &lt; 0
 *   logit(p; T)       = T ln(p / (1 - p))
 * </pre>
 *
 * <pre>{@code
 * Sigmoid.sigmoid(0.0);            // 0.5
 * Sigmoid.sigmoid(2.0, 2.0);       // 1 / (1 + e^-1) = 0.7310585786300049
 * Sigmoid.logSigmoid(-1000.0);     // -1000.0, not -inf
 * Sigmoid.logit(0.75);             // ln 3 = 1.0986122886681098
 * }</pre>
 *
 * <p>Accuracy: each branch exponentiates a non-positive number only; {@code x / T} keeps its
 * FMA remainder so that large |x/T| lose no relative accuracy; measured within 4 ulp of a
 * 50-digit reference. For {@code T = 1}, {@code sigmoid(t)} and {@link
 * Softmax#probabilities(double[])} of {@code {0, t}} perform the same operations and agree
 * bit for bit.
 *
 * <p>Non-finite input: {@code sigmoid(+inf) = 1}, {@code sigmoid(-inf) = 0}, {@code
 * log-sigmoid(-inf) = -inf}, {@code log-sigmoid(+inf) = 0.0} (a log-sigmoid is never {@code
 * -0.0}); NaN throws {@link InvalidScoresException} (kind {@code NAN}). A
 * temperature that is not finite and &gt; 0 throws {@link IllegalArgumentException}.
 */
public final class Sigmoid {

    private Sigmoid() {}

    /** {@code sigmoid(x; 1)}. */
    public static double sigmoid(double x) {
        return sigmoid(x, 1.0);
    }

    /**
     * {@code sigmoid(x; T)}, the probability of the positive class for score {@code x}.
     *
     * @throws InvalidScoresException if {@code x} is NaN
     * @throws IllegalArgumentException if {@code temperature} is not finite and &gt; 0
     */
    public static double sigmoid(double x, double temperature) {
        checkScore(x);
        Checks.temperature(temperature);
        if (x >= 0) {
            double e = expNegAbs(x, temperature);
            return 1.0 / (1.0 + e);
        }
        double e = expNegAbs(x, temperature);
        return e / (1.0 + e);
    }

    /** {@code ln sigmoid(x; 1)}. */
    public static double logSigmoid(double x) {
        return logSigmoid(x, 1.0);
    }

    /**
     * {@code ln sigmoid(x; T)}, never computed as {@code ln(sigmoid)}: {@code logSigmoid(-1000)}
     * is {@code -1000}, and {@code logSigmoid(40)} is {@code -4.248354255291589E-18}, not 0.
     *
     * @throws InvalidScoresException if {@code x} is NaN
     * @throws IllegalArgumentException if {@code temperature} is not finite and &gt; 0
     */
    public static double logSigmoid(double x, double temperature) {
        checkScore(x);
        Checks.temperature(temperature);
        if (x >= 0) {
            return negativeLog1p(expNegAbs(x, temperature));
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return x;
        }
        return ShiftedExponent.rounded(x, 0.0, temperature) - Math.log1p(expNegAbs(x, temperature));
    }

    /**
     * Both classes of a binary score at once: {@code p = {sigmoid(-x; T), sigmoid(x; T)}} and,
     * when {@code logp} is not null, {@code logp = {logSigmoid(-x; T), logSigmoid(x; T)}}, the
     * same bits as those four calls but from one exponential and one {@code log1p}: all four
     * share {@code e = exp(-|x| / T)}.
     *
     * @param p receives the two probabilities (length &gt;= 2)
     * @param logp receives the two log-probabilities (length &gt;= 2), or null
     * @throws InvalidScoresException if {@code x} is NaN
     * @throws IllegalArgumentException if {@code temperature} is not finite and &gt; 0, or a
     *     buffer is null or shorter than 2
     */
    public static void pair(double x, double temperature, double[] p, double[] logp) {
        checkScore(x);
        Checks.temperature(temperature);
        Checks.buffer("p", p, 2);
        if (logp != null) {
            Checks.buffer("logp", logp, 2);
        }
        double e = expNegAbs(x, temperature);
        double onePlusE = 1.0 + e;
        double big = 1.0 / onePlusE;
        double small = e / onePlusE;
        // For x >= 0 (-0.0 included) sigmoid(x) is the big one; at x = +-0, e = 1 and both
        // are 1/2, as sigmoid(+-0) are.
        boolean positive = x >= 0;
        p[0] = positive ? small : big;
        p[1] = positive ? big : small;
        if (logp == null) {
            return;
        }
        double lnBig = negativeLog1p(e);
        // log-sigmoid(-|x|), as logSigmoid computes it; -inf for infinite x.
        double lnSmall =
                Double.isInfinite(x)
                        ? Double.NEGATIVE_INFINITY
                        : ShiftedExponent.rounded(-Math.abs(x), 0.0, temperature) - Math.log1p(e);
        logp[0] = positive ? lnSmall : lnBig;
        logp[1] = positive ? lnBig : lnSmall;
    }

    /** {@code logit(p; 1) = ln(p / (1 - p))}. */
    public static double logit(double p) {
        return logit(p, 1.0);
    }

    /**
     * The inverse of {@link #sigmoid(double, double)}: {@code T ln(p / (1 - p))}. {@code
     * logit(0) = -inf}, {@code logit(1) = +inf}, {@code logit(0.5) = 0}.
     *
     * <p>Near {@code p = 1/2} the ratio is close to 1 and the log is taken as {@code
     * log1p((p - (1 - p)) / (1 - p))}; {@code 1 - p} is exact for {@code p >= 1/2}.
     *
     * @throws IllegalArgumentException if {@code p} is not in {@code [0, 1]} or the temperature
     *     is not finite and &gt; 0
     */
    public static double logit(double p, double temperature) {
        if (!(p >= 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("Probability must be in [0, 1], was " + p);
        }
        Checks.temperature(temperature);
        double q = 1.0 - p;
        double ratio = p / q;
        double log;
        if (ratio > 0.5 && ratio < 2.0) {
            // p - q is exact here (Sterbenz: p and q within a factor 2), so log1p sees the
            // true small ratio - 1 instead of a rounded ratio near 1.
            log = Math.log1p((p - q) / q);
        } else {
            log = Math.log(ratio);
        }
        return temperature * log;
    }

    /** {@code exp(-|x| / t)} with the remainder of the division folded in; 0 for infinite x. */
    private static double expNegAbs(double x, double t) {
        return ShiftedExponent.exp(-Math.abs(x), 0.0, t);
    }

    /** {@code -log1p(e)}, but {@code +0.0} for {@code e = 0}: a log-probability is never -0.0. */
    private static double negativeLog1p(double e) {
        return 0.0 - Math.log1p(e);
    }

    private static void checkScore(double x) {
        if (x != x) {
            throw InvalidScoresException.nan(0);
        }
    }
}
