package org.infoprob.math;

import java.io.Serializable;

/**
 * The state and merge of the mean-score metrics ({@link BrierScore}, {@link LogLoss}): a count
 * and a sum of per-event scores, mergeable by adding both. The subclasses validate an event and
 * {@link #add} its score.
 *
 * @param <S> the concrete metric, returned by {@link #combine}
 */
abstract class MeanAccumulator<S extends MeanAccumulator<S>> implements Serializable {

    private static final long serialVersionUID = 1L;

    private long count;
    private double sum;

    MeanAccumulator() {}

    /** Sets the state (e.g. restored by a serializer); returns this. */
    @SuppressWarnings("unchecked")
    final S restore(long count, double sum) {
        this.count = Checks.count(count);
        this.sum = sum;
        return (S) this;
    }

    /** Counts one event of score {@code score}. */
    final void add(double score) {
        sum += score;
        count++;
    }

    /** Adds {@code other}'s events to this accumulator; returns this. */
    @SuppressWarnings("unchecked")
    public S combine(S other) {
        count += other.count();
        sum += other.sum();
        return (S) this;
    }

    /** The mean score; NaN when empty. */
    public double result() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Events accepted. */
    public long count() {
        return count;
    }

    /** Sum of the per-event scores. */
    public double sum() {
        return sum;
    }
}
