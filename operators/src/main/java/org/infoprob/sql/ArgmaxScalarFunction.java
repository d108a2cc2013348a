package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.ArrayData;

import java.util.Map;

/**
 * {@code ARGMAX(values)}: the position (1-based, like SQL array indexing) of the largest array
 * entry, or the name of the largest map entry; computed by {@link
 * org.infoprob.math.Ranking#argmax}. SoftmaxScalarFunction is monotone, so scores and probabilities give the
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
 *   <li>{@code ARRAY<DOUBLE>} in, {@code INT} out; {@code MAP<STRING, DOUBLE>} in, {@code STRING}
 *       out. A NULL argument gives NULL.
 *   <li>Ties go to the lower position, or to the smaller class name (map keys are compared as
 *       Java strings); infinities rank as usual.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code ARGMAX}: an empty
 *       array or map ({@code EMPTY_SCORES}), a NaN ({@code NON_FINITE_SCORE}), a NULL entry
 *       ({@code MISSING_FIELD}), a NULL or empty class name ({@code EMPTY_CLASS_NAME}).
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

    /** The 1-based position of the largest entry. */
    public Integer eval(
            @DataTypeHint(value = "ARRAY<DOUBLE>", bridgedTo = ArrayData.class) ArrayData values) {
        if (values == null) {
            return null;
        }
        int index = argmax(readArray(values));
        return index < 0 ? null : index + 1;
    }

    /** The class name of the largest entry. */
    public String eval(@DataTypeHint("MAP<STRING, DOUBLE>") Map<String, Double> values) {
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
