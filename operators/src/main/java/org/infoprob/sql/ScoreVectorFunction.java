package org.infoprob.sql;

import org.apache.flink.table.data.ArrayData;

import java.util.Map;

/**
 * A scalar function that maps a score vector, as an array or as a map of named scores, to a
 * vector of the same length: {@link Softmax} and {@link LogSoftmax}.
 */
abstract class ScoreVectorFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    ScoreVectorFunction(String name) {
        super(name);
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
