package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Collector;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.DeadLetterProcessFunction;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.ScoreValidator;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;

/**
 * Passes valid {@link ScoreEvent}s through unchanged and sends invalid ones to {@link
 * DeadLetter#TAG}: the stage in front of a window, because a window aggregate has no side
 * output of its own. It applies the checks of {@link SoftmaxFunction} (or, with {@code
 * setAllowAllNegativeInfinity(true)}, of {@link MultiLabelSigmoidFunction}), and also requires
 * a key, since {@code keyBy} cannot route a null key.
 *
 * <pre>
 *   valid(e) = key != null  and  shape ok (lengths, names, fixed classes, limit)
 *              and  no NaN  and  (some s_i &gt; -inf  or  all -inf allowed)
 * </pre>
 *
 * <pre>{@code
 * ScoreAggregateFunction mean = ScoreAggregateFunction.builder().setStrategy(CombineStrategy.MEAN_LOGITS).build();
 * SingleOutputStreamOperator<ScoreEvent> valid = scores
 *         .process(mean.validationFunction()).name("validate-scores").uid("validate-scores");
 * SingleOutputStreamOperator<ProbabilityEvent> windows = valid
 *         .keyBy(e -> e.key, Types.STRING)
 *         .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
 *         .aggregate(mean, new ScoreWindowFunction());
 * DataStream<DeadLetter> rejected =
 *         valid.getSideOutput(DeadLetter.TAG).union(windows.getSideOutput(DeadLetter.TAG));
 * }</pre>
 *
 * <p>Rejections are counted in {@code deadLetters} (and per reason under {@code reason.<REASON>}).
 * A valid record is forwarded as the same object: no allocation.
 */
@PublicEvolving
public class ScoreValidationFunction extends DeadLetterProcessFunction<ScoreEvent, ScoreEvent> {

    private static final long serialVersionUID = 1L;

    private final ScoreValidator validator;
    private final boolean allowAllNegativeInfinity;

    ScoreValidationFunction(
            ScoreValidator validator, boolean allowAllNegativeInfinity, DeadLetterSettings deadLetterSettings) {
        super(deadLetterSettings);
        this.validator = validator;
        this.allowAllNegativeInfinity = allowAllNegativeInfinity;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void processElement(ScoreEvent e, Context ctx, Collector<ScoreEvent> out) {
        DeadLetterCause cause =
                e.key == null
                        ? new DeadLetterCause(
                                Reason.MISSING_FIELD,
                                "Key must not be null: the window operators key by it")
                        : validator.checkRecord(e.classes, e.scores, allowAllNegativeInfinity);
        if (cause == null) {
            out.collect(e);
            return;
        }
        ctx.output(DeadLetter.TAG, deadLetters().reject(cause, e));
    }

    /** Builds a {@link ScoreValidationFunction}. */
    @PublicEvolving
    public static final class Builder {

        private String[] classes;
        private int maxClasses = ScoreValidator.DEFAULT_MAX_CLASSES;
        private boolean allowAllNegativeInfinity;
        private String name = "ScoreValidationFunction";
        private DeadLetterLimits deadLetterLimits = DeadLetterLimits.DEFAULT;

        private Builder() {}

        /** The name written as {@code rejectedBy} into dead letters (e.g. the uid); default {@code "ScoreValidationFunction"}. */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** How much of a rejected record a dead letter keeps; default {@link DeadLetterLimits#DEFAULT}. */
        public Builder setDeadLetterLimits(DeadLetterLimits limits) {
            this.deadLetterLimits = limits;
            return this;
        }

        /** Accept only these classes (any subset); default: any class. */
        public Builder setClasses(String... classes) {
            this.classes = classes;
            return this;
        }

        /** Reject records with more classes than this; default 10000. */
        public Builder setMaxClasses(int maxClasses) {
            this.maxClasses = maxClasses;
            return this;
        }

        /**
         * Accept records whose scores are all -inf, as independent sigmoids do (default false:
         * a softmax has no distribution for them).
         */
        public Builder setAllowAllNegativeInfinity(boolean allow) {
            this.allowAllNegativeInfinity = allow;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public ScoreValidationFunction build() {
            return new ScoreValidationFunction(
                    ScoreValidator.create(classes, maxClasses),
                    allowAllNegativeInfinity,
                    new DeadLetterSettings(name, deadLetterLimits));
        }
    }
}
