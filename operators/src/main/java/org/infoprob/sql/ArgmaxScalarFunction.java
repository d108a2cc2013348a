package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.TypeInference;

import static org.infoprob.sql.SqlTypeInference.SCORES;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * {@code ARGMAX(values)}: the position (1-based, like SQL array indexing) of the largest array
 * entry, or the name of the largest map entry; computed by {@link
 * org.infoprob.math.Ranking#argmax}. Softmax is monotone, so scores and probabilities give the
 * same answer.
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION ARGMAX AS 'org.infoprob.sql.ArgmaxScalarFunction';
 * SELECT ARGMAX(ARRAY[0.2, 0.5, 0.3]);               -- 2
 * SELECT ARGMAX(MAP['cat', 2.0, 'dog', 1.0]);        -- 'cat'
 * SELECT scores[ARGMAX(scores)] FROM t;              -- the top score itself
 * }</pre>
 *
 * <ul>
 *   <li>{@code ARRAY<numeric>} in, {@code INT} out; {@code MAP<STRING, numeric>} in, {@code
 *       STRING} out (any numeric type). A NULL argument gives NULL.
 *   <li>Ties go to the first: the lower position, or the map entry that comes first in the
 *       map's order (the order of {@code MAP_FROM_ARRAYS} or {@code MAP[...]}), as in {@link
 *       org.infoprob.math.Ranking} and the DataStream operators; infinities rank as usual.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code ARGMAX}: an empty
 *       array or map ({@code EMPTY_SCORES}), a NaN ({@code NON_FINITE_SCORE}), a NULL entry
 *       ({@code MISSING_FIELD}), a NULL or empty class name ({@code EMPTY_CLASS_NAME}), a class
 *       name twice ({@code DUPLICATE_CLASS}).
 * </ul>
 */
@PublicEvolving
public class ArgmaxScalarFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "ARGMAX";

    public ArgmaxScalarFunction() {
        super(NAME);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return SqlTypeInference.scalar(
                1,
                new SqlTypeInference.Argument[] {argument("values", SCORES)},
                SqlTypeInference.byShape(DataTypes.INT(), SqlTypeInference.STRING));
    }

    /** The 1-based position of the largest entry. */
    public Integer eval(ArrayData values) {
        if (values == null) {
            return null;
        }
        int index = argmax(readArray(values));
        return index < 0 ? null : index + 1;
    }

    /** The class name of the largest entry. */
    public StringData eval(MapData values) {
        if (values == null) {
            return null;
        }
        int index = argmax(readMap(values));
        return index < 0 ? null : names()[index];
    }

    /** The 0-based arg-max of the first {@code n} buffered values, or -1 if rejected. */
    private int argmax(int n) {
        if (n < 0) {
            return -1;
        }
        try {
            return org.infoprob.math.Ranking.argmax(values(), n);
        } catch (IllegalArgumentException e) {
            reject(e);
            return -1;
        }
    }
}
