package org.infoprob.calibration;

import org.apache.flink.annotation.Internal;

/**
 * The state of a {@link CalibrationMetricsAggregate}: the sums behind {@code math.LogLoss} and
 * {@code math.BrierScore}, the fine histogram of {@code math.CalibrationError}, and the rows
 * rejected. A Flink POJO (no Kryo), so its class and field names are part of the savepoint
 * format of a window holding it; the math accumulators are rebuilt around these fields with
 * their {@code of(...)} factories (arrays used in place, not copied).
 */
@Internal
public class CalibrationMetricsAccumulator {

    /** Segment of the rows added, the first seen (windows are keyed by it). */
    public String segment;
    /** Rows scored. */
    public long count;
    /** Sum of {@code -ln p[y]}. */
    public double logLossSum;
    /** Sum of the per-row Brier scores. */
    public double brierSum;
    /** Equal-mass bins of the ECE. */
    public int bins;
    /** Fine histogram: rows per fine bin. */
    public long[] fineCounts;
    /** Fine histogram: correct top classes per fine bin. */
    public long[] fineCorrect;
    /** Fine histogram: sum of confidences per fine bin. */
    public double[] fineConfidenceSums;
    /** Rows that could not be scored. */
    public long rejected;

    public CalibrationMetricsAccumulator() {}
}
