package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;

/**
 * {@code LOGIT(p [, temperature])}: the inverse of {@link SigmoidScalarFunction}, a probability back to a
 * score, computed by {@link org.infoprob.math.Sigmoid#logit}.
 *
 * <pre>
 *   LOGIT(p, T) = T ln(p / (1 - p))     T = 1 by default
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION LOGIT AS 'org.infoprob.sql.LogitScalarFunction';
 * SELECT LOGIT(0.75);       -- ln 3 = 1.0986122886681098
 * SELECT LOGIT(0.75, 2.0);  -- 2 ln 3 = 2.1972245773362196
 * }</pre>
 *
 * <ul>
 *   <li>Any numeric type in, {@code DOUBLE} out. A NULL argument gives NULL. {@code LOGIT(0) =
 *       -inf}, {@code LOGIT(1) = +inf}.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code LOGIT}: {@code p}
 *       outside [0, 1] or NaN, a temperature that is not finite and &gt; 0 (both {@code
 *       OUT_OF_RANGE}).
 * </ul>
 */
@PublicEvolving
public class LogitScalarFunction extends TemperedFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "LOGIT";

    public LogitScalarFunction() {
        super(NAME, "p");
    }

    @Override
    double apply(double p, double temperature) {
        return org.infoprob.math.Sigmoid.logit(p, temperature);
    }
}
