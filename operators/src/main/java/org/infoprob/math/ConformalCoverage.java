package org.infoprob.math;

import java.io.Serializable;

/**
 * Empirical coverage and mean size of conformal prediction sets (e.g. from {@link
 * AdaptiveConformal}), as a mergeable accumulator ({@link #accept} / {@link #combine} / {@link
 * #coverage()}, {@link #meanSetSize()}).
 *
 * <pre>
 *   coverage      = (1/N) sum_n 1{y_n in C_n}        (target: 1 - alpha, e.g. 0.9)
 *   mean set size = (1/N) sum_n |C_n|
 * </pre>
 *
 * <pre>{@code
 * ConformalCoverage c = new ConformalCoverage();
 * c.accept(true, 2);
 * c.accept(false, 1);
 * c.coverage();      // 0.5
 * c.meanSetSize();   // 1.5
 * }</pre>
 *
 * <p>Empty: both results are NaN. A negative set size throws {@link IllegalArgumentException}.
 * State: three counters ({@link #of}); {@link Serializable}.
 */
public final class ConformalCoverage implements Serializable {

    private static final long serialVersionUID = 1L;

    private long count;
    private long covered;
    private long setSizes;

    /** An empty accumulator. */
    public ConformalCoverage() {}

    /** An accumulator with the given state (e.g. restored by a serializer). */
    public static ConformalCoverage of(long count, long covered, long setSizes) {
        if (count < 0 || covered < 0 || covered > count || setSizes < 0) {
            throw new IllegalArgumentException(
                    "Counts must satisfy 0 <= covered <= count and setSizes >= 0, was count="
                            + count + ", covered=" + covered + ", setSizes=" + setSizes);
        }
        ConformalCoverage c = new ConformalCoverage();
        c.count = count;
        c.covered = covered;
        c.setSizes = setSizes;
        return c;
    }

    /** Adds one prediction set: whether it held the true class, and how many classes it held. */
    public void accept(boolean coveredLabel, int setSize) {
        if (setSize < 0) {
            throw new IllegalArgumentException("Set size must be >= 0, was " + setSize);
        }
        count++;
        if (coveredLabel) {
            covered++;
        }
        setSizes += setSize;
    }

    /** Adds {@code other}'s events to this accumulator; returns this. */
    public ConformalCoverage combine(ConformalCoverage other) {
        count += other.count;
        covered += other.covered;
        setSizes += other.setSizes;
        return this;
    }

    /** Fraction of sets that held the true class; NaN when empty. */
    public double coverage() {
        return count == 0 ? Double.NaN : (double) covered / count;
    }

    /** Mean number of classes per set; NaN when empty. */
    public double meanSetSize() {
        return count == 0 ? Double.NaN : (double) setSizes / count;
    }

    /** Sets accepted. */
    public long count() {
        return count;
    }

    /** Sets that held the true class. */
    public long covered() {
        return covered;
    }

    /** Sum of the set sizes. */
    public long setSizes() {
        return setSizes;
    }
}
