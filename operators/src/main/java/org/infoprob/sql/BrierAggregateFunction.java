package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.math.BrierScore;

/**
 * {@code BRIER(probabilities, label)}: the mean multi-class Brier score, computed by {@link
 * BrierScore} (Brier 1950; the sum over all classes, range [0, 2]).
 *
 * <pre>
 *   BRIER = (1/N) sum_n sum_i (p_n[i] - 1{i = y_n})^2
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION BRIER AS 'org.infoprob.sql.BrierAggregateFunction';
 * SELECT model, BRIER(probabilities, label) FROM labelled GROUP BY model;
 * -- rows ([0.5, 0.25, 0.25], 1) and ([0.5, 0.25, 0.25], 3) give (0.375 + 0.875) / 2 = 0.625
 * }</pre>
 *
 * For two classes this is twice scikit-learn's {@code brier_score_loss}. The row and NULL rules
 * are those of {@link CalibrationMetricAggregateFunction}. {@code DOUBLE} out; NULL for a group
 * without a row. Rejected rows are counted in the metric group {@code BRIER}.
 */
@PublicEvolving
public class BrierAggregateFunction extends CalibrationMetricAggregateFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "BRIER";

    public BrierAggregateFunction() {
        super(NAME);
    }

    @Override
    void accept(CalibrationAccumulator acc, double[] probabilities, int label, Number option) {
        BrierScore brier = BrierScore.of(acc.count, acc.sum);
        brier.accept(probabilities, label);
        acc.count = brier.count();
        acc.sum = brier.sum();
    }

    @Override
    void combine(CalibrationAccumulator acc, CalibrationAccumulator other) {
        acc.count += other.count;
        acc.sum += other.sum;
    }

    @Override
    public Double getValue(CalibrationAccumulator acc) {
        return acc.count == 0 ? null : BrierScore.of(acc.count, acc.sum).result();
    }
}
