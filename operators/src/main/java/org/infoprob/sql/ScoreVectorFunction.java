package org.infoprob.sql;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.types.inference.TypeInference;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.infoprob.sql.SqlTypeInference.DOUBLE_ARRAY;
import static org.infoprob.sql.SqlTypeInference.DOUBLE_MAP;
import static org.infoprob.sql.SqlTypeInference.NUMBER;
import static org.infoprob.sql.SqlTypeInference.SCORES;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * A scalar function that maps a score vector, as an array or as a map of named scores, to a
 * vector of the same length: {@link SoftmaxScalarFunction} and {@link
 * LogSoftmaxScalarFunction}, which differ only in {@link #apply}. Public only so that Flink
 * finds the inherited {@code eval} methods on the public subclasses; not meant to be extended
 * elsewhere ({@code apply} is package-private).
 *
 * <p>Types: {@code (ARRAY<numeric> [, numeric])} to {@code ARRAY<DOUBLE>}, {@code
 * (MAP<STRING, numeric> [, numeric])} to {@code MAP<STRING, DOUBLE>} with the same keys in the
 * same order; see {@link SqlTypeInference}.
 */
@Internal
public abstract class ScoreVectorFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    ScoreVectorFunction(String name) {
        super(name);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return SqlTypeInference.scalar(
                1,
                new SqlTypeInference.Argument[] {
                    argument("scores", SCORES), argument("temperature", NUMBER)
                },
                SqlTypeInference.byShape(DOUBLE_ARRAY, DOUBLE_MAP));
    }

    /** The function of an array at temperature 1; NULL for a NULL or rejected array. */
    public ArrayData eval(ArrayData scores) {
        return array(scores, 1.0);
    }

    /** The function of an array at the given temperature. */
    public ArrayData eval(ArrayData scores, Number temperature) {
        return temperature == null ? null : array(scores, temperature.doubleValue());
    }

    /** The function of named scores at temperature 1, with the same keys. */
    public MapData eval(MapData scores) {
        return map(scores, 1.0);
    }

    /** The function of named scores at the given temperature. */
    public MapData eval(MapData scores, Number temperature) {
        return temperature == null ? null : map(scores, temperature.doubleValue());
    }

    /**
     * Writes the result for the first {@code length} scores into {@code out} (which may be
     * {@code scores}).
     *
     * @throws IllegalArgumentException if the math core refuses the scores or the temperature
     */
    abstract void apply(double[] scores, int length, double temperature, double[] out);

    private ArrayData array(ArrayData scores, double temperature) {
        if (scores == null) {
            return null;
        }
        int n = readArray(scores);
        if (n < 0) {
            return null;
        }
        try {
            double[] out = new double[n];
            apply(values(), n, temperature, out);
            return new GenericArrayData(out);
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
    }

    private MapData map(MapData scores, double temperature) {
        if (scores == null) {
            return null;
        }
        int n = readMap(scores);
        if (n < 0) {
            return null;
        }
        try {
            apply(values(), n, temperature, values());
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
        // A GenericMapData (Flink's code for m['key'] reads no other kind but BinaryMapData),
        // in the argument's order.
        Map<Object, Object> out = new LinkedHashMap<>((int) (n / 0.75f) + 1);
        for (int i = 0; i < n; i++) {
            out.put(names()[i], values()[i]);
        }
        return new GenericMapData(out);
    }
}
