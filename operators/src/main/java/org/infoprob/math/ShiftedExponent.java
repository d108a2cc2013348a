package org.infoprob.math;

/**
 * The shifted, scaled exponent {@code q = (s - m) / T} of the softmax family, formed without
 * losing its low-order bits, and {@code exp(q)} from it: the one place where {@link Softmax}'s
 * scalar kernel, {@link LogSumExp} and {@link Sigmoid} form {@code s - m} and divide by {@code T}
 * ({@link VectorKernel} does the same lane by lane, with the regimes below chosen per call).
 *
 * <pre>
 *   d + dLow = s - m                     exactly (two-sum, {@link TwoSum#error})
 *   q + qLow = (d + dLow) / T            q = fl(d / T), qLow = (fma(-q, T, d) + dLow) / T
 *   exp(q + qLow) ~= exp(q) + exp(q) qLow              (|qLow| &lt;= ulp(q), one FMA)
 * </pre>
 *
 * Rounding {@code s - m} or {@code d / T} alone would cost up to {@code |q|} ulps of relative
 * error in {@code exp} (hundreds near the underflow threshold, {@code q ~ -745}); the FMA
 * remainder {@code d - q T} is exact as long as it does not underflow. Two regimes need more:
 *
 * <ul>
 *   <li><b>{@code s - m} beyond the double range</b> ({@code |s - m| > Double.MAX_VALUE}, so
 *       {@code m >= 2^970} and {@code s <= -2^970}) while {@code q} is not, as in {@code
 *       softmax({1e308, -1e308}; 1e308)}: for {@code T > 1} the exponent is formed as {@code (s/2
 *       - m/2) / (T/2)}, every halving exact at these magnitudes. For {@code T <= 1}, {@code |q|
 *       >= |s - m|} rounds to infinity: {@code exp(q) = 0}, {@code q = -inf}.
 *   <li><b>{@code T < 2^-900}</b> (subnormal temperatures included): the remainder {@code d - q
 *       T} can fall below the subnormal spacing and round; {@code d}, {@code dLow} and {@code T}
 *       are scaled up by {@code 2^600} first (exact; where {@code d} overflows, so does {@code
 *       q}).
 * </ul>
 *
 * The first regime costs nothing on the usual path (it sits behind the test for {@code s = -inf}
 * that is there anyway), the second one comparison per entry when {@code T != 1}.
 */
final class ShiftedExponent {

    /**
     * {@code s - m} can overflow only when the maximum {@code m} is at least half an ulp of
     * {@code Double.MAX_VALUE}, {@code 2^970}.
     */
    static final double FAR = 0x1p970;

    /** Temperatures below this scale the division by {@link #TINY_SCALE}. */
    static final double TINY_TEMPERATURE = 0x1p-900;

    /** Exact scale for tiny temperatures: {@code T 2^600 >= 2^-474} is normal again. */
    static final double TINY_SCALE = 0x1p600;

    private ShiftedExponent() {}

    /** Whether {@code s - m} may leave the double range while {@code (s - m) / t} does not. */
    static boolean mayOverflow(double m, double t) {
        return t > 1.0 && m >= FAR;
    }

    /**
     * {@code exp((s - m) / t)} for {@code s <= m}, {@code m} finite, with the low part of the
     * exponent folded in; 0 for {@code s = -inf} and wherever the exponential underflows.
     */
    static double exp(double s, double m, double t) {
        double d = s - m;
        if (d == Double.NEGATIVE_INFINITY) {
            return s == Double.NEGATIVE_INFINITY || t <= 1.0 ? 0.0 : exp(0.5 * s, 0.5 * m, 0.5 * t);
        }
        double dLow = TwoSum.error(s, -m, d);
        double q = d;
        double qLow = dLow;
        if (t != 1.0) {
            double tk = t;
            if (t < TINY_TEMPERATURE) {
                d *= TINY_SCALE;
                dLow *= TINY_SCALE;
                tk *= TINY_SCALE;
            }
            q = d / tk;
            qLow = (Math.fma(-q, tk, d) + dLow) / tk;
        }
        double e = Math.exp(q);
        // An underflowed exp stays 0 (its qLow may be NaN when q = -inf).
        return e == 0.0 ? 0.0 : Math.fma(e, qLow, e);
    }

    /**
     * {@code (s - m) / t} for {@code s <= m}, {@code m} finite, rounded once from its two-part
     * value: {@code +0.0} for {@code s = m} (never {@code -0.0}), -inf for {@code s = -inf} and
     * where the quotient is below {@code -Double.MAX_VALUE}.
     */
    static double rounded(double s, double m, double t) {
        double d = s - m;
        if (d == 0.0) {
            // -0.0 - 0.0 is -0.0; a log-probability is never -0.0.
            return 0.0;
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return s == Double.NEGATIVE_INFINITY || t <= 1.0 ? d : rounded(0.5 * s, 0.5 * m, 0.5 * t);
        }
        double dLow = TwoSum.error(s, -m, d);
        if (t == 1.0) {
            return d + dLow;
        }
        double tk = t;
        if (t < TINY_TEMPERATURE) {
            d *= TINY_SCALE;
            dLow *= TINY_SCALE;
            tk *= TINY_SCALE;
        }
        double q = d / tk;
        if (q == Double.NEGATIVE_INFINITY) {
            // The remainder would be inf - inf.
            return q;
        }
        return q + (Math.fma(-q, tk, d) + dLow) / tk;
    }
}
