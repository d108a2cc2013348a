package org.infoprob.math;

import java.util.Arrays;

/**
 * Arg-max, top-k and the margin between the two highest values of a vector (scores or
 * probabilities: softmax is monotone, so both rank alike).
 *
 * <pre>{@code
 * double[] p = {0.2, 0.5, 0.3};
 * Ranking.argmax(p);       // 1
 * Ranking.topK(p, 2);      // {1, 2}
 * Ranking.margin(p);       // 0.5 - 0.3 = 0.2
 * }</pre>
 *
 * <p>Ties go to the lower index, so results are deterministic. NaN entries are rejected with
 * {@link InvalidScoresException} (kind {@code NAN}); infinities rank as usual.
 */
public final class Ranking {

    private Ranking() {}

    /** Index of the largest entry (the first one on ties). */
    public static int argmax(double[] values) {
        Checks.notNull("values", values);
        return argmax(values, values.length);
    }

    /**
     * Index of the largest of the first {@code length} entries (the first one on ties).
     *
     * @throws InvalidScoresException if {@code length == 0} or an entry is NaN
     */
    public static int argmax(double[] values, int length) {
        Checks.length("values", values, length);
        if (length == 0) {
            throw InvalidScoresException.empty();
        }
        int best = 0;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            if (v != v) {
                throw InvalidScoresException.nan(i);
            }
            if (v > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Indices of the {@code min(k, length)} largest entries, largest first; allocates. */
    public static int[] topK(double[] values, int k) {
        Checks.notNull("values", values);
        checkK(k);
        int[] out = new int[Math.min(k, values.length)];
        int n = topK(values, values.length, k, out);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * Writes the indices of the {@code n = min(k, length)} largest of the first {@code length}
     * entries into {@code out[0..n)}, largest first, ties by lower index; returns {@code n}.
     * Runs in {@code O(length * n)}, which beats sorting for the small {@code k} of top-k
     * outputs; allocates nothing.
     *
     * @throws IllegalArgumentException if {@code k < 1} or {@code out} holds fewer than {@code n}
     * @throws InvalidScoresException if an entry is NaN
     */
    public static int topK(double[] values, int length, int k, int[] out) {
        Checks.length("values", values, length);
        checkK(k);
        int n = Math.min(k, length);
        if (out == null || out.length < n) {
            throw new IllegalArgumentException(
                    "out must have length >= min(k, length) = "
                            + n
                            + ", was "
                            + (out == null ? "null" : out.length));
        }
        int filled = 0;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            if (v != v) {
                throw InvalidScoresException.nan(i);
            }
            if (filled == n && !(v > values[out[n - 1]])) {
                continue;
            }
            // Insertion: strictly greater moves up, so equal values keep index order.
            int j = filled < n ? filled++ : n - 1;
            while (j > 0 && v > values[out[j - 1]]) {
                out[j] = out[j - 1];
                j--;
            }
            out[j] = i;
        }
        return n;
    }

    /** Largest minus second largest entry; see {@link #margin(double[], int)}. */
    public static double margin(double[] values) {
        Checks.notNull("values", values);
        return margin(values, values.length);
    }

    /**
     * {@code v_(1) - v_(2)}, the largest minus the second largest of the first {@code length}
     * entries: how clearly the top class wins. 0 on a tie for first place. For a single entry
     * the runner-up counts as 0, so the margin is the entry itself (right for probabilities).
     *
     * @throws InvalidScoresException if {@code length == 0} or an entry is NaN
     */
    public static double margin(double[] values, int length) {
        Checks.length("values", values, length);
        if (length == 0) {
            throw InvalidScoresException.empty();
        }
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            double v = values[i];
            if (v != v) {
                throw InvalidScoresException.nan(i);
            }
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        if (length == 1) {
            return first;
        }
        // Two equal infinities tie: margin 0, not inf - inf = NaN.
        return first == second ? 0.0 : first - second;
    }

    private static void checkK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
    }
}
