package org.infoprob.sql;

import org.apache.flink.table.data.TimestampData;
import org.infoprob.math.EventScores;
import org.infoprob.model.Reason;

import static org.infoprob.sql.SqlTypeInference.NUMBER;
import static org.infoprob.sql.SqlTypeInference.SMOOTHING;
import static org.infoprob.sql.SqlTypeInference.argument;

/**
 * What the prequential information aggregates ({@code CLASS_SURPRISAL}, {@code CLASS_SCORE},
 * {@code CLASS_ENTROPY}, {@code RARITY}) share: each row is scored by {@link
 * org.infoprob.math.InformationScorer} against the counts before it, then counted; the
 * functions differ only in the field of the scores they return ({@link #value}) and in whether
 * they take a temperature.
 *
 * <p>Settings per row: temperature {@code T} (finite and &gt; 0; RARITY only), smoothing {@code
 * a} in [1e-10, 1e100], smoothing kind {@code 'additive'} or {@code 'good-turing'} (any case,
 * {@code -} or {@code _}). A NULL setting gives NULL and the class is still counted; a setting
 * out of range gives NULL, is counted as {@code OUT_OF_RANGE}, and the class is still counted
 * (counts do not depend on the settings).
 *
 * <p>With a half-life, {@code (class, time, half_life [, ...])}, the counts decay in event time
 * ({@link DecayingClassCountAccumulator}): a NULL time or half-life gives NULL and the row is not
 * counted (the counts depend on them), a half-life that is not &gt; 0 is {@code OUT_OF_RANGE}
 * (NULL, not counted); the other settings as above.
 */
abstract class InformationAggregateFunction extends ClassAggregateFunction<Double> {

    private static final long serialVersionUID = 1L;

    /** The default smoothing kind. */
    static final String DEFAULT_SMOOTHING = "additive";

    private final boolean withTemperature;

    /**
     * Arguments {@code (class [, temperature [, alpha [, smoothing]]])} with a temperature, else
     * {@code (class [, alpha [, smoothing]])}.
     */
    InformationAggregateFunction(String name, int maxClasses, boolean withTemperature) {
        super(name, maxClasses, SqlTypeInference.DOUBLE);
        this.withTemperature = withTemperature;
    }

    @Override
    SqlTypeInference.Argument[] optionalArguments() {
        SqlTypeInference.Argument alpha = argument("alpha", NUMBER);
        SqlTypeInference.Argument smoothing = argument("smoothing", SMOOTHING);
        return withTemperature
                ? new SqlTypeInference.Argument[] {argument("temperature", NUMBER), alpha, smoothing}
                : new SqlTypeInference.Argument[] {alpha, smoothing};
    }

    /** The function's field of the row's scores. */
    abstract double value(EventScores scores);

    /** Scores the row's class with the given settings (null: NULL result), then counts it. */
    final void scoreAndCount(
            ClassCountAccumulator acc, String cls, Number temperature, Number alpha, String smoothing) {
        int index = admit(acc, cls);
        if (index == SKIP) {
            return;
        }
        setResult(acc, index, temperature, alpha, smoothing);
        acc.add(index, cls);
    }

    /** Sets the row's result from the counts before it, unless a setting is NULL or refused. */
    private void setResult(
            ClassCountAccumulator acc, int index, Number temperature, Number alpha, String smoothing) {
        if (temperature != null && alpha != null && smoothing != null) {
            try {
                acc.result = value(score(acc, index, smoothing, alpha.doubleValue(), temperature.doubleValue()));
            } catch (IllegalArgumentException e) {
                reject(e);
            }
        }
    }

    /**
     * Scores the row's class at {@code time} against the counts decayed to {@code max(now,
     * time)}, then counts it with weight {@code 2^{-(now - time)/h}} (see {@link
     * DecayingClassCountAccumulator}).
     */
    final void scoreAndCount(
            DecayingClassCountAccumulator acc,
            String cls,
            TimestampData time,
            Long halfLifeMillis,
            Number temperature,
            Number alpha,
            String smoothing) {
        int index = admit(acc, cls);
        if (index == SKIP || time == null || halfLifeMillis == null) {
            return;
        }
        if (halfLifeMillis <= 0) {
            reject(Reason.OUT_OF_RANGE);
            return;
        }
        long t = time.getMillisecond();
        acc.halfLife(halfLifeMillis);
        acc.advance(t);
        setResult(acc, index, temperature, alpha, smoothing);
        acc.add(index, cls, t);
    }

    /** Takes back the row of {@code cls} at {@code time}, if it was counted. */
    final void retractClass(
            DecayingClassCountAccumulator acc, String cls, TimestampData time, Long halfLifeMillis) {
        if (cls != null && time != null && halfLifeMillis != null && halfLifeMillis > 0) {
            acc.removeOne(cls, time.getMillisecond());
        }
    }

    /** A group's counts start with the half-life fields, used by the calls with a half-life. */
    @Override
    public ClassCountAccumulator createAccumulator() {
        return new DecayingClassCountAccumulator();
    }

    @Override
    boolean decays() {
        return true;
    }

    @Override
    public Double getValue(ClassCountAccumulator acc) {
        return acc.result;
    }
}
