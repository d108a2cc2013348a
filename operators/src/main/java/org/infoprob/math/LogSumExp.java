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
 * }</pre>
 *
 * <p>Accuracy: the sum is split as {@code (number of maxima) + (compensated sum of the rest)}
 * and its logarithm taken with {@code log1p}, so a single dominant entry keeps the tiny
 * contribution of the others; {@code m / T} keeps its FMA remainder. Edge cases follow {@link
 * Softmax}: NaN, no entries or all -inf throw {@link InvalidScoresException}; any +inf entry
 * gives +inf.
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
     *
     * @throws InvalidScoresException for empty, NaN or all -inf scores
     * @throws IllegalArgumentException for a bad temperature or length
     */
    public static double of(double[] scores, int length, double temperature) {
        double m = Softmax.checkedMax(scores, length, temperature, null);
        if (m == Double.POSITIVE_INFINITY) {
            return m;
        }
        int maxima = Softmax.countEqual(scores, length, m);
        double lnSum =
                Softmax.log1pOfSumMinusOne(
                        maxima, Softmax.sumExpBelowMax(scores, length, m, temperature, null));
        if (temperature == 1.0) {
            return m + lnSum;
        }
        double head = m / temperature;
        if (Double.isInfinite(head)) {
            return head;
        }
        double headLow = Math.fma(-head, temperature, m) / temperature;
        return head + (lnSum + headLow);
    }
}
