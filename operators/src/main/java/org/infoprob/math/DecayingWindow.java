package org.infoprob.math;

import java.io.Serializable;

/**
 * The recent examples a calibration fit learns from: a ring buffer of the last {@code capacity}
 * rows of {@code width} doubles (scores or probabilities), each with an optional class label,
 * whose weights halve every {@code halfLife} examples.
 *
 * <pre>
 *   weight of the example of age a (0 = newest) = 2^(-a / h) = r^a,   r = 2^(-1/h)
 *   halfLife = +inf: every example in the window weighs 1
 * </pre>
 *
 * The half-life is counted in <em>examples</em>, not event time: the weights depend only on the
 * order of arrival, so a replay from a savepoint refits to the same numbers, bursts and gaps in
 * event time do not empty or flood the window, and no watermark is needed. The window holds at
 * most {@code capacity} rows; the oldest is overwritten. With decay the rows beyond a few
 * half-lives carry almost no weight, so a capacity of 4 to 8 half-lives loses little (the
 * dropped tail weighs {@code 2^(-capacity / h)} of the infinite sum).
 *
 * <p>State is plain arrays (a {@code double[capacity * width]} and, when labelled, an {@code
 * int[capacity]}) and two counters; the class is {@link Serializable}. {@link #put} copies the
 * row and allocates nothing.
 *
 * <p>The calibrators validate the rows (NaN, labels, probability ranges) before they call {@link
 * #put}; this class checks only its settings.
 */
final class DecayingWindow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int width;
    private final boolean labelled;
    private final int capacity;
    private final double halfLife;
    /** {@code r = 2^(-1/h)}, the weight ratio between neighbours; 1 without decay. */
    private final double ratio;

    private final double[] values;
    private final int[] labels;
    /** The row written next. */
    private int next;
    private int size;
    private long added;

    /**
     * @param width doubles per row, &gt;= 1
     * @param labelled whether every row carries a label
     * @param capacity rows kept, &gt;= 1, with {@code capacity * width} at most 2^31 - 9
     * @param halfLife examples after which a weight halves, &gt; 0; {@code +inf} for no decay
     */
    DecayingWindow(int width, boolean labelled, int capacity, double halfLife) {
        Checks.atLeast("Width", width, 1);
        Checks.atLeast("Capacity", capacity, 1);
        if ((long) capacity * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "Capacity * width must be at most "
                            + (Integer.MAX_VALUE - 8)
                            + ", was "
                            + capacity
                            + " * "
                            + width);
        }
        if (!(halfLife > 0)) {
            throw new IllegalArgumentException(
                    "Half-life must be > 0 (in examples; Infinity for no decay), was " + halfLife);
        }
        this.width = width;
        this.labelled = labelled;
        this.capacity = capacity;
        this.halfLife = halfLife;
        this.ratio = halfLife == Double.POSITIVE_INFINITY ? 1.0 : Math.exp(-Constants.LN_2 / halfLife);
        this.values = new double[capacity * width];
        this.labels = labelled ? new int[capacity] : null;
    }

    private DecayingWindow(DecayingWindow other) {
        this.width = other.width;
        this.labelled = other.labelled;
        this.capacity = other.capacity;
        this.halfLife = other.halfLife;
        this.ratio = other.ratio;
        this.values = other.values.clone();
        this.labels = other.labels == null ? null : other.labels.clone();
        this.next = other.next;
        this.size = other.size;
        this.added = other.added;
    }

    /** Appends a row (the first {@code width} entries of {@code row}) with its label. */
    void put(double[] row, int label) {
        System.arraycopy(row, 0, values, next * width, width);
        advance(label);
    }

    /** Appends a row of width 1. */
    void put(double value, int label) {
        values[next * width] = value;
        advance(label);
    }

    private void advance(int label) {
        if (labelled) {
            labels[next] = label;
        }
        next = next + 1 == capacity ? 0 : next + 1;
        if (size < capacity) {
            size++;
        }
        added++;
    }

    /** A deep copy (for state snapshots). */
    DecayingWindow copy() {
        return new DecayingWindow(this);
    }

    /** Empties the window. */
    void clear() {
        next = 0;
        size = 0;
        added = 0;
    }

    /** Rows held, at most the capacity. */
    int size() {
        return size;
    }

    /** Rows ever added (including those overwritten since). */
    long added() {
        return added;
    }

    int width() {
        return width;
    }

    int capacity() {
        return capacity;
    }

    double halfLife() {
        return halfLife;
    }

    /**
     * The weight ratio {@code r} between an example and the next older one: the fits walk the
     * rows from age 0 and multiply the weight (starting at 1) by {@code r} per step.
     */
    double ratio() {
        return ratio;
    }

    /** Offset in {@link #values()} of the row of age {@code age} (0 = newest). */
    int offset(int age) {
        int row = next - 1 - age;
        return (row < 0 ? row + capacity : row) * width;
    }

    /** The label of the row of age {@code age}. */
    int label(int age) {
        int row = next - 1 - age;
        return labels[row < 0 ? row + capacity : row];
    }

    /** The backing array, rows of {@code width} entries; read with {@link #offset(int)}. */
    double[] values() {
        return values;
    }

    /**
     * The effective number of examples {@code (sum w)^2 / sum w^2}: {@code size} without
     * decay, about {@code 2.885 h} for a full window of many half-lives.
     */
    double effectiveSize() {
        if (size == 0) {
            return 0.0;
        }
        if (ratio == 1.0) {
            return size;
        }
        // sum_{a<n} r^a = (1 - r^n) / (1 - r), taken with expm1 so that r near 1 loses nothing.
        double lnR = -Constants.LN_2 / halfLife;
        double sum = Math.expm1(size * lnR) / Math.expm1(lnR);
        double sumSquares = Math.expm1(2 * size * lnR) / Math.expm1(2 * lnR);
        return sum * sum / sumSquares;
    }
}
