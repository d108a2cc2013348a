package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;

/**
 * {@code LOG_SOFTMAX(scores [, temperature])}: scores to log-probabilities, computed by {@link
 * org.infoprob.math.Softmax#logProbabilities} directly and never as {@code LN(SOFTMAX(...))}, so
 * a probability too small for a double keeps its logarithm.
 *
 * <pre>
 *   LOG_SOFTMAX(s, T)[i] = (s_i - m) / T - ln sum_j exp((s_j - m) / T),   m = max_j s_j
 *   T = 1 by default
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION LOG_SOFTMAX AS 'org.infoprob.sql.LogSoftmaxScalarFunction';
 * SELECT LOG_SOFTMAX(ARRAY[0.0, -1000.0]);               -- [0.0, -1000.0], not [0, -inf]
 * SELECT LOG_SOFTMAX(MAP['cat', 2.0, 'dog', 1.0], 0.5);  -- {cat=-0.1269, dog=-2.1269}
 * }</pre>
 *
 * <ul>
 *   <li>Types as {@link SoftmaxScalarFunction}: {@code ARRAY<numeric>} to {@code ARRAY<DOUBLE>},
 *       {@code MAP<STRING, numeric>} to {@code MAP<STRING, DOUBLE>}.
 *   <li>A NULL argument gives NULL.
 *   <li>-inf entries get -inf; when some entries are +inf, those get {@code -ln(count)} and the
 *       others -inf (the limits, as in the math core).
 *   <li>Rejected rows give NULL and are counted in the metric group {@code LOG_SOFTMAX}, for the
 *       same reasons as {@link SoftmaxScalarFunction}.
 * </ul>
 */
@PublicEvolving
public class LogSoftmaxScalarFunction extends ScoreVectorFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "LOG_SOFTMAX";

    public LogSoftmaxScalarFunction() {
        super(NAME);
    }

    @Override
    void apply(double[] scores, int length, double temperature, double[] out) {
        org.infoprob.math.Softmax.logProbabilities(scores, length, temperature, out);
    }
}
