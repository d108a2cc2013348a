package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.ArrayData;

import java.util.Map;

/**
 * {@code ENTROPY(probabilities)}: the Shannon entropy in nats of a distribution, computed by
 * {@link org.infoprob.math.Entropy}.
 *
 * <pre>
 *   ENTROPY(p) = -sum_i p_i ln p_i   (nats; divide by LN(2) for bits),   0 ln 0 = 0
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION ENTROPY AS 'org.infoprob.sql.EntropyScalarFunction';
 * SELECT ENTROPY(ARRAY[0.5, 0.5]);                 -- ln 2 = 0.6931471805599453
 * SELECT ENTROPY(SOFTMAX(scores)) FROM t;          -- uncertainty of each prediction
 * SELECT ENTROPY(CLASS_DISTRIBUTION(cls)) FROM t;  -- entropy of the classes in a group
 * }</pre>
 *
 * <ul>
 *   <li>{@code ARRAY<DOUBLE>} or {@code MAP<STRING, DOUBLE>} (the values) in, {@code DOUBLE}
 *       out. A NULL argument gives NULL; an empty array or map gives 0.
 *   <li>The sum of the entries is not checked (the math core's policy): a sub-distribution
 *       gives its partial entropy.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code ENTROPY}: an entry
 *       outside [0, 1] or NaN ({@code OUT_OF_RANGE}), a NULL entry ({@code MISSING_FIELD}), a
 *       NULL or empty class name ({@code EMPTY_CLASS_NAME}).
 * </ul>
 */
@PublicEvolving
public class EntropyScalarFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "ENTROPY";

    public EntropyScalarFunction() {
        super(NAME);
    }

    /** EntropyScalarFunction of an array of probabilities. */
    public Double eval(
            @DataTypeHint(value = "ARRAY<DOUBLE>", bridgedTo = ArrayData.class)
                    ArrayData probabilities) {
        return probabilities == null ? null : nats(readArray(probabilities));
    }

    /** EntropyScalarFunction of the values of a map of class probabilities. */
    public Double eval(@DataTypeHint("MAP<STRING, DOUBLE>") Map<String, Double> probabilities) {
        return probabilities == null ? null : nats(readMap(probabilities));
    }

    private Double nats(int n) {
        if (n < 0) {
            return null;
        }
        try {
            return org.infoprob.math.Entropy.nats(values(), n);
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
    }
}
