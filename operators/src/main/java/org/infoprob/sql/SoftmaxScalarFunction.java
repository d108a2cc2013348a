package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;

/**
 * {@code SOFTMAX(scores [, temperature])}: scores to class probabilities, computed by {@link
 * org.infoprob.math.Softmax}.
 *
 * <pre>
 *   SOFTMAX(s, T)[i] = exp((s_i - m) / T) / sum_j exp((s_j - m) / T),   m = max_j s_j
 *   T = 1 by default
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION SOFTMAX AS 'org.infoprob.sql.SoftmaxScalarFunction';
 * SELECT SOFTMAX(ARRAY[0.0, LN(3.0)]);               -- [0.25, 0.75]
 * SELECT SOFTMAX(MAP['cat', 2.0, 'dog', 1.0], 0.5);  -- {cat=0.8808, dog=0.1192}
 * }</pre>
 *
 * <ul>
 *   <li>{@code ARRAY<numeric>} in (TINYINT to DOUBLE, DECIMAL; elements nullable or not), {@code
 *       ARRAY<DOUBLE>} out in the same order; {@code MAP<STRING, numeric>} in, {@code
 *       MAP<STRING, DOUBLE>} out with the same keys in the same order. The temperature may be
 *       any number, e.g. the literal {@code 2.0} (a DECIMAL) or {@code 2} (an INT).
 *   <li>A NULL argument gives NULL. Result elements are nullable, so indexing a rejected row,
 *       {@code SOFTMAX(bad)[1]}, is NULL too.
 *   <li>+inf entries share the mass equally, -inf entries get 0 (the limits, as in the math
 *       core).
 *   <li>Rejected rows give NULL and are counted in the metric group {@code SOFTMAX}: an empty
 *       array or map ({@code EMPTY_SCORES}), a NaN ({@code NON_FINITE_SCORE}), all entries -inf
 *       ({@code ALL_NEGATIVE_INFINITY}), a NULL entry ({@code MISSING_FIELD}), a NULL or empty
 *       class name ({@code EMPTY_CLASS_NAME}), a class name twice ({@code DUPLICATE_CLASS}), a
 *       temperature that is not finite and &gt; 0
 *       ({@code OUT_OF_RANGE}).
 * </ul>
 */
@PublicEvolving
public class SoftmaxScalarFunction extends ScoreVectorFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "SOFTMAX";

    public SoftmaxScalarFunction() {
        super(NAME);
    }

    @Override
    void apply(double[] scores, int length, double temperature, double[] out) {
        org.infoprob.math.Softmax.probabilities(scores, length, temperature, out);
    }
}
