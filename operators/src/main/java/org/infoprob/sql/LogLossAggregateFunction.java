package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.math.LogLoss;

/**
 * {@code LOG_LOSS(probabilities, label)}: the mean negative log-likelihood of the true classes,
 * in nats, computed by {@link LogLoss}.
 *
 * <pre>
 *   LOG_LOSS = (1/N) sum_n -ln p_n[y_n]      (0 is perfect, ln K the uniform guess)
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION LOG_LOSS AS 'org.infoprob.sql.LogLossAggregateFunction';
 * SELECT model, LOG_LOSS(probabilities, label) FROM labelled GROUP BY model;
 * -- rows ([0.5, 0.25, 0.25], 1) and ([0.5, 0.25, 0.25], 3) give (ln 2 + ln 4) / 2 = 1.0397
 * }</pre>
 *
 * The row and NULL rules are those of {@link CalibrationMetricAggregateFunction}: {@code label}
 * is the 1-based position in an {@code ARRAY}, or the key of a {@code MAP}. No clipping: a true
 * class of probability 0 gives {@code +Infinity}. {@code DOUBLE} out; NULL for a group without
 * a row. Rejected rows are counted in the metric group {@code LOG_LOSS}.
 */
@PublicEvolving
public class LogLossAggregateFunction extends CalibrationMetricAggregateFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "LOG_LOSS";

    public LogLossAggregateFunction() {
        super(NAME);
    }

    @Override
    void accept(CalibrationAccumulator acc, double[] probabilities, int label, Number option) {
        LogLoss loss = LogLoss.of(acc.count, acc.sum);
        loss.accept(probabilities, label);
        acc.count = loss.count();
        acc.sum = loss.sum();
    }

    @Override
    void combine(CalibrationAccumulator acc, CalibrationAccumulator other) {
        acc.count += other.count;
        acc.sum += other.sum;
    }

    @Override
    public Double getValue(CalibrationAccumulator acc) {
        return acc.count == 0 ? null : LogLoss.of(acc.count, acc.sum).result();
    }
}
