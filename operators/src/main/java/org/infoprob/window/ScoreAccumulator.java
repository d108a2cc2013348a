package org.infoprob.window;

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.math.TwoSum;

import java.util.Arrays;

/**
 * The running state of {@link org.infoprob.scores.ScoreAggregateFunction} for one key and window: the union of the
 * classes seen so far and, per class, a compensated running sum of the per-event contributions
 * (scores, probabilities or log-probabilities, by strategy) and how many events had the class.
 *
 * <pre>
 *   total_c = sums[c] + compensations[c]   (Neumaier: compensations[c] holds the rounding lost by sums[c])
 *   counts[c] = n_c, the events that had class c;   count = N, all events combined
 * </pre>
 *
 * <pre>{@code
 * // after {a: 1, b: 2} and {b: 4, c: 0} with MEAN_LOGITS:
 * // classes = {a, b, c}, sums = {1, 6, 0}, counts = {1, 2, 1}, count = 2
 * }</pre>
 *
 * <p>It keeps the name {@code org.infoprob.window.ScoreAccumulator} of release 0.1 although the
 * score family lives in {@code org.infoprob.scores}: Flink stores a POJO's class name in every
 * savepoint with window state, and a savepoint whose class cannot be found cannot be restored
 * (see {@code ScoreWindowStateFormatTest}).
 *
 * <p>Parallel arrays of exactly the union's size: Flink stores it as a POJO (no Kryo), and it
 * allocates only when a new class joins the union. {@code invalid} counts events that reached
 * the aggregate although they fail validation; they are not combined, and the window then has
 * no distribution (see {@link org.infoprob.scores.ScoreWindowFunction}). Sums are compensated only while finite:
 * once a sum is infinite it stays so (or NaN for +inf plus -inf).
 */
@PublicEvolving
public class ScoreAccumulator {

    /** The key of the events (from the first event). */
    public String key;
    /** The latest event time added, epoch ms; {@code Long.MIN_VALUE} before the first event. */
    public long maxTs = Long.MIN_VALUE;
    /** Valid events combined, {@code N}. */
    public long count;
    /** Events that failed validation and were not combined. */
    public long invalid;
    /** The union of the class names, in order of first appearance. */
    public String[] classes = new String[0];
    /** Running sums per class. */
    public double[] sums = new double[0];
    /** Rounding error of {@link #sums}, per class. */
    public double[] compensations = new double[0];
    /** Events that had each class, {@code n_c}. */
    public long[] counts = new long[0];

    public ScoreAccumulator() {}

    /** {@code total_c}: the compensated sum of class {@code c}. */
    public double total(int c) {
        return sums[c] + compensations[c];
    }

    /** Adds {@code value} (with its own compensation, from a merged accumulator) and {@code n} events to class {@code c}. */
    @Internal
    public void add(int c, double value, double valueCompensation, long n) {
        double s = sums[c];
        double t = s + value;
        if (Double.isFinite(t)) {
            // Neumaier: the error of s + value, exact when both are finite.
            compensations[c] += TwoSum.sumError(s, value, t) + valueCompensation;
        }
        sums[c] = t;
        counts[c] += n;
    }

    /** Makes room for {@code extra} more classes at the end. */
    @Internal
    public void grow(int extra) {
        int size = classes.length + extra;
        classes = Arrays.copyOf(classes, size);
        sums = Arrays.copyOf(sums, size);
        compensations = Arrays.copyOf(compensations, size);
        counts = Arrays.copyOf(counts, size);
    }
}
