package org.infoprob.math;

/**
 * Softmax with temperature: turns a vector of real scores into a probability distribution.
 *
 * <pre>
 *   softmax(s; T)_i = exp((s_i - m) / T) / sum_j exp((s_j - m) / T),   m = max_j s_j,  T &gt; 0
 *   log-softmax(s; T)_i = (s_i - m) / T - ln sum_j exp((s_j - m) / T)
 * </pre>
 *
 * <p>Usage:
 *
 * <pre>{@code
 * double[] p = Softmax.probabilities(new double[] {2.0, 1.0, -0.5});   // {0.6897, 0.2537, 0.0566}
 * double[] logp = Softmax.logProbabilities(new double[] {0.0, -1000.0}); // {0.0, -1000.0}
 *
 * // Hot path: no allocation, buffers owned by the caller, only the first k entries used.
 * Softmax.probabilities(scores, k, temperature, probabilitiesBuffer);
 * }</pre>
 *
 * <h2>Accuracy</h2>
 *
 * Shifting by the maximum keeps every exponent &lt;= 0, so nothing overflows. The shifted,
 * scaled exponent {@code (s_i - m) / T} is carried as an unevaluated sum of two doubles (exact
 * two-sum for the subtraction, an FMA remainder for the division; {@code ShiftedExponent}) and
 * its low part is folded into {@code exp} as {@code exp(hi) (1 + lo)}: without that, rounding
 * {@code s_i - m} alone would cost up to |s_i - m| ulps of relative error (hundreds of ulps near
 * the underflow threshold). That holds over the whole double range: where {@code s_i - m}
 * itself overflows (scores near &plusmn;{@code Double.MAX_VALUE}, {@code T > 1}) and for tiny or
 * subnormal temperatures. The normalising sum is compensated ({@link TwoSum}) and kept apart
 * from the maxima, so {@code ln sum} is taken with {@code log1p} and stays exact to the last
 * bit when one class dominates. Measured against a 50-digit BigDecimal reference, the
 * probabilities and the log-probabilities are within 4 ulp (relative: the dominant class's
 * log-probability {@code -log1p(rest)} too, however close to 0), for scores up to &plusmn;{@code
 * Double.MAX_VALUE} and temperatures from {@code Double.MIN_VALUE} to {@code Double.MAX_VALUE}
 * (see {@code SoftmaxAccuracyTest}). A log-probability is never {@code -0.0}.
 *
 * <h2>Non-finite input</h2>
 *
 * <ul>
 *   <li>NaN anywhere: {@link InvalidScoresException} of kind {@code NAN}.
 *   <li>Entries equal to +inf: they share the whole mass equally (the limit as those scores
 *       grow together); every other entry gets 0 (log: -inf).
 *   <li>Entries equal to -inf: probability 0 (log-probability -inf).
 *   <li>All entries -inf: {@link InvalidScoresException} of kind {@code ALL_NEGATIVE_INFINITY}
 *       (no distribution; {@link LogSumExp} gives {@code ln 0 = -inf}).
 *   <li>No entries: {@link InvalidScoresException} of kind {@code EMPTY}.
 * </ul>
 *
 * Arguments rather than data at fault (a temperature that is not finite and &gt; 0, a null or
 * too short buffer, a length out of range) throw a plain {@link IllegalArgumentException}.
 *
 * <p>The output buffer may be the score array itself (in-place).
 *
 * <h2>Kernels</h2>
 *
 * Started with {@code --add-modules jdk.incubator.vector} on a machine with vectors of 4 or more
 * doubles, the JVM runs these formulas on the JDK Vector API (same bounds, measured by the same
 * tests; the last bit may differ from the scalar kernel's); {@link #kernel()} says which kernel
 * runs.
 */
public final class Softmax {

    private Softmax() {}

    /** {@code softmax(scores; 1)}; allocates the result. See {@link #probabilities(double[], int, double, double[])}. */
    public static double[] probabilities(double[] scores) {
        return probabilities(scores, 1.0);
    }

    /** {@code softmax(scores; temperature)}; allocates the result. See {@link #probabilities(double[], int, double, double[])}. */
    public static double[] probabilities(double[] scores, double temperature) {
        Checks.notNull("scores", scores);
        double[] out = new double[scores.length];
        probabilities(scores, scores.length, temperature, out);
        return out;
    }

