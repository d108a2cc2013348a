package org.infoprob.sql;

import org.apache.flink.annotation.Internal;

/**
 * A scalar function of one number and a temperature: {@link SigmoidScalarFunction}, {@link LogSigmoidScalarFunction} and
 * {@link LogitScalarFunction}, which differ only in {@link #apply}. Public only so that Flink finds the
 * inherited {@code eval} methods on the public subclasses; not meant to be extended elsewhere
 * ({@code apply} is package-private).
 */
@Internal
public abstract class TemperedFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    TemperedFunction(String name) {
        super(name);
    }

    /** The function of {@code x} at temperature 1; NULL for a NULL or rejected argument. */
    public Double eval(Double x) {
        return value(x, 1.0);
    }

    /** The function of {@code x} at the given temperature. */
    public Double eval(Double x, Double temperature) {
        return value(x, temperature);
    }

    /**
     * The function of {@code x} at {@code temperature}.
     *
     * @throws IllegalArgumentException if the math core refuses {@code x} or the temperature
     */
    abstract double apply(double x, double temperature);

    final Double value(Double x, Double temperature) {
        if (x == null || temperature == null) {
            return null;
        }
        try {
            return apply(x, temperature);
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
    }
}
