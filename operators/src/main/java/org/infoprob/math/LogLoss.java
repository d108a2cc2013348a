package org.infoprob.math;

import java.io.Serializable;

/**
 * Log loss (cross-entropy, negative log-likelihood) of probabilistic predictions, as a
 * mergeable accumulator: {@link #accept} per event, {@link #combine} to merge partial results,
 * {@link #result()} for the mean. Backs a window aggregate or a SQL {@code LOG_LOSS}.
 *
 * <pre>
 *   log loss = (1/N) sum_n -ln p_n[y_n]        (nats; 0 is perfect, ln K is the uniform guess)
 * </pre>
 *
 * <pre>{@code
 * LogLoss loss = new LogLoss();
 * loss.accept(new double[] {0.5, 0.25, 0.25}, 0);   // -ln 0.5  = 0.6931
 * loss.accept(new double[] {0.5, 0.25, 0.25}, 2);   // -ln 0.25 = 1.3863
 * loss.result();                                     // (ln 2 + ln 4) / 2 = 1.0397
 * }</pre>
 *
 * <p>No clipping: a probability of exactly 0 for the observed class gives {@code +inf}, and the
 * mean stays {@code +inf} (a model that rules out what happens is infinitely wrong; clip the
 * probabilities before, if a finite score is wanted). Empty: {@link #result()} is NaN. A NaN
 * probability throws {@link InvalidScoresException}; a probability outside {@code [0, 1]} or a
 * label outside {@code [0, K)} throws {@link IllegalArgumentException}. Only {@code p[y]} enters
 * the loss; the vector is not required to sum to 1.
 *
 * <p>State: a count and a sum (both public through {@link #of}, {@link #count()}, {@link
 * #sum()} for serializers); {@link Serializable}; nothing is allocated per event.
 */
public final class LogLoss implements Serializable {

    private static final long serialVersionUID = 1L;

    private long count;
    private double sum;

    /** An empty accumulator. */
    public LogLoss() {}

    /** An accumulator with the given state (e.g. restored by a serializer). */
    public static LogLoss of(long count, double sum) {
        if (count < 0) {
            throw new IllegalArgumentException("Count must be >= 0, was " + count);
        }
        LogLoss loss = new LogLoss();
        loss.count = count;
        loss.sum = sum;
        return loss;
    }

    /** Adds one prediction {@code probabilities} (length K) with true class {@code label}. */
    public void accept(double[] probabilities, int label) {
        Checks.notNull("probabilities", probabilities);
        CalibrationChecks.probabilities(probabilities, probabilities.length);
        CalibrationChecks.label(label, probabilities.length);
        sum += -Math.log(probabilities[label]);
        count++;
    }

    /** Adds one event by the probability the model gave its true class. */
    public void acceptProbability(double probabilityOfLabel) {
        CalibrationChecks.probability(probabilityOfLabel, 0);
        sum += -Math.log(probabilityOfLabel);
        count++;
    }

    /** Adds {@code other}'s events to this accumulator; returns this. */
    public LogLoss combine(LogLoss other) {
        count += other.count;
        sum += other.sum;
        return this;
    }

    /** The mean log loss in nats; NaN when empty. */
    public double result() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Events accepted. */
    public long count() {
        return count;
    }

    /** Sum of {@code -ln p[y]}. */
    public double sum() {
        return sum;
    }
}