    /**
     * Writes {@code softmax(scores; temperature)} into {@code out}, which must have the same
     * length as {@code scores}. See {@link #probabilities(double[], int, double, double[])}.
     */
    public static void probabilities(double[] scores, double temperature, double[] out) {
        Checks.notNull("scores", scores);
        Checks.sameLength("out", out, scores);
        probabilities(scores, scores.length, temperature, out);
    }

    /**
     * Writes the softmax of the first {@code length} scores into the first {@code length}
     * entries of {@code out}; allocates nothing.
     *
     * <p>{@code p_i = exp((s_i - m) / T) / sum_j exp((s_j - m) / T)} with {@code m = max s_j}.
     * Example: scores {@code {0, ln 3}} at {@code T = 1} give {@code {0.25, 0.75}}; at {@code T
     * -> 0} the result tends to one-hot on the arg-max, at {@code T -> inf} to uniform.
     *
     * @param scores the scores; only the first {@code length} entries are read
     * @param length how many scores, in {@code [1, scores.length]}
     * @param temperature {@code T}, finite and &gt; 0
     * @param out receives the probabilities; length &gt;= {@code length}; may be {@code scores}
     * @throws InvalidScoresException for empty, NaN or all -inf scores
     * @throws IllegalArgumentException for a bad temperature, length or buffer
     */
    public static void probabilities(double[] scores, int length, double temperature, double[] out) {
        double m = checkedMax(scores, length, temperature, out);
        if (m == Double.POSITIVE_INFINITY) {
            shareInfiniteMass(scores, length, out, false);
            return;
        }
        expAndNormalize(scores, length, m, temperature, out);
    }

    /**
     * Writes the softmax of the first {@code length} scores into {@code out} and their
     * log-softmax into {@code logOut} in one pass of exponentials: the same values, bit for bit,
     * as {@link #probabilities(double[], int, double, double[])} followed by {@link
     * #logProbabilities(double[], int, double, double[])}, at about the cost of the first alone.
     * Allocates nothing.
     *
     * @param out receives the probabilities; length &gt;= {@code length}; not {@code scores}
     * @param logOut receives the log-probabilities; length &gt;= {@code length}; not {@code
     *     scores} and not {@code out}
     * @throws InvalidScoresException for empty, NaN or all -inf scores
     * @throws IllegalArgumentException for a bad temperature, length or buffer, or buffers that
     *     alias each other or the scores
     */
    public static void probabilitiesAndLogs(
            double[] scores, int length, double temperature, double[] out, double[] logOut) {
        double m = checkedMax(scores, length, temperature, out);
        Checks.buffer("logOut", logOut, length);
        if (out == scores || logOut == scores || logOut == out) {
            throw new IllegalArgumentException(
                    "Buffers out and logOut must be distinct arrays, and not the scores");
        }
        if (m == Double.POSITIVE_INFINITY) {
            shareInfiniteMass(scores, length, out, false);
            shareInfiniteMass(scores, length, logOut, true);
            return;
        }
        double rest = expAndNormalize(scores, length, m, temperature, out);
        int maxima = countEqual(scores, length, m);
        writeLogs(scores, length, m, temperature, log1pOfSumMinusOne(maxima, rest), logOut);
    }

    /**
     * Which kernel this JVM uses: {@code "scalar"} (with the reason), or {@code "vector (...)"}
     * with the lanes, when the JVM was started with {@code --add-modules jdk.incubator.vector}
     * on a machine with vectors of at least 4 doubles (AVX2, AVX-512). The vector kernel applies
     * the same formulas lane by lane (same accuracy bounds; on AVX-512 1.3x faster at K = 10, 2.8x
     * at K = 100, 3.4x at K = 1000); vectors shorter than one full vector take the scalar
     * kernel. {@code -Dinfoprob.vector=false} turns it off. Meant for logs: the softmax operator
     * logs it once per JVM.
     */
    public static String kernel() {
        return VectorSupport.describe();
    }

