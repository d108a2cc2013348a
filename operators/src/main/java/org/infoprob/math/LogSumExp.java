package org.infoprob.math;

/**
 * Log-sum-exp with temperature, the normaliser of the softmax.
 *
 * <pre>
 *   lse(s; T) = ln sum_j exp(s_j / T) = m / T + ln sum_j exp((s_j - m) / T),   m = max_j s_j
 * </pre>
 *
 * <pre>{@code
 * LogSumExp.of(new double[] {0.0, -40.0});   // 4.248354255291589E-18 = log1p(e^-40), not 0
 * LogSumExp.of(new double[] {1e308, 1e308}); // 1e308 + ln 2 = 1e308, no overflow
 * LogSumExp.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}); // ln 0 = -inf
 * }</pre>
 *
 * <p>Accuracy: the sum is split as {@code (number of maxima) + (compensated sum of the rest)}
 * and its logarithm taken with {@code log1p}, so a single dominant entry keeps the tiny
 * contribution of the others; the exponents {@code (s_j - m) / T} are formed as in {@link
 * Softmax} ({@code ShiftedExponent}), and {@code m / T} keeps its FMA remainder. Measured against
 * a 50-digit BigDecimal reference: within 4 ulp, or 1e-15 absolute where {@code m / T} and the
 * logarithm of the sum cancel (see {@code SoftmaxAccuracyTest}).
 *
 * <p>Edge cases: every entry -inf gives -inf ({@code ln 0}); any +inf entry gives +inf; NaN or
 * no entries throw {@link InvalidScoresException} (kinds {@code NAN}, {@code EMPTY}).
 */
public final class LogSumExp {

    private LogSumExp() {}

    /** {@code ln sum_j exp(s_j)}. */
    public static double of(double[] scores) {
        return of(scores, 1.0);
    }

    /** {@code ln sum_j exp(s_j / T)}. */
    public static double of(double[] scores, double temperature) {
        Checks.notNull("scores", scores);
        return of(scores, scores.length, temperature);
    }

    /**
     * {@code ln sum_j exp(s_j / T)} over the first {@code length} scores; allocates nothing.
     * -inf when all of them are -inf, +inf when one is +inf.
     *
     * @throws InvalidScoresException for empty or NaN scores
     * @throws IllegalArgumentException for a bad temperature or length
     */
    public static double of(double[] scores, int length, double temperature) {
        Checks.length("scores", scores, length);
        Checks.temperature(temperature);
        double m = Softmax.maxOrNegativeInfinity(scores, length);
        if (Double.isInfinite(m)) {
            return m;
        }
        int maxima = Softmax.countEqual(scores, length, m);
        double lnSum =
                Softmax.log1pOfSumMinusOne(
                        maxima, Softmax.sumExpBelowMax(scores, length, m, temperature, null));
        if (temperature == 1.0) {
            return m + lnSum;
        }
        double mk = m;
        double tk = temperature;
        if (tk < ShiftedExponent.TINY_TEMPERATURE) {
            // As in ShiftedExponent: the remainder of m / T must not underflow. Exact; where
            // m overflows, so does m / T.
            mk *= ShiftedExponent.TINY_SCALE;
            tk *= ShiftedExponent.TINY_SCALE;
        }
        double head = mk / tk;
        if (Double.isInfinite(head)) {
            return head;
        }
        double headLow = Math.fma(-head, tk, mk) / tk;
        return head + (lnSum + headLow);
    }
}
