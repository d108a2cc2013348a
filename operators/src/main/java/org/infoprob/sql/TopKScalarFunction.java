package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.TypeInference;
import org.infoprob.model.Reason;

import static org.infoprob.sql.SqlTypeInference.INT_ARRAY;
import static org.infoprob.sql.SqlTypeInference.NUMBER;
import static org.infoprob.sql.SqlTypeInference.SCORES;
import static org.infoprob.sql.SqlTypeInference.STRING_ARRAY;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * {@code TOP_K(values, k)}: the positions (1-based) of the {@code min(k, n)} largest array
 * entries, or the names of the largest map entries, largest first; computed by {@link
 * org.infoprob.math.Ranking#topK}.
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION TOP_K AS 'org.infoprob.sql.TopKScalarFunction';
 * SELECT TOP_K(ARRAY[0.2, 0.5, 0.3], 2);                      -- [2, 3]
 * SELECT TOP_K(MAP['cat', 2.0, 'dog', 1.0, 'bird', -0.5], 2); -- ['cat', 'dog']
 * }</pre>
 *
 * <ul>
 *   <li>{@code (ARRAY<numeric>, k)} in, {@code ARRAY<INT>} out; {@code (MAP<STRING, numeric>,
 *       k)} in, {@code ARRAY<STRING>} out; {@code k} of any numeric type with a whole value. A
 *       NULL argument gives NULL; an empty array or map gives an empty array (the math core's
 *       policy).
 *   <li>Ties go to the first: the lower position, or the map entry that comes first in the
 *       map's order, as in {@link org.infoprob.math.Ranking} and the DataStream operators.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code TOP_K}: {@code k <
 *       1} or not a whole number ({@code OUT_OF_RANGE}), a NaN ({@code NON_FINITE_SCORE}), a
 *       NULL entry ({@code MISSING_FIELD}), a NULL or empty class name ({@code
 *       EMPTY_CLASS_NAME}), a class name twice ({@code DUPLICATE_CLASS}).
 * </ul>
 */
@PublicEvolving
public class TopKScalarFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "TOP_K";

    public TopKScalarFunction() {
        super(NAME);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return SqlTypeInference.scalar(
                2,
                new SqlTypeInference.Argument[] {argument("values", SCORES), argument("k", NUMBER)},
                SqlTypeInference.byShape(INT_ARRAY, STRING_ARRAY));
    }

    /** The 1-based positions of the {@code k} largest entries, largest first. */
    public ArrayData eval(ArrayData values, Number k) {
        if (values == null || k == null) {
            return null;
        }
        int[] top = topK(readArray(values), k);
        if (top == null) {
            return null;
        }
        for (int i = 0; i < top.length; i++) {
            top[i]++;
        }
        return new GenericArrayData(top);
    }

    /** The class names of the {@code k} largest entries, largest first. */
    public ArrayData eval(MapData values, Number k) {
        if (values == null || k == null) {
            return null;
        }
        int[] top = topK(readMap(values), k);
        if (top == null) {
            return null;
        }
        StringData[] out = new StringData[top.length];
        for (int i = 0; i < top.length; i++) {
            out[i] = names()[top[i]];
        }
        return new GenericArrayData(out);
    }

    /** The 0-based top-k of the first {@code n} buffered values, or null if rejected. */
    private int[] topK(int n, Number k) {
        if (n < 0) {
            return null;
        }
        double whole = k.doubleValue();
        if (whole != Math.rint(whole)) {
            return reject(Reason.OUT_OF_RANGE);
        }
        // Beyond n, every k gives all n entries; k < 1 is left to the math core to reject.
        int kk = (int) Math.max(Math.min(whole, Integer.MAX_VALUE), Integer.MIN_VALUE);
        try {
            int[] out = new int[Math.max(0, Math.min(kk, n))];
            org.infoprob.math.Ranking.topK(values(), n, kk, out);
            return out;
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
    }
}
