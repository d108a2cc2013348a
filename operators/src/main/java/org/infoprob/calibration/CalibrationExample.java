package org.infoprob.calibration;

import org.apache.flink.annotation.Internal;

/**
 * One row of a segment's window of labelled examples: the scores (padded with {@code -inf} to
 * the window's width for temperature scaling; one score for Platt) and the true class index. A
 * Flink POJO; its class name is part of the savepoint format.
 */
@Internal
public class CalibrationExample {

    /** The scores of the row. */
    public double[] scores;
    /** The true class index (Platt: 1 positive, 0 negative). */
    public int label;

    public CalibrationExample() {}

    CalibrationExample(double[] scores, int label) {
        this.scores = scores;
        this.label = label;
    }
}
