package org.infoprob.sql;

import org.apache.flink.table.data.TimestampData;

/**
 * The calls of the information aggregates without a temperature ({@code CLASS_SURPRISAL},
 * {@code CLASS_SCORE}, {@code CLASS_ENTROPY}): {@code (class [, alpha [, smoothing]])} and, with a
 * half-life, {@code (class, time, halfLife [, alpha [, smoothing]])}, each
 * row scored against the counts before it and then counted, and the matching retractions. The
 * subclasses name the field they return ({@link #value}).
 */
abstract class AlphaAggregateFunction extends InformationAggregateFunction {

    private static final long serialVersionUID = 1L;

    AlphaAggregateFunction(String name, int maxClasses) {
        super(name, maxClasses, false);
    }

    /** Scores the row's class with additive smoothing {@code a = 1}, then counts it. */
    public void accumulate(ClassCountAccumulator acc, String cls) {
        accumulate(acc, cls, SurprisalScalarFunction.DEFAULT_ALPHA, DEFAULT_SMOOTHING);
    }

    /** Scores the row's class with additive smoothing {@code alpha}, then counts it. */
    public void accumulate(ClassCountAccumulator acc, String cls, Number alpha) {
        accumulate(acc, cls, alpha, DEFAULT_SMOOTHING);
    }

    /** Scores the row's class with smoothing {@code alpha} of the given kind, then counts it. */
    public void accumulate(ClassCountAccumulator acc, String cls, Number alpha, String smoothing) {
        scoreAndCount(acc, cls, 1.0, alpha, smoothing);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls) {
        retractClass(acc, cls);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls, Number alpha) {
        retractClass(acc, cls);
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls, Number alpha, String smoothing) {
        retractClass(acc, cls);
    }

    /**
     * With a half-life: scores the row's class at {@code time} against the counts decayed to
     * that time (additive smoothing {@code a = 1}), then counts it; see {@link
     * DecayingClassCountAccumulator}.
     */
    public void accumulate(DecayingClassCountAccumulator acc, String cls, TimestampData time, Long halfLife) {
        accumulate(acc, cls, time, halfLife, SurprisalScalarFunction.DEFAULT_ALPHA, DEFAULT_SMOOTHING);
    }

    /** With a half-life and additive smoothing {@code alpha}. */
    public void accumulate(
            DecayingClassCountAccumulator acc, String cls, TimestampData time, Long halfLife, Number alpha) {
        accumulate(acc, cls, time, halfLife, alpha, DEFAULT_SMOOTHING);
    }

    /** With a half-life and smoothing {@code alpha} of the given kind. */
    public void accumulate(
            DecayingClassCountAccumulator acc,
            String cls,
            TimestampData time,
            Long halfLife,
            Number alpha,
            String smoothing) {
        scoreAndCount(acc, cls, time, halfLife, 1.0, alpha, smoothing);
    }

    /** Takes the row of the class at {@code time} back out. */
    public void retract(DecayingClassCountAccumulator acc, String cls, TimestampData time, Long halfLife) {
        retractClass(acc, cls, time, halfLife);
    }

    /** Takes the row of the class at {@code time} back out. */
    public void retract(
            DecayingClassCountAccumulator acc, String cls, TimestampData time, Long halfLife, Number alpha) {
        retractClass(acc, cls, time, halfLife);
    }

    /** Takes the row of the class at {@code time} back out. */
    public void retract(
            DecayingClassCountAccumulator acc,
            String cls,
            TimestampData time,
            Long halfLife,
            Number alpha,
            String smoothing) {
        retractClass(acc, cls, time, halfLife);
    }
}
