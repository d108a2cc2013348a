package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.math.EventScores;

/**
 * {@code CLASS_ENTROPY(class [, alpha [, smoothing]])}, {@code
 * CLASS_ENTROPY(class, time, half_life [, alpha [, smoothing]])}: the entropy of each row's group as it
 * was before the row, over the classes seen and the unseen slot, in nats. Computed by {@link
 * org.infoprob.math.InformationScorer}, as the DataStream information operator computes its
 * {@code entropy}:
 *
 * <pre>
 *   CLASS_ENTROPY = -sum_j p_j ln p_j - p_unseen ln p_unseen      (p as for {@link ClassSurprisalAggregateFunction})
 * </pre>
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION CLASS_ENTROPY AS 'org.infoprob.sql.ClassEntropyAggregateFunction';
 * SELECT k, cls,
 *        CLASS_ENTROPY(cls) OVER (PARTITION BY k ORDER BY ts
 *            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS entropy
 * FROM events;
 * -- with counts that halve every hour of event time:
 * --   CLASS_ENTROPY(cls, ts, INTERVAL '1' HOUR) OVER (...)
 * -- classes a, a, b, a, c of one key give 0, ln 3 - 2/3 ln 2, ln 4 - 3/4 ln 3,
 * --   2/3 ln 2 + 1/2 ln 3, ln 7 - 10/7 ln 2
 * --   (before the last row p = 4/7, 2/7 and 1/7 for a, b and the unseen slot)
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
 *   <li>Rejected rows give NULL and are counted in the metric group {@code CLASS_ENTROPY}: an
 *       empty class name ({@code EMPTY_CLASS_NAME}) and a new class beyond the class limit
 *       ({@code TOO_MANY_CLASSES}, default {@value ClassCountAccumulator#DEFAULT_MAX_CLASSES})
 *       are not counted; an alpha outside [1e-10, 1e100] or an unknown smoothing ({@code
 *       OUT_OF_RANGE}) give NULL, the class is still counted.
 *   <li>State: see {@link ClassCountAccumulator}, {@code O(V)} per group.
 * </ul>
 */
@PublicEvolving
public class ClassEntropyAggregateFunction extends AlphaAggregateFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "CLASS_ENTROPY";

    /** At most {@link ClassCountAccumulator#DEFAULT_MAX_CLASSES} classes per group. */
    public ClassEntropyAggregateFunction() {
        this(ClassCountAccumulator.DEFAULT_MAX_CLASSES);
    }

    /**
     * At most {@code maxClasses} classes per group; register the instance with {@code
     * tEnv.createTemporarySystemFunction(name, function)}.
     */
    public ClassEntropyAggregateFunction(int maxClasses) {
        super(NAME, maxClasses);
    }

    @Override
    double value(EventScores scores) {
        return scores.entropy();
    }
}
