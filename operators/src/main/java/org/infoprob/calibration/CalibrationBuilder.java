package org.infoprob.calibration;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.model.DeadLetterLimits;

/**
 * The settings every calibrator shares.
 *
 * <table>
 *   <caption>Shared settings</caption>
 *   <tr><th>Setter</th><th>Default</th><th>Allowed</th></tr>
 *   <tr><td>{@code setCapacity}</td><td>10,000</td><td>&gt;= 1 labelled examples per segment</td></tr>
 *   <tr><td>{@code setHalfLife}</td><td>2,000</td><td>&gt; 0 examples; {@code Infinity}: no decay</td></tr>
 *   <tr><td>{@code setMinExamples}</td><td>100</td><td>&gt;= 1; below it the parameters stay</td></tr>
 *   <tr><td>{@code setRefitEvery}</td><td>100</td><td>&gt;= 1 labelled examples between fits</td></tr>
 *   <tr><td>{@code setName}</td><td>the class name</td><td>not empty (written as {@code rejectedBy})</td></tr>
 *   <tr><td>{@code setDeadLetterLimits}</td><td>{@link DeadLetterLimits#DEFAULT}</td><td>not null</td></tr>
 * </table>
 *
 * @param <B> the concrete builder
 */
@PublicEvolving
public abstract class CalibrationBuilder<B extends CalibrationBuilder<B>> {
    private int capacity = 10_000;
    private double halfLife = 2_000;
    private int minExamples = 100;
    private int refitEvery = 100;
    private String name;
    private DeadLetterLimits limits = DeadLetterLimits.DEFAULT;

    CalibrationBuilder() {}

    /** Labelled examples kept per segment; the oldest is dropped. */
    public B setCapacity(int capacity) {
        this.capacity = capacity;
        return self();
    }

    /** Examples after which an example's weight halves; {@code Infinity}: no decay. */
    public B setHalfLife(double halfLife) {
        this.halfLife = halfLife;
        return self();
    }

    /** Usable examples a fit needs; below it the parameters stay. */
    public B setMinExamples(int minExamples) {
        this.minExamples = minExamples;
        return self();
    }

    /** Labelled examples between two refits of a segment. */
    public B setRefitEvery(int refitEvery) {
        this.refitEvery = refitEvery;
        return self();
    }

    /** The name written as {@code rejectedBy} into dead letters (e.g. the operator's uid). */
    public B setName(String name) {
        this.name = name;
        return self();
    }

    /** How much of a rejected record a dead letter keeps. */
    public B setDeadLetterLimits(DeadLetterLimits limits) {
        this.limits = limits;
        return self();
    }

    WindowSettings window() {
        return new WindowSettings(capacity, halfLife, minExamples, refitEvery);
    }

    DeadLetterSettings deadLetterSettings(String defaultName) {
        return new DeadLetterSettings(name == null ? defaultName : name, limits);
    }

    abstract B self();
}
