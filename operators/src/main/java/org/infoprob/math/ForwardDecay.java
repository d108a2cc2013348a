package org.infoprob.math;

/**
 * The exact powers of two behind forward decay on integer milliseconds: the decaying class
 * counts of the information operator ({@code information.ClassCounts}) and of the SQL
 * aggregates with a half-life ({@code sql.DecayingClassCountAccumulator}), which so weigh the
 * same events with the same bits.
 *
 * <p>With half-life {@code h} the count of class j at time t is {@code c_j(t) = sum_i w_i
 * 2^{-(t - t_i)/h}} over its events i. Decaying every count on every event would cost O(V);
 * instead (Cormode, Shkapenyuk, Srivastava, Xu, "Forward Decay", ICDE 2009) each count is
 * stored relative to a landmark time L,
 *
 * <pre>
 *   g_j = sum_i w_i 2^{(t_i - L)/h},        c_j(t) = g_j 2^{-(t - L)/h}
 * </pre>
 *
 * so an event adds one term to one {@code g_j} and to the total: O(1). The stored {@code g}
 * grow like {@code 2^{(now - L)/h}}; once {@code now - L} reaches {@value
 * #RESCALE_HALF_LIVES} half-lives, L moves forward by a whole number k of half-lives
 * and every {@code g_j} (and every error) is multiplied by {@code 2^{-k}} (O(V), exact: a power
 * of two only changes the exponent), so the rescaling costs amortised O(1) per event and
 * nothing overflows or underflows. Powers {@code 2^{d/h}} are taken as {@code 2^{floor(d/h)} *
 * 2^{(d mod h)/h}} with exact integer arithmetic on milliseconds, so the rounding does not grow
 * with the distance from the landmark.
 *
 * <pre>{@code
 * double w = ForwardDecay.pow2(ForwardDecay.difference(t, landmark), halfLifeMillis); // 2^{(t - L)/h}
 * }</pre>
 */
public final class ForwardDecay {

    /** The landmark moves when {@code now - L} reaches this many half-lives. */
    public static final int RESCALE_HALF_LIVES = 256;

    /**
     * Scaling exponents are clamped to this: {@code 2^-2200} times any finite double is 0, so
     * the clamp changes no result and keeps the cast to int safe.
     */
    public static final long MAX_EXPONENT = 2200;

    private ForwardDecay() {}

    /** {@code 2^{d/h}} for integer milliseconds, split as {@code 2^{floor(d/h)} 2^{(d mod h)/h}}. */
    public static double pow2(long d, long h) {
        long k = Math.floorDiv(d, h);
        long r = Math.floorMod(d, h);
        // StrictMath: the same bits on every JVM, so a restored job repeats its outputs exactly.
        double fraction = StrictMath.pow(2.0, (double) r / (double) h);
        return Math.scalb(fraction, (int) Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, k)));
    }

    /**
     * The landmark move due once "now" has reached {@code now}: the whole number k of
     * half-lives that L moves forward, 0 while {@code now - L} is below {@value
     * #RESCALE_HALF_LIVES} half-lives. After a move of k &gt; 0, every stored weight is scaled
     * by {@code 2^}{@link #rescaleExponent}{@code (k)} and L becomes {@link #movedLandmark}.
     */
    public static long halfLivesToMove(long now, long landmark, long halfLifeMillis) {
        long behind = difference(now, landmark) / halfLifeMillis;
        return behind >= RESCALE_HALF_LIVES ? behind : 0L;
    }

    /**
     * The landmark after a move of k half-lives: {@code L + k h}, or {@code now} beyond
     * {@value #MAX_EXPONENT} half-lives, where every weight is 0 whatever the landmark (now
     * keeps it near).
     */
    public static long movedLandmark(long now, long landmark, long k, long halfLifeMillis) {
        return k >= MAX_EXPONENT ? now : landmark + k * halfLifeMillis;
    }

    /** The binary exponent stored weights are scaled by after a move of k half-lives: {@code -min(k, MAX_EXPONENT)}. */
    public static int rescaleExponent(long k) {
        return (int) -Math.min(MAX_EXPONENT, k);
    }

    /** {@code a - b}, saturated instead of overflowing (times far apart weigh 0 either way). */
    public static long difference(long a, long b) {
        long d = a - b;
        if (((a ^ b) & (a ^ d)) < 0) {
            return a < b ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return d;
    }
}
