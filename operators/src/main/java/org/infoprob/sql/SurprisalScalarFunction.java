package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;

import static org.infoprob.sql.SqlTypeInference.NUMBER;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * {@code SURPRISAL(count, total, distinct [, alpha])}: the self-information in nats of a class
 * seen {@code count} times among {@code total} observations of {@code distinct} classes, with
 * additive smoothing; computed by {@link org.infoprob.math.Surprisal}. For running counts per
 * key use the aggregate {@link ClassSurprisalAggregateFunction}.
 *
 * <pre>
 *   p_x = (c_x + a) / (C + a (V + 1)),   SURPRISAL = -ln p_x   (nats),   a = 1 by default
 * </pre>
 *
 * The {@code +1} reserves mass for a class never seen, so {@code count = 0} gives a finite
 * value.
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION SURPRISAL AS 'org.infoprob.sql.SurprisalScalarFunction';
 * SELECT SURPRISAL(1, 4, 2);        -- -ln(2/7) = 1.2527629684953681
 * SELECT SURPRISAL(0, 4, 2);        -- a new class: ln 7 = 1.9459101090932196
 * SELECT SURPRISAL(5, 10, 2, 0.0);  -- no smoothing: -ln(1/2) = ln 2
 * }</pre>
 *
 * <ul>
 *   <li>Arguments of any numeric type, {@code DOUBLE} out; divide
 *       by {@code LN(2)} for bits. A NULL argument gives NULL. With {@code alpha = 0} an unseen
 *       class gives +inf.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code SURPRISAL} as {@code
 *       OUT_OF_RANGE}: a count, total, distinct or alpha that is negative, NaN or infinite,
 *       {@code count > total}, or {@code total = 0} with {@code alpha = 0}.
 * </ul>
 */
@PublicEvolving
public class SurprisalScalarFunction extends InfoprobScalarFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "SURPRISAL";

    /** The default additive smoothing {@code a}. */
    public static final double DEFAULT_ALPHA = 1.0;

    public SurprisalScalarFunction() {
        super(NAME);
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return SqlTypeInference.scalar(
                3,
                new SqlTypeInference.Argument[] {
                    argument("count", NUMBER),
                    argument("total", NUMBER),
                    argument("distinct", NUMBER),
                    argument("alpha", NUMBER)
                },
                TypeStrategies.explicit(SqlTypeInference.DOUBLE));
    }

    /** The surprisal with smoothing {@code a = 1}. */
    public Double eval(Number count, Number total, Number distinct) {
        return eval(count, total, distinct, DEFAULT_ALPHA);
    }

    /** The surprisal with smoothing {@code alpha}. */
    public Double eval(Number count, Number total, Number distinct, Number alpha) {
        if (count == null || total == null || distinct == null || alpha == null) {
            return null;
        }
        try {
            return org.infoprob.math.Surprisal.nats(
                    count.doubleValue(), total.doubleValue(), distinct.doubleValue(), alpha.doubleValue());
        } catch (IllegalArgumentException e) {
            return reject(e);
        }
    }
}
