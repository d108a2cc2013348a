package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;

/**
 * {@code LOG_SIGMOID(x [, temperature])}: the logarithm of {@link SigmoidScalarFunction}, computed by {@link
 * org.infoprob.math.Sigmoid#logSigmoid} directly and never as {@code LN(SIGMOID(x))}.
 *
 * <pre>
 *   LOG_SIGMOID(x, T) = -log1p(e^{-x/T})          for x &gt;= 0
 *                     = x/T - log1p(e^{x/T})       for x &lt; 0     T = 1 by default
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION LOG_SIGMOID AS 'org.infoprob.sql.LogSigmoidScalarFunction';
 * SELECT LOG_SIGMOID(-1000.0);   -- -1000.0, not -inf
 * SELECT LOG_SIGMOID(40.0);      -- -4.248354255291589E-18, not 0
 * }</pre>
 *
 * <ul>
 *   <li>Any numeric type in, {@code DOUBLE} out. A NULL argument gives NULL. {@code
 *       LOG_SIGMOID(-inf) = -inf}, {@code LOG_SIGMOID(+inf) = 0}.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code LOG_SIGMOID}: NaN
 *       ({@code NON_FINITE_SCORE}), a temperature that is not finite and &gt; 0 ({@code
 *       OUT_OF_RANGE}).
 * </ul>
 */
@PublicEvolving
public class LogSigmoidScalarFunction extends TemperedFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "LOG_SIGMOID";

    public LogSigmoidScalarFunction() {
        super(NAME, "x");
    }

    @Override
    double apply(double x, double temperature) {
        return org.infoprob.math.Sigmoid.logSigmoid(x, temperature);
    }
}
