package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;

import static org.infoprob.sql.SqlTypeInference.SCORES;
import static org.infoprob.sql.SqlTypeInference.argument;

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
 *   <li>{@code ARRAY<numeric>} or {@code MAP<STRING, numeric>} (the values) in, of any numeric
 *       type, {@code DOUBLE} out. A NULL argument gives NULL; an empty array or map gives 0.
 *   <li>The sum of the entries is not checked (the math core's policy): a sub-distribution
 *       gives its partial entropy.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code ENTROPY}: an entry
 *       outside [0, 1] or NaN ({@code OUT_OF_RANGE}), a NULL entry ({@code MISSING_FIELD}), a
 *       NULL or empty class name ({@code EMPTY_CLASS_NAME}), a class name twice ({@code
 *       DUPLICATE_CLASS}).
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

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return SqlTypeInference.scalar(
                1,
                new SqlTypeInference.Argument[] {argument("probabilities", SCORES)},
                TypeStrategies.explicit(SqlTypeInference.DOUBLE));
    }

    /** The entropy of an array of probabilities. */
    public Double eval(ArrayData probabilities) {
        return probabilities == null ? null : nats(readArray(probabilities));
    }

    /** The entropy of the values of a map of class probabilities. */
    public Double eval(MapData probabilities) {
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
