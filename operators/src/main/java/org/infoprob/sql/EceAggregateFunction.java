package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.infoprob.math.CalibrationError;

import static org.infoprob.sql.SqlTypeInference.NUMBER;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * {@code ECE(probabilities, label [, bins])}: the expected calibration error over {@code bins}
 * (default 15) equal-mass bins of the confidence {@code max_i p[i]}, computed by {@link
 * CalibrationError} (Guo et al. 2017 with the equal-mass bins of Nixon et al. 2019; the bins are
 * cut from a 1000-bin histogram, as that class explains).
 *
 * <pre>
 *   ECE = sum_b (n_b / N) |acc_b - conf_b|     acc_b: share of rows whose top class is the label
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION ECE AS 'org.infoprob.sql.EceAggregateFunction';
 * SELECT model, ECE(probabilities, label) FROM labelled GROUP BY model;
 * -- rows ([0.9, 0.1], 1) and ([0.3, 0.7], 1): two bins of one row, (|1 - 0.9| + |0 - 0.7|) / 2 = 0.4
 * }</pre>
 *
 * {@code bins} (any numeric type, an integer in [1, 1000]) is taken from a group's first row;
 * a row with other bins, or outside the range, is rejected ({@code OUT_OF_RANGE}). The other
 * row and NULL rules are those of {@link CalibrationMetricAggregateFunction}. {@code DOUBLE}
 * out; NULL for a group without a row. Rejected rows are counted in the metric group {@code
 * ECE}. State: a histogram of 1000 fine bins per group.
 */
@PublicEvolving
public class EceAggregateFunction extends CalibrationMetricAggregateFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "ECE";

    public EceAggregateFunction() {
        super(NAME);
    }

    @Override
    SqlTypeInference.Argument[] optionalArguments() {
        return new SqlTypeInference.Argument[] {argument("bins", NUMBER)};
    }

    /** Adds a prediction whose true class is at 1-based {@code position}, over {@code bins} bins. */
    public void accumulate(CalibrationAccumulator acc, ArrayData probabilities, Number position, Number bins) {
        if (bins != null) {
            addRow(acc, probabilities, position, bins);
        }
    }

    /** Adds a prediction whose true class is {@code label}, over {@code bins} bins. */
    public void accumulate(CalibrationAccumulator acc, MapData probabilities, String label, Number bins) {
        if (bins != null) {
            addRow(acc, probabilities, label, bins);
        }
    }

    @Override
    void accept(CalibrationAccumulator acc, double[] probabilities, int label, Number option) {
        double b = option == null ? CalibrationError.DEFAULT_BINS : option.doubleValue();
        if (b != Math.rint(b) || b < 1 || b > CalibrationError.DEFAULT_FINE_BINS) {
            throw new IllegalArgumentException("Bins must be an integer in [1, " + CalibrationError.DEFAULT_FINE_BINS + "], was " + option);
        }
        if (acc.fineCounts == null) {
            acc.bins = (int) b;
            acc.fineCounts = new long[CalibrationError.DEFAULT_FINE_BINS];
            acc.fineCorrect = new long[CalibrationError.DEFAULT_FINE_BINS];
            acc.fineConfidenceSums = new double[CalibrationError.DEFAULT_FINE_BINS];
        } else if (acc.bins != (int) b) {
            throw new IllegalArgumentException("Bins must be the same in a group, was " + (int) b + " after " + acc.bins);
        }
        error(acc).accept(probabilities, label);
    }

    @Override
    void combine(CalibrationAccumulator acc, CalibrationAccumulator other) {
        if (other.fineCounts == null) {
            return;
        }
        if (acc.fineCounts == null) {
            acc.bins = other.bins;
            acc.fineCounts = other.fineCounts.clone();
            acc.fineCorrect = other.fineCorrect.clone();
            acc.fineConfidenceSums = other.fineConfidenceSums.clone();
            return;
        }
        error(acc).combine(error(other));
    }

    @Override
    public Double getValue(CalibrationAccumulator acc) {
        return acc.fineCounts == null || error(acc).count() == 0 ? null : error(acc).result();
    }

    private static CalibrationError error(CalibrationAccumulator acc) {
        return CalibrationError.of(acc.bins, acc.fineCounts, acc.fineCorrect, acc.fineConfidenceSums);
    }
}
