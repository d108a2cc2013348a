package org.infoprob.sql;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.data.ArrayData;

import java.util.Map;

/**
 * A scalar function that maps a score vector, as an array or as a map of named scores, to a
 * vector of the same length: {@link SoftmaxScalarFunction} and {@link LogSoftmaxScalarFunction}, which differ only in {@link
 * #apply}. Public only so that Flink finds the inherited {@code eval} methods on the public
 * subclasses; not meant to be extended elsewhere ({@code apply} is package-private).
 */
@Internal
public abstract class ScoreVectorFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    ScoreVectorFunction(String name) {
        super(name);
    }

    /** The function of an array at temperature 1; NULL for a NULL or rejected array. */
    public @DataTypeHint("ARRAY<DOUBLE NOT NULL>") double[] eval(
            @DataTypeHint(value = "ARRAY<DOUBLE>", bridgedTo = ArrayData.class) ArrayData scores) {
        return array(scores, 1.0);
    }

    /** The function of an array at the given temperature. */
    public @DataTypeHint("ARRAY<DOUBLE NOT NULL>") double[] eval(
            @DataTypeHint(value = "ARRAY<DOUBLE>", bridgedTo = ArrayData.class) ArrayData scores,
            Double temperature) {
        return array(scores, temperature);
    }

    /** The function of named scores at temperature 1, with the same keys. */
    public @DataTypeHint("MAP<STRING, DOUBLE>") Map<String, Double> eval(
            @DataTypeHint("MAP<STRING, DOUBLE>") Map<String, Double> scores) {
        return map(scores, 1.0);
    }

    /** The function of named scores at the given temperature. */
    public @DataTypeHint("MAP<STRING, DOUBLE>") Map<String, Double> eval(
            @DataTypeHint("MAP<STRING, DOUBLE>") Map<String, Double> scores, Double temperature) {
        return map(scores, temperature);
    }

    /**
     * Writes the result for the first {@code length} scores into {@code out} (which may be
     * {@code scores}).
     *
     * @throws IllegalArgumentException if the math core refuses the scores or the temperature
     */
    abstract void apply(double[] scores, int length, double temperature, double[] out);

    final double[] array(ArrayData scores, Double temperature) {
        if (scores == null || temperature == null) {
            return null;
        }
        int n = readArray(scores);
        if (n < 0) {
            return null;
        }
        try {
            double[] out = new double[n];
            apply(values(), n, temperature, out);
            return out;
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
    }

    final Map<String, Double> map(Map<String, Double> scores, Double temperature) {
        if (scores == null || temperature == null) {
            return null;
        }
        int n = readMap(scores);
        if (n < 0) {
            return null;
        }
        try {
            apply(values(), n, temperature, values());
            return toMap(names(), values(), n);
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
    }
}
