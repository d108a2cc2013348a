package org.infoprob.information;

/** The exact powers of two behind {@link ClassCounts}' forward decay, on integer milliseconds. */
final class ForwardDecay {

    /**
     * Scaling exponents are clamped to this: {@code 2^-2200} times any finite double is 0, so
     * the clamp changes no result and keeps the cast to int safe.
     */
    static final long MAX_EXPONENT = 2200;

    private ForwardDecay() {}

    /** {@code 2^{d/h}} for integer milliseconds, split as {@code 2^{floor(d/h)} 2^{(d mod h)/h}}. */
    static double pow2(long d, long h) {
        long k = Math.floorDiv(d, h);
        long r = Math.floorMod(d, h);
        // StrictMath: the same bits on every JVM, so a restored job repeats its outputs exactly.
        double fraction = StrictMath.pow(2.0, (double) r / (double) h);
        return Math.scalb(fraction, (int) Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, k)));
    }

    /** {@code a - b}, saturated instead of overflowing (times far apart weigh 0 either way). */
    static long difference(long a, long b) {
        long d = a - b;
        if (((a ^ b) & (a ^ d)) < 0) {
            return a < b ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return d;
    }
}
