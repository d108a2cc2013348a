package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.MetricGroup;
import org.infoprob.model.DeadLetterLimits;

import java.io.Serializable;

/**
 * What an operator writes into its dead letters besides the record: its name ({@code
 * rejectedBy}, e.g. its uid) and the {@link DeadLetterLimits}. Built by the operators' builders,
 * kept in the operator, opened into {@link DeadLetters} in {@code open()}.
 *
 * <pre>{@code
 * DeadLetterSettings settings = new DeadLetterSettings("softmax", DeadLetterLimits.DEFAULT);
 * deadLetters = settings.open(getRuntimeContext().getMetricGroup());
 * }</pre>
 *
 * @param name written as {@code rejectedBy}; not empty
 * @param limits how much of a rejected record a dead letter keeps
 */
@Internal
public record DeadLetterSettings(String name, DeadLetterLimits limits) implements Serializable {

    /** @throws IllegalArgumentException if the name is null or empty, or the limits null */
    public DeadLetterSettings {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Name must not be null or empty, was " + name);
        }
        if (limits == null) {
            throw new IllegalArgumentException("Dead letter limits must not be null");
        }
    }

    /** The dead-letter path of one operator instance, counting into {@code metrics}. */
    public DeadLetters open(MetricGroup metrics) {
        return new DeadLetters(name, limits, metrics);
    }
}