    /** {@code logOut[i] = (s_i - m) / T - lnSum}. */
    private static void writeLogs(
            double[] scores, int length, double m, double t, double lnSum, double[] logOut) {
        if (length >= VectorSupport.minLength()) {
            VectorKernel.logs(scores, length, m, t, lnSum, logOut);
            return;
        }
        for (int i = 0; i < length; i++) {
            logOut[i] = ShiftedExponent.rounded(scores[i], m, t) - lnSum;
        }
    }

    /**
     * The softmax kernel for a finite maximum {@code m}, in two passes: {@code e_i = exp((s_i -
     * m) / T)} into {@code out} (exactly 1 for the maxima, counted in the same pass) with their
     * compensated sum, then {@code out[i] = e_i / sum}. Returns the compensated sum of the
     * entries below the maximum (as {@link #sumExpBelowMax} does).
     */
    private static double expAndNormalize(
            double[] scores, int length, double m, double t, double[] out) {
        if (length >= VectorSupport.minLength()) {
            // Counted before the exp pass: out may be scores.
            int maxima = VectorKernel.countEqual(scores, length, m);
            double rest = VectorKernel.sumExpBelowMax(scores, length, m, t, out);
            VectorKernel.divide(out, length, maxima + rest);
            return rest;
        }
        int maxima = 0;
        double sum = 0.0;
        double compensation = 0.0;
        for (int i = 0; i < length; i++) {
            double s = scores[i];
            double e;
            if (s == m) {
                e = 1.0;
                maxima++;
            } else {
                e = ShiftedExponent.exp(s, m, t);
                // Compensated: keeps the low-order bits that sum + e drops.
                double next = sum + e;
                compensation += TwoSum.sumError(sum, e, next);
                sum = next;
            }
            out[i] = e;
        }
        double rest = sum + compensation;
        double total = maxima + rest;
        // Division-free quotient: q = e * (1/total) is within an ulp of e / total, and one FMA
        // step with the exact remainder e - q total rounds it to the correctly rounded quotient
        // (Markstein); multiplications pipeline where a division per entry would not.
        double reciprocal = 1.0 / total;
        for (int i = 0; i < length; i++) {
            double e = out[i];
            double q = e * reciprocal;
            out[i] = Math.fma(Math.fma(-q, total, e), reciprocal, q);
        }
        return rest;
    }

    /** {@code log-softmax(scores; 1)}; allocates the result. */
    public static double[] logProbabilities(double[] scores) {
        return logProbabilities(scores, 1.0);
    }

    /** {@code log-softmax(scores; temperature)}; allocates the result. */
    public static double[] logProbabilities(double[] scores, double temperature) {
        Checks.notNull("scores", scores);
        double[] out = new double[scores.length];
        logProbabilities(scores, scores.length, temperature, out);
        return out;
    }

    /** Writes {@code log-softmax(scores; temperature)} into {@code out} (same length as scores). */
    public static void logProbabilities(double[] scores, double temperature, double[] out) {
        Checks.notNull("scores", scores);
        Checks.sameLength("out", out, scores);
        logProbabilities(scores, scores.length, temperature, out);
    }

    /**
     * Writes the log-softmax of the first {@code length} scores into {@code out}; allocates
     * nothing.
     *
     * <p>{@code ln p_i = (s_i - m) / T - ln sum_j exp((s_j - m) / T)}, computed directly and
     * never as {@code ln(softmax)}: {@code log-softmax({0, -1000})} is {@code {0.0, -1000.0}}
     * where {@code ln(softmax)} would give {@code -inf}, and {@code log-softmax({0, -40})[0]} is
     * {@code -log1p(e^-40) = -4.248354255291589E-18}, not 0. Entries of -inf give -inf; when
     * some entries are +inf, those get {@code -ln(count)} (0.0 for one) and the others -inf.
     * Never {@code -0.0}.
     *
     * @throws InvalidScoresException for empty, NaN or all -inf scores
     * @throws IllegalArgumentException for a bad temperature, length or buffer
     */
    public static void logProbabilities(
            double[] scores, int length, double temperature, double[] out) {
        double m = checkedMax(scores, length, temperature, out);
        if (m == Double.POSITIVE_INFINITY) {
            shareInfiniteMass(scores, length, out, true);
            return;
        }
        int maxima = countEqual(scores, length, m);
        // out may be scores (in-place): the sum must not write into it, the loop below reads
        // the scores again.
        double lnSum = log1pOfSumMinusOne(maxima, sumExpBelowMax(scores, length, m, temperature, null));
        writeLogs(scores, length, m, temperature, lnSum, out);
    }

