package org.infoprob.math;

/**
 * Self-information of a class from (possibly weighted or decayed) counts, with additive
 * smoothing that reserves mass for a class never seen.
 *
 * <pre>
 *   p_x = (c_x + a) / (C + a (V + 1))     c_x count of class x, C total, V distinct classes seen
 *   I_x = -ln p_x   (nats),   I_x / ln 2   (bits),   oneIn = 1 / p_x
 * </pre>
 *
 * The {@code +1} in {@code V + 1} is the reserved slot: a first occurrence ({@code c_x = 0})
 * gets probability {@code a / (C + a (V + 1))} and a finite surprisal. For a class already seen
 * the smoothed probabilities of the V classes plus the unseen slot sum to 1.
 *
 * <pre>{@code
 * // seen: a x 3, b x 1 (C = 4, V = 2), a = 1
 * Surprisal.probability(3, 4, 2, 1.0);  // (3 + 1) / (4 + 3) = 4/7
 * Surprisal.nats(1, 4, 2, 1.0);         // -ln(2/7) = 1.2527629684953681
 * Surprisal.nats(0, 4, 2, 1.0);         // a new class: -ln(1/7) = ln 7 = 1.9459101090932196
 * Surprisal.oneIn(0, 4, 2, 1.0);        // 7.0
 * }</pre>
 *
 * <p>Computed in the log domain: {@code I = ln(den / num)}, or {@code log1p((den - num) / num)}
 * when the ratio is below 2 (a frequent class), where {@code den - num = (C - c_x) + a V} is
 * formed without cancellation. So {@code ln 0} never happens for {@code a > 0}, and a class
 * holding almost all the mass keeps a small but exact surprisal.
 *
 * <p>{@link Smoothing#GOOD_TURING} is the alternative that sizes the unseen mass by the
 * singletons seen so far.
 *
 * <p>Arguments: counts and {@code a} finite and &gt;= 0, {@code c_x <= C} (a relative slack of
 * 1e-9 absorbs rounding in decayed sums), {@code V} finite and &gt;= 0. With {@code a = 0} (no
 * smoothing) an unseen class has probability 0 and surprisal +inf, and {@code C} must be &gt; 0.
 */
public final class Surprisal {

    private static final double SLACK = 1e-9;

    private Surprisal() {}

    /** Smoothed probability {@code p_x = (c_x + a) / (C + a (V + 1))}. */
    public static double probability(double count, double total, double distinct, double alpha) {
        check(count, total, distinct, alpha);
        return (count + alpha) / denominator(total, distinct, alpha);
    }

    /** Surprisal {@code -ln p_x} in nats; +inf only for {@code a = 0} and {@code c_x = 0}. */
    public static double nats(double count, double total, double distinct, double alpha) {
        check(count, total, distinct, alpha);
        // den - num = (C - c) + a V, formed without subtracting two nearly equal numbers.
        return lnRatio(
                denominator(total, distinct, alpha),
                count + alpha,
                Math.max(0.0, total - count) + alpha * distinct);
    }

    /** Surprisal in bits: {@code -log2 p_x}. */
    public static double bits(double count, double total, double distinct, double alpha) {
        return Entropy.toBits(nats(count, total, distinct, alpha));
    }

    /** "One in N": {@code 1 / p_x}; +inf for {@code a = 0} and {@code c_x = 0}. */
    public static double oneIn(double count, double total, double distinct, double alpha) {
        check(count, total, distinct, alpha);
        double num = count + alpha;
        return num == 0.0 ? Double.POSITIVE_INFINITY : denominator(total, distinct, alpha) / num;
    }

    /**
     * {@code ln(den / num)} for {@code den >= num >= 0}, given {@code excess = den - num} formed
     * by the caller without cancellation: {@code log1p(excess / num)} when the ratio is below 2,
     * where {@code ln} of a rounded ratio near 1 would lose the digits that matter; +inf for
     * {@code num = 0}.
     */
    static double lnRatio(double den, double num, double excess) {
        if (num == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        double ratio = den / num;
        return ratio >= 2.0 ? Math.log(ratio) : Math.log1p(excess / num);
    }

    static double denominator(double total, double distinct, double alpha) {
        return total + alpha * (distinct + 1.0);
    }

    static void check(double count, double total, double distinct, double alpha) {
        nonNegative("Count", count);
        nonNegative("Total", total);
        nonNegative("Distinct class count", distinct);
        nonNegative("Smoothing alpha", alpha);
        if (count > total * (1.0 + SLACK)) {
            throw new IllegalArgumentException(
                    "Count must be <= total, was count " + count + " > total " + total);
        }
        if (alpha == 0.0 && total == 0.0) {
            throw new IllegalArgumentException(
                    "Total must be > 0 when smoothing alpha is 0 (nothing seen, nothing to estimate), was 0");
        }
    }

    static void nonNegative(String name, double value) {
        if (!(value >= 0.0) || value == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
    }
}
