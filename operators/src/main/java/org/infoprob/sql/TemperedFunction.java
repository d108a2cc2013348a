package org.infoprob.sql;

import org.apache.flink.annotation.Internal;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;

import static org.infoprob.sql.SqlTypeInference.NUMBER;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * A scalar function of one number and a temperature: {@link SigmoidScalarFunction}, {@link
 * LogSigmoidScalarFunction} and {@link LogitScalarFunction}, which differ only in {@link
 * #apply}. Public only so that Flink finds the inherited {@code eval} methods on the public
 * subclasses; not meant to be extended elsewhere ({@code apply} is package-private).
 *
 * <p>Types: {@code (numeric [, numeric])} to {@code DOUBLE}; see {@link SqlTypeInference}.
 */
@Internal
public abstract class TemperedFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    private final String argumentName;

    TemperedFunction(String name, String argumentName) {
        super(name);
        this.argumentName = argumentName;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return SqlTypeInference.scalar(
                1,
                new SqlTypeInference.Argument[] {
                    argument(argumentName, NUMBER), argument("temperature", NUMBER)
                },
                TypeStrategies.explicit(SqlTypeInference.DOUBLE));
    }

    /** The function of {@code x} at temperature 1; NULL for a NULL or rejected argument. */
    public Double eval(Number x) {
        return x == null ? null : value(x.doubleValue(), 1.0);
    }

    /** The function of {@code x} at the given temperature. */
    public Double eval(Number x, Number temperature) {
        return x == null || temperature == null
                ? null
                : value(x.doubleValue(), temperature.doubleValue());
    }

    /**
     * The function of {@code x} at {@code temperature}.
     *
     * @throws IllegalArgumentException if the math core refuses {@code x} or the temperature
     */
    abstract double apply(double x, double temperature);

    private Double value(double x, double temperature) {
        try {
            return apply(x, temperature);
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
    }
}
