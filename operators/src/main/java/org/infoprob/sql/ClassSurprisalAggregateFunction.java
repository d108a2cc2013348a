package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.math.EventScores;

/**
 * {@code CLASS_SURPRISAL(class [, alpha [, smoothing]])}, {@code
 * CLASS_SURPRISAL(class, time, half_life [, alpha [, smoothing]])}: the prequential surprisal of each row's
 * class against the classes before it in its group, in nats: the row is scored first, then
 * counted. Computed by {@link org.infoprob.math.InformationScorer}, as the DataStream
 * information operator computes its {@code surprisal}, from the counts before the row:
 *
 * <pre>
 *   D = C + a (V + 1)
 *   additive      p_x = (c_x + a) / D,   p_unseen = a / D                       (the default)
 *   good-turing   p_x = (1 - u) (c_x + a) / (C + a V),   u = p_unseen = (N1 + a) / D
 *   CLASS_SURPRISAL = -ln p_x,   a = 1 by default
 * </pre>
 *
 * where {@code c_x} counts the earlier rows of class {@code x}, {@code C} all earlier rows,
 * {@code V} their distinct classes and {@code N1} the classes seen in exactly one row; the first
 * row of a class gets the unseen slot. Made for an OVER window:
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION CLASS_SURPRISAL AS 'org.infoprob.sql.ClassSurprisalAggregateFunction';
 * SELECT k, cls,
 *        CLASS_SURPRISAL(cls) OVER (PARTITION BY k ORDER BY ts
 *            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS surprisal
 * FROM events;
 * -- with counts that halve every hour of event time:
 * --   CLASS_SURPRISAL(cls, ts, INTERVAL '1' HOUR) OVER (...)
 * -- classes a, a, b, a, c of one key give 0, ln 3/2, ln 4, ln 2, ln 7
 * }</pre>
 *
 * <ul>
 *   <li>A class of any character type, an alpha of any numeric type and a smoothing of any
 *       character type in, {@code DOUBLE} out.
 *   <li>{@code ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW} gives the running estimate of
 *       the DataStream operator without decay, to the bit; {@code ROWS BETWEEN n PRECEDING AND
 *       CURRENT ROW} scores each row against the {@code n} rows before it (Flink retracts the
 *       oldest row before it adds the current one). Use ROWS, not RANGE: with RANGE, rows with
 *       equal time are added together and all get the value of the last of them.
 *   <li>With a half-life, {@code (class, time, half_life [, ...])}: {@code time} a {@code
 *       TIMESTAMP_LTZ} or {@code TIMESTAMP} (the rowtime), {@code half_life} an {@code INTERVAL
 *       DAY TO SECOND} such as {@code INTERVAL '1' HOUR}; the counts decay as {@code 2^{-(now -
 *       t_i)/h}}, "now" the group's largest time, exactly as the DataStream operator's {@code
 *       setHalfLife} (see {@link DecayingClassCountAccumulator}; a retracted row takes back its
 *       own weight). A NULL time or half-life gives NULL and is not counted; a half-life that
 *       is not &gt; 0 is {@code OUT_OF_RANGE}, not counted. Without one, every earlier row
 *       weighs 1.
 *   <li>In a GROUP BY, the value is that of the row added last, which depends on arrival order;
 *       the function has no {@code merge}, so the planner does not split it into local and
 *       global aggregation, and it cannot be used in session windows.
 *   <li>A NULL class gives NULL and is not counted; a NULL alpha or smoothing gives NULL but
 *       the class is counted (counts do not depend on them).
 *   <li>Rejected rows give NULL and are counted in the metric group {@code CLASS_SURPRISAL}: an
 *       empty class name ({@code EMPTY_CLASS_NAME}) and a new class beyond the class limit
 *       ({@code TOO_MANY_CLASSES}, default {@value ClassCountAccumulator#DEFAULT_MAX_CLASSES})
 *       are not counted; an alpha outside [1e-10, 1e100] or an unknown smoothing ({@code
 *       OUT_OF_RANGE}) give NULL, the class is still counted.
 *   <li>State: see {@link ClassCountAccumulator}, {@code O(V)} per group.
 * </ul>
 */
@PublicEvolving
public class ClassSurprisalAggregateFunction extends AlphaAggregateFunction {

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
        super(NAME, maxClasses);
    }

    @Override
    double value(EventScores scores) {
        return scores.surprisal();
    }
}
