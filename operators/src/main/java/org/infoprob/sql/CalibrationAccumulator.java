package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The accumulator of the calibration metric aggregates ({@link LogLossAggregateFunction},
 * {@link BrierAggregateFunction}, {@link EceAggregateFunction}): the state of {@code
 * math.LogLoss} and {@code math.BrierScore} (a count and a sum) or of {@code
 * math.CalibrationError} (a fine histogram), which the functions rebuild around these fields
 * with the math classes' {@code of(...)} factories.
 *
 * <p>A structured SQL type (public fields, no-arg constructor), not a RAW type:
 *
 * <pre>
 *   count BIGINT NOT NULL, sum DOUBLE NOT NULL, bins INT NOT NULL,
 *   fineCounts ARRAY&lt;BIGINT NOT NULL&gt;, fineCorrect ARRAY&lt;BIGINT NOT NULL&gt;,
 *   fineConfidenceSums ARRAY&lt;DOUBLE NOT NULL&gt;      (null until ECE's first row)
 * </pre>
 *
 * State: two numbers per group for LOG_LOSS and BRIER; {@code 3 x 1000} for ECE, whatever the
 * number of rows.
 */
@PublicEvolving
public class CalibrationAccumulator {

    /** Rows accumulated (LOG_LOSS, BRIER). */
    public long count;
    /** Sum of the per-row losses (LOG_LOSS, BRIER). */
    public double sum;
    /** Equal-mass bins (ECE); 0 until the first row. */
    public int bins;
    /** Rows per fine bin (ECE). */
    public long[] fineCounts;
    /** Correct top classes per fine bin (ECE). */
    public long[] fineCorrect;
    /** Sum of confidences per fine bin (ECE). */
    public double[] fineConfidenceSums;

    public CalibrationAccumulator() {}
}
