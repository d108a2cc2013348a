package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.OutputOptions;
import org.infoprob.model.DeadLetterLimits;

/**
 * The settings every probability operator shares, with their defaults in one place; the
 * builders of {@link SoftmaxFunction}, {@link SigmoidFunction}, {@link
 * MultiLabelSigmoidFunction} and {@code ScoreAggregateFunction} extend it. Values are checked
 * in {@code build()}.
 *
 * <table>
 *   <caption>Shared settings</caption>
 *   <tr><th>Setter</th><th>Default</th><th>Allowed</th></tr>
 *   <tr><td>{@code setTemperature(T)}</td><td>1.0</td><td>finite, &gt; 0</td></tr>
 *   <tr><td>{@code setLogProbabilities(b)}</td><td>false</td><td></td></tr>
 *   <tr><td>{@code setTopK(k)}</td><td>0 (off)</td><td>&gt;= 0</td></tr>
 *   <tr><td>{@code setEntropy(b)}</td><td>true</td><td></td></tr>
 *   <tr><td>{@code setMargin(b)}</td><td>true</td><td></td></tr>
 *   <tr><td>{@code setName(name)}</td><td>the operator's class name</td><td>not empty</td></tr>
 *   <tr><td>{@code setDeadLetterLimits(limits)}</td><td>{@link DeadLetterLimits#DEFAULT}</td><td>not null</td></tr>
 * </table>
 *
 * <pre>{@code
 * SoftmaxFunction softmax = SoftmaxFunction.builder().setTemperature(2.0).setTopK(3).build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter
 */
@PublicEvolving
public abstract class ProbabilityOutputBuilder<B extends ProbabilityOutputBuilder<B>> {

    private double temperature = OutputOptions.DEFAULT_TEMPERATURE;
    private boolean logProbabilities = OutputOptions.DEFAULT_LOG_PROBABILITIES;
    private int topK = OutputOptions.DEFAULT_TOP_K;
    private boolean entropy = OutputOptions.DEFAULT_ENTROPY;
    private boolean margin = OutputOptions.DEFAULT_MARGIN;
    private String name;
    private DeadLetterLimits deadLetterLimits = DeadLetterLimits.DEFAULT;

    protected ProbabilityOutputBuilder() {}

    /** The temperature {@code T}: scores are divided by it; {@code T > 1} flattens, {@code T < 1} sharpens. */
    public B setTemperature(double temperature) {
        this.temperature = temperature;
        return self();
    }

    /** Whether to output {@code ln p_i} (computed directly, accurate where {@code p_i} underflows). */
    public B setLogProbabilities(boolean logProbabilities) {
        this.logProbabilities = logProbabilities;
        return self();
    }

    /** Output the {@code k} most probable classes and their probabilities; 0 turns it off. */
    public B setTopK(int k) {
        this.topK = k;
        return self();
    }

    /** Whether to output the entropy in nats. */
    public B setEntropy(boolean entropy) {
        this.entropy = entropy;
        return self();
    }

    /** Whether to output the margin between the two most probable classes. */
    public B setMargin(boolean margin) {
        this.margin = margin;
        return self();
    }

    /**
     * The name written as {@code rejectedBy} into this operator's dead letters (e.g. its uid);
     * default (or null): the operator's class name. For {@code ScoreAggregateFunction}, the name
     * of the dead letters of its {@code validationFunction()}.
     */
    public B setName(String name) {
        this.name = name;
        return self();
    }

    /** How much of a rejected record a dead letter keeps; default {@link DeadLetterLimits#DEFAULT}. */
    public B setDeadLetterLimits(DeadLetterLimits limits) {
        this.deadLetterLimits = limits;
        return self();
    }

    /** The dead-letter settings, {@code defaultName} unless a name was set; for {@code build()}. */
    protected DeadLetterSettings deadLetterSettings(String defaultName) {
        return new DeadLetterSettings(name == null ? defaultName : name, deadLetterLimits);
    }

    /** The validated settings; for {@code build()}. */
    protected OutputOptions outputOptions() {
        return new OutputOptions(temperature, logProbabilities, topK, entropy, margin);
    }

    /** {@code this}, typed as the concrete builder. */
    protected abstract B self();
}