    // ---------------------------------------------------------------------------------------
    // Kernel shared with LogSumExp.

    /** Validates arguments and data; returns the maximum of the first {@code length} scores. */
    static double checkedMax(double[] scores, int length, double temperature, double[] out) {
        Checks.length("scores", scores, length);
        Checks.temperature(temperature);
        if (out != null) {
            Checks.buffer("out", out, length);
        }
        return max(scores, length);
    }

    /** Maximum of the first {@code length} entries; rejects empty, NaN and all -inf. */
    static double max(double[] scores, int length) {
        double m = maxOrNegativeInfinity(scores, length);
        if (m == Double.NEGATIVE_INFINITY) {
            throw InvalidScoresException.allNegativeInfinity(length);
        }
        return m;
    }

    /** Maximum of the first {@code length} entries, -inf if all are; rejects empty and NaN. */
    static double maxOrNegativeInfinity(double[] scores, int length) {
        if (length == 0) {
            throw InvalidScoresException.empty();
        }
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            double s = scores[i];
            if (s != s) {
                throw InvalidScoresException.nan(i);
            }
            if (s > m) {
                m = s;
            }
        }
        return m;
    }

    static int countEqual(double[] scores, int length, double m) {
        if (length >= VectorSupport.minLength()) {
            return VectorKernel.countEqual(scores, length, m);
        }
        int n = 0;
        for (int i = 0; i < length; i++) {
            if (scores[i] == m) {
                n++;
            }
        }
        return n;
    }

    /**
     * Stores {@code e_i = exp((s_i - m) / T)} in {@code out} (exactly 1 for the maxima, so the
     * maxima may be counted apart) and returns the compensated sum of the entries below the
     * maximum. With {@code out == null} only the sum is computed.
     */
    static double sumExpBelowMax(double[] scores, int length, double m, double t, double[] out) {
        if (length >= VectorSupport.minLength()) {
            return VectorKernel.sumExpBelowMax(scores, length, m, t, out);
        }
        return sumExpBelowMax(scores, 0, length, m, t, out, 0.0, 0.0);
    }

    /**
     * {@link #sumExpBelowMax(double[], int, double, double, double[])} over the entries {@code
     * [from, length)}, continuing a compensated sum {@code sum + compensation} (the vector
     * kernel's tail).
     */
    static double sumExpBelowMax(
            double[] scores, int from, int length, double m, double t, double[] out,
            double sum, double compensation) {
        for (int i = from; i < length; i++) {
            double s = scores[i];
            double e;
            if (s == m) {
                e = 1.0;
            } else {
                e = ShiftedExponent.exp(s, m, t);
                // Compensated: keeps the low-order bits that sum + e drops.
                double next = sum + e;
                compensation += TwoSum.sumError(sum, e, next);
                sum = next;
            }
            if (out != null) {
                out[i] = e;
            }
        }
        return sum + compensation;
    }

    /**
     * {@code ln(maxima + rest)} where every maximum contributes exactly 1: taken as {@code
     * log1p((maxima - 1) + rest)} so that a sum of {@code 1 + tiny} keeps its tiny part.
     */
    static double log1pOfSumMinusOne(int maxima, double rest) {
        return Math.log1p((maxima - 1) + rest);
    }

    /** The +inf entries share the mass equally; everything else gets 0 (or -inf as a log). */
    private static void shareInfiniteMass(double[] scores, int length, double[] out, boolean log) {
        int count = countEqual(scores, length, Double.POSITIVE_INFINITY);
        // -ln 1 would be -0.0; a log-probability is never -0.0.
        double share = log ? (count == 1 ? 0.0 : -Math.log(count)) : 1.0 / count;
        double rest = log ? Double.NEGATIVE_INFINITY : 0.0;
        for (int i = 0; i < length; i++) {
            out[i] = scores[i] == Double.POSITIVE_INFINITY ? share : rest;
        }
    }
}
