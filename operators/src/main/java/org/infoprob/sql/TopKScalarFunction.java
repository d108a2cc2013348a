package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.ArrayData;

import java.util.Map;

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
 *   <li>{@code (ARRAY<DOUBLE>, INT)} in, {@code ARRAY<INT NOT NULL>} out; {@code (MAP<STRING,
 *       DOUBLE>, INT)} in, {@code ARRAY<STRING NOT NULL>} out. A NULL argument gives NULL; an
 *       empty array or map gives an empty array (the math core's policy).
 *   <li>Ties go to the lower position, or to the smaller class name.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code TOP_K}: {@code k <
 *       1} ({@code OUT_OF_RANGE}), a NaN ({@code NON_FINITE_SCORE}), a NULL entry ({@code
 *       MISSING_FIELD}), a NULL or empty class name ({@code EMPTY_CLASS_NAME}).
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

    /** The 1-based positions of the {@code k} largest entries, largest first. */
    public @DataTypeHint("ARRAY<INT NOT NULL>") int[] eval(
            @DataTypeHint(value = "ARRAY<DOUBLE>", bridgedTo = ArrayData.class) ArrayData values,
            Integer k) {
        if (values == null || k == null) {
            return null;
        }
        int[] top = topK(readArray(values), k);
        if (top != null) {
            for (int i = 0; i < top.length; i++) {
                top[i]++;
            }
        }
        return top;
    }

    /** The class names of the {@code k} largest entries, largest first. */
    public @DataTypeHint("ARRAY<STRING NOT NULL>") String[] eval(
            @DataTypeHint("MAP<STRING, DOUBLE>") Map<String, Double> values, Integer k) {
        if (values == null || k == null) {
            return null;
        }
        int[] top = topK(readMap(values), k);
        if (top == null) {
            return null;
        }
        String[] out = new String[top.length];
        for (int i = 0; i < top.length; i++) {
            out[i] = names()[top[i]];
        }
        return out;
    }

    /** The 0-based top-k of the first {@code n} buffered values, or null if rejected. */
    private int[] topK(int n, int k) {
        if (n < 0) {
            return null;
        }
        try {
            // k < 1 is left to the math core to reject; the buffer size must not go negative.
            int[] out = new int[Math.max(0, Math.min(k, n))];
            org.infoprob.math.Ranking.topK(values(), n, k, out);
            return out;
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
    }
}
