package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;

/**
 * {@code CLASS_SURPRISAL(class [, alpha])}: the prequential surprisal of each row's class
 * against the classes before it in its group, in nats: the row is scored first, then counted.
 * Computed by {@link org.infoprob.math.Surprisal} from the counts before the row:
 *
 * <pre>
 *   p_x = (c_x + a) / (C + a (V + 1)),   CLASS_SURPRISAL = -ln p_x,   a = 1 by default
 * </pre>
 *
 * where {@code c_x} counts the earlier rows of class {@code x}, {@code C} all earlier rows and
 * {@code V} their distinct classes; the first row of a class gets the reserved slot {@code a /
 * (C + a (V + 1))}. Made for an OVER window:
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION CLASS_SURPRISAL AS 'org.infoprob.sql.ClassSurprisalAggregateFunction';
 * SELECT k, cls,
 *        CLASS_SURPRISAL(cls) OVER (PARTITION BY k ORDER BY ts
 *            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS surprisal
 * FROM events;
 * -- classes a, a, b, a, c of one key give 0, ln 3/2, ln 4, ln 2, ln 7
 * }</pre>
 *
 * <ul>
 *   <li>A class of any character type (and an alpha of any numeric type) in, {@code DOUBLE} out.
 *   <li>{@code ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW} gives the running estimate of
 *       the DataStream operator without decay; {@code ROWS BETWEEN n PRECEDING AND CURRENT ROW}
 *       scores each row against the {@code n} rows before it (Flink retracts the oldest row
 *       before it adds the current one). Use ROWS, not RANGE: with RANGE, rows with equal
 *       time are added together and all get the value of the last of them.
 *   <li>In a GROUP BY, the value is that of the row added last, which depends on arrival order;
 *       the function has no {@code merge}, so the planner does not split it into local and
 *       global aggregation, and it cannot be used in session windows.
 *   <li>A NULL class gives NULL and is not counted; a NULL alpha gives NULL but the class is
 *       counted (counts do not depend on alpha).
 *   <li>Rejected rows give NULL and are counted in the metric group {@code CLASS_SURPRISAL}: an
 *       empty class name ({@code EMPTY_CLASS_NAME}) and a new class beyond the class limit
 *       ({@code TOO_MANY_CLASSES}, default {@value ClassCountAccumulator#DEFAULT_MAX_CLASSES})
 *       are not counted; an alpha that is negative, NaN or infinite, or alpha 0 on the first
 *       row of the group ({@code OUT_OF_RANGE}) give NULL, the class is still counted.
 *   <li>State: see {@link ClassCountAccumulator}, {@code O(V)} per group.
 * </ul>
 */
@PublicEvolving
public class ClassSurprisalAggregateFunction extends ClassAggregateFunction<Double> {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "CLASS_SURPRISAL";

    /** At most {@link ClassCountAccumulator#DEFAULT_MAX_CLASSES} classes per group. */
    public ClassSurprisalAggregateFunction() {
        this(ClassCountAccumulator.DEFAULT_MAX_CLASSES);
    }

    /**
     * At most {@code maxClasses} classes per group; register the instance with {@code
     * tEnv.createTemporarySystemFunction(name, function)}.
     */
    public ClassSurprisalAggregateFunction(int maxClasses) {
        super(NAME, maxClasses, SqlTypeInference.DOUBLE, "alpha");
    }

    /** Scores the row's class with smoothing {@code a = 1}, then counts it. */
    public void accumulate(ClassCountAccumulator acc, String cls) {
        accumulate(acc, cls, SurprisalScalarFunction.DEFAULT_ALPHA);
    }

    /** Scores the row's class with smoothing {@code alpha}, then counts it. */
    public void accumulate(ClassCountAccumulator acc, String cls, Number alpha) {
        int index = admit(acc, cls);
        if (index == SKIP) {
            return;
        }
        if (alpha != null) {
            try {
                acc.result =
                        org.infoprob.math.Surprisal.nats(
                                acc.countAt(index), acc.total, acc.distinct(), alpha.doubleValue());
            } catch (IllegalArgumentException e) {
                reject(e);
            }
        }
        acc.add(index, cls, 1);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls) {
        retractClass(acc, cls);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls, Number alpha) {
        retractClass(acc, cls);
    }

    @Override
    public Double getValue(ClassCountAccumulator acc) {
        return acc.result;
    }
}
