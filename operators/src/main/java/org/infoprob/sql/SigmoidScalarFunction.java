package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;

/**
 * {@code SIGMOID(x [, temperature])}: a score to the probability of the positive class,
 * computed by {@link org.infoprob.math.Sigmoid}; the two-class softmax, {@code SIGMOID(t) =
 * SOFTMAX(ARRAY[0, t])[2]}.
 *
 * <pre>
 *   SIGMOID(x, T) = 1 / (1 + e^{-x/T})       for x &gt;= 0
 *                 = e^{x/T} / (1 + e^{x/T})   for x &lt; 0     T = 1 by default
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION SIGMOID AS 'org.infoprob.sql.SigmoidScalarFunction';
 * SELECT SIGMOID(0.0);        -- 0.5
 * SELECT SIGMOID(2.0, 2.0);   -- 1 / (1 + e^-1) = 0.7310585786300049
 * }</pre>
 *
 * <ul>
 *   <li>Any numeric type in (x and temperature), {@code DOUBLE} out.
 *   <li>A NULL argument gives NULL. {@code SIGMOID(+inf) = 1}, {@code SIGMOID(-inf) = 0}.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code SIGMOID}: NaN ({@code
 *       NON_FINITE_SCORE}), a temperature that is not finite and &gt; 0 ({@code OUT_OF_RANGE}).
 * </ul>
 */
@PublicEvolving
public class SigmoidScalarFunction extends TemperedFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "SIGMOID";

    public SigmoidScalarFunction() {
        super(NAME, "x");
    }

    @Override
    double apply(double x, double temperature) {
        return org.infoprob.math.Sigmoid.sigmoid(x, temperature);
    }
}
