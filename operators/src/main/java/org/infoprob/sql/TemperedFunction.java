package org.infoprob.sql;

/**
 * A scalar function of one number and a temperature: {@link Sigmoid}, {@link LogSigmoid} and
 * {@link Logit}.
 */
abstract class TemperedFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    TemperedFunction(String name) {
        super(name);
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
