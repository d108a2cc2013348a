package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.data.TimestampData;
import org.infoprob.math.EventScores;

/**
 * {@code RARITY(class [, temperature [, alpha [, smoothing]]])}, {@code
 * RARITY(class, time, half_life [, temperature [, alpha [, smoothing]]])}: the prequential rarity
 * probability of each row's class, the companion of {@link ClassSurprisalAggregateFunction}:
 * scored against the counts before the row, then counted. Computed by {@link
 * org.infoprob.math.InformationScorer}, as the DataStream information operator computes its
 * {@code rarity}:
 *
 * <pre>
 *   RARITY = p_x^(-1/T) / (sum_j p_j^(-1/T) + p_unseen^(-1/T))      over the V classes seen and the unseen slot
 * </pre>
 *
 * that is {@code softmax(I / T)} of the surprisals ({@code p} as for {@link
 * ClassSurprisalAggregateFunction}; a new class is the unseen slot), {@code T = 1}, {@code a =
 * 1}, additive smoothing by default. With {@code T = 1} the rarity is proportional to {@code 1 /
 * p}. The rarities of the classes seen and of the unseen slot sum to 1, a class never gets a
 * higher rarity than a rarer class, and a group that only ever saw one class gives it a low
 * rarity. The first row of a group has nothing to be rare against: rarity 0.
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION RARITY AS 'org.infoprob.sql.RarityAggregateFunction';
 * SELECT k, cls,
 *        RARITY(cls) OVER (PARTITION BY k ORDER BY ts
 *            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rarity
 * FROM events;
 * -- with counts that halve every hour of event time: RARITY(cls, ts, INTERVAL '1' HOUR, 2.0) OVER (...)
 * -- classes a, a, b, a, c of one key give 0, 1/3, 3/4, 2/11, 4/7:
 * --   q = c + a before each row, unseen slot 1: a: nothing seen -> 0; a: (1/2) / (1/2 + 1);
 * --   b: 1 / (1/3 + 1); a: (1/3) / (1/3 + 1/2 + 1); c: 1 / (1/4 + 1/2 + 1)
 * }</pre>
 *
 * <ul>
 *   <li>A class of any character type, a temperature and alpha of any numeric type and a
 *       smoothing of any character type in, {@code DOUBLE} out.
 *   <li>Windows, GROUP BY, NULLs and the class limit as {@link ClassSurprisalAggregateFunction},
 *       and so is the half-life. A row costs {@code O(V)}: the softmax runs over all classes seen.
 *   <li>Rejected rows give NULL and are counted in the metric group {@code RARITY}, as {@link
 *       ClassSurprisalAggregateFunction}; a temperature that is not finite and &gt; 0 is {@code
 *       OUT_OF_RANGE} (NULL, the class is still counted).
 * </ul>
 */
@PublicEvolving
public class RarityAggregateFunction extends InformationAggregateFunction {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "RARITY";

    /** At most {@link ClassCountAccumulator#DEFAULT_MAX_CLASSES} classes per group. */
    public RarityAggregateFunction() {
        this(ClassCountAccumulator.DEFAULT_MAX_CLASSES);
    }

    /**
     * At most {@code maxClasses} classes per group; register the instance with {@code
     * tEnv.createTemporarySystemFunction(name, function)}.
     */
    public RarityAggregateFunction(int maxClasses) {
        super(NAME, maxClasses, true);
    }

    /** RARITY at temperature 1 with additive smoothing {@code a = 1}. */
    public void accumulate(ClassCountAccumulator acc, String cls) {
        accumulate(acc, cls, 1.0, SurprisalScalarFunction.DEFAULT_ALPHA, DEFAULT_SMOOTHING);
    }

    /** RARITY at the given temperature with additive smoothing {@code a = 1}. */
    public void accumulate(ClassCountAccumulator acc, String cls, Number temperature) {
        accumulate(acc, cls, temperature, SurprisalScalarFunction.DEFAULT_ALPHA, DEFAULT_SMOOTHING);
    }

    /** RARITY at the given temperature with additive smoothing {@code alpha}. */
    public void accumulate(ClassCountAccumulator acc, String cls, Number temperature, Number alpha) {
        accumulate(acc, cls, temperature, alpha, DEFAULT_SMOOTHING);
    }

    /** RARITY at the given temperature with smoothing {@code alpha} of the given kind. */
    public void accumulate(
            ClassCountAccumulator acc, String cls, Number temperature, Number alpha, String smoothing) {
        scoreAndCount(acc, cls, temperature, alpha, smoothing);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls) {
        retractClass(acc, cls);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls, Number temperature) {
        retractClass(acc, cls);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls, Number temperature, Number alpha) {
        retractClass(acc, cls);
    }

    /** Takes one observation of the class back out. */
    public void retract(
            ClassCountAccumulator acc, String cls, Number temperature, Number alpha, String smoothing) {
        retractClass(acc, cls);
    }

    /**
     * With a half-life: the rarity of the row's class at {@code time} against the counts decayed
     * to that time (T = 1, additive smoothing {@code a = 1}), then counts it; see {@link
     * DecayingClassCountAccumulator}.
     */
    public void accumulate(DecayingClassCountAccumulator acc, String cls, TimestampData time, Long halfLife) {
        accumulate(acc, cls, time, halfLife, 1.0, SurprisalScalarFunction.DEFAULT_ALPHA, DEFAULT_SMOOTHING);
    }

    /** With a half-life, at the given temperature, additive smoothing {@code a = 1}. */
    public void accumulate(
            DecayingClassCountAccumulator acc, String cls, TimestampData time, Long halfLife, Number temperature) {
        accumulate(acc, cls, time, halfLife, temperature, SurprisalScalarFunction.DEFAULT_ALPHA, DEFAULT_SMOOTHING);
    }

    /** With a half-life, at the given temperature, additive smoothing {@code alpha}. */
    public void accumulate(
            DecayingClassCountAccumulator acc,
            String cls,
            TimestampData time,
            Long halfLife,
            Number temperature,
            Number alpha) {
        accumulate(acc, cls, time, halfLife, temperature, alpha, DEFAULT_SMOOTHING);
    }

    /** With a half-life, at the given temperature, smoothing {@code alpha} of the given kind. */
    public void accumulate(
            DecayingClassCountAccumulator acc,
            String cls,
            TimestampData time,
            Long halfLife,
            Number temperature,
            Number alpha,
            String smoothing) {
        scoreAndCount(acc, cls, time, halfLife, temperature, alpha, smoothing);
    }

    /** Takes the row of the class at {@code time} back out. */
    public void retract(DecayingClassCountAccumulator acc, String cls, TimestampData time, Long halfLife) {
        retractClass(acc, cls, time, halfLife);
    }

    /** Takes the row of the class at {@code time} back out. */
    public void retract(
            DecayingClassCountAccumulator acc, String cls, TimestampData time, Long halfLife, Number temperature) {
        retractClass(acc, cls, time, halfLife);
    }

    /** Takes the row of the class at {@code time} back out. */
    public void retract(
            DecayingClassCountAccumulator acc,
            String cls,
            TimestampData time,
            Long halfLife,
            Number temperature,
            Number alpha) {
        retractClass(acc, cls, time, halfLife);
    }

    /** Takes the row of the class at {@code time} back out. */
    public void retract(
            DecayingClassCountAccumulator acc,
            String cls,
            TimestampData time,
            Long halfLife,
            Number temperature,
            Number alpha,
            String smoothing) {
        retractClass(acc, cls, time, halfLife);
    }

    @Override
    double value(EventScores scores) {
        return scores.rarity();
    }
}
