package org.infoprob.math;

import java.io.Serializable;

/**
 * The multi-class Brier score (Brier 1950, "Verification of forecasts expressed in terms of
 * probability"), as a mergeable accumulator ({@link #accept} / {@link #combine} / {@link
 * #result()}). Backs a window aggregate or a SQL {@code BRIER}.
 *
 * <pre>
 *   Brier = (1/N) sum_n sum_{i=0}^{K-1} (p_n[i] - y_n[i])^2,   y_n one-hot of the true class
 * </pre>
 *
 * Convention: Brier's original sum over <em>all</em> classes, range {@code [0, 2]} (0 perfect,
 * 2 certain and wrong, {@code 1 - 1/K} for the uniform guess). For two classes this is twice
 * the one-column score {@code (p - y)^2} of e.g. scikit-learn's {@code brier_score_loss}.
 *
 * <pre>{@code
 * BrierScore brier = new BrierScore();
 * brier.accept(new double[] {0.5, 0.25, 0.25}, 0);   // 0.25 + 0.0625 + 0.0625 = 0.375
 * brier.accept(new double[] {0.5, 0.25, 0.25}, 2);   // 0.25 + 0.0625 + 0.5625 = 0.875
 * brier.result();                                     // 0.625
 * }</pre>
 *
 * <p>Empty: {@link #result()} is NaN. A NaN probability throws {@link InvalidScoresException};
 * a probability outside {@code [0, 1]} or a label outside {@code [0, K)} throws {@link
 * IllegalArgumentException}. The vector is used as given (not renormalised). State: a count
 * and a sum ({@link #of}, {@link #count()}, {@link #sum()}); {@link Serializable}; nothing is
 * allocated per event.
 */
public final class BrierScore extends MeanAccumulator<BrierScore> {

    private static final long serialVersionUID = 1L;

    /** An empty accumulator. */
    public BrierScore() {}

    /** An accumulator with the given state (e.g. restored by a serializer). */
    public static BrierScore of(long count, double sum) {
        return new BrierScore().restore(count, sum);
    }

    /** Adds one prediction {@code probabilities} (length K) with true class {@code label}. */
    public void accept(double[] probabilities, int label) {
        Checks.labelledPrediction(probabilities, label);
        double s = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = i == label ? 1.0 - probabilities[i] : probabilities[i];
            s += d * d;
        }
        add(s);
    }
}
