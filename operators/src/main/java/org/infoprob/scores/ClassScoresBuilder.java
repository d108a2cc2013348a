package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.internal.ScoreValidator;

/**
 * The settings of the operators that take a named score per class ({@link SoftmaxFunction},
 * {@link MultiLabelSigmoidFunction}, {@code ScoreAggregateFunction}): which classes are
 * accepted and how many, on top of the {@link ProbabilityOutputBuilder output settings}. Values
 * are checked in {@code build()}.
 *
 * <table>
 *   <caption>Class settings</caption>
 *   <tr><th>Setter</th><th>Default</th><th>Allowed</th><th>DeadLetterCause</th></tr>
 *   <tr><td>{@code setClasses(names...)}</td><td>any class</td><td>non-empty, unique names</td>
 *       <td>{@code UNKNOWN_CLASS}</td></tr>
 *   <tr><td>{@code setMaxClasses(n)}</td><td>10000</td><td>&gt;= 1</td>
 *       <td>{@code TOO_MANY_CLASSES}</td></tr>
 * </table>
 *
 * <pre>{@code
 * SoftmaxFunction f = SoftmaxFunction.builder().setClasses("cat", "dog", "bird").build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by every setter
 */
@PublicEvolving
public abstract class ClassScoresBuilder<B extends ClassScoresBuilder<B>>
        extends ProbabilityOutputBuilder<B> {

    private String[] classes;
    private int maxClasses = ScoreValidator.DEFAULT_MAX_CLASSES;

    protected ClassScoresBuilder() {}

    /**
     * Accept only these classes (a record may hold any subset, in any order); other class names
     * are rejected as {@code UNKNOWN_CLASS}. Default: any class.
     */
    public B setClasses(String... classes) {
        this.classes = classes;
        return self();
    }

    /** Reject records with more classes than this ({@code TOO_MANY_CLASSES}); default 10000. */
    public B setMaxClasses(int maxClasses) {
        this.maxClasses = maxClasses;
        return self();
    }

    /**
     * The validator for these settings; for {@code build()}.
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    protected ScoreValidator validator() {
        return ScoreValidator.create(classes, maxClasses);
    }
}
