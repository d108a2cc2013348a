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
public final class LogLoss extends MeanAccumulator<LogLoss> {

    private static final long serialVersionUID = 1L;

    /** An empty accumulator. */
    public LogLoss() {}

    /** An accumulator with the given state (e.g. restored by a serializer). */
    public static LogLoss of(long count, double sum) {
        return new LogLoss().restore(count, sum);
    }

    /** Adds one prediction {@code probabilities} (length K) with true class {@code label}. */
    public void accept(double[] probabilities, int label) {
        Checks.labelledPrediction(probabilities, label);
        add(-Math.log(probabilities[label]));
    }

    /** Adds one event by the probability the model gave its true class. */
    public void acceptProbability(double probabilityOfLabel) {
        Checks.probability(probabilityOfLabel, 0);
        add(-Math.log(probabilityOfLabel));
    }
}
