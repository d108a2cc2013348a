package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * Calibration metrics of one segment and event-time window, from {@code
 * CalibrationMetricsAggregate}: the scores of probabilistic predictions against their true
 * classes.
 *
 * <pre>
 *   logLoss        = mean -ln p[y]                         (nats; +Infinity if some p[y] = 0)
 *   brier          = mean sum_i (p[i] - 1{i = y})^2        (all classes, range [0, 2])
 *   ece            = sum_b (n_b / N) |acc_b - conf_b|      (equal-mass bins, default 15)
 *   accuracy       = mean 1{argmax p = y},   meanConfidence = mean max_i p[i]
 * </pre>
 *
 * with the reliability diagram's points ({@code reliabilityConfidence[b]}, {@code
 * reliabilityAccuracy[b]}, {@code reliabilityCount[b]}), one per non-empty bin in increasing
 * confidence. The formulas, their references and the binning are those of {@code
 * org.infoprob.math.LogLoss}, {@code BrierScore} and {@code CalibrationError}. Rows the metrics
 * cannot take (NaN or out-of-range probabilities, a label outside the vector) are counted in
 * {@code rejected}, not in {@code count}. Empty (every row rejected): the metrics are NaN.
 *
 * <p>A Flink POJO.
 */
@PublicEvolving
public class CalibrationMetrics {

    /** The segment (the window's key). */
    public String segment;
    /** Window start (inclusive), epoch ms; null outside a window. */
    public Long windowStart;
    /** Window end (exclusive), epoch ms; null outside a window. */
    public Long windowEnd;
    /** Predictions scored. */
    public long count;
    /** Rows that could not be scored. */
    public long rejected;
    /** Mean log loss, nats. */
    public double logLoss;
    /** Mean multi-class Brier score. */
    public double brier;
    /** Expected calibration error over equal-mass bins. */
    public double ece;
    /** Fraction of top classes that were true. */
    public double accuracy;
    /** Mean top probability. */
    public double meanConfidence;
    /** Mean confidence per reliability bin. */
    public double[] reliabilityConfidence;
    /** Accuracy per reliability bin. */
    public double[] reliabilityAccuracy;
    /** Predictions per reliability bin. */
    public long[] reliabilityCount;

    public CalibrationMetrics() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CalibrationMetrics)) {
            return false;
        }
        CalibrationMetrics that = (CalibrationMetrics) o;
        return count == that.count
                && rejected == that.rejected
                && Double.compare(logLoss, that.logLoss) == 0
                && Double.compare(brier, that.brier) == 0
                && Double.compare(ece, that.ece) == 0
                && Double.compare(accuracy, that.accuracy) == 0
                && Double.compare(meanConfidence, that.meanConfidence) == 0
                && Objects.equals(segment, that.segment)
                && Objects.equals(windowStart, that.windowStart)
                && Objects.equals(windowEnd, that.windowEnd)
                && Arrays.equals(reliabilityConfidence, that.reliabilityConfidence)
                && Arrays.equals(reliabilityAccuracy, that.reliabilityAccuracy)
                && Arrays.equals(reliabilityCount, that.reliabilityCount);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(segment, windowStart, windowEnd, count, rejected, logLoss, brier, ece, accuracy, meanConfidence);
        h = 31 * h + Arrays.hashCode(reliabilityConfidence);
        h = 31 * h + Arrays.hashCode(reliabilityAccuracy);
        return 31 * h + Arrays.hashCode(reliabilityCount);
    }

    @Override
    public String toString() {
        return "CalibrationMetrics{segment=" + segment + ", window=[" + windowStart + ", " + windowEnd + "), count=" + count
                + ", rejected=" + rejected + ", logLoss=" + logLoss + ", brier=" + brier + ", ece=" + ece
                + ", accuracy=" + accuracy + ", meanConfidence=" + meanConfidence + "}";
    }
}
