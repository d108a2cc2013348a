package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Collector;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.DeadLetterProcessFunction;
import org.infoprob.internal.OutputOptions;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.Summarizer;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.math.Sigmoid;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;

/**
 * Binary probabilities from one score: a {@link ProbabilityEvent} over the two classes
 * {@code {negative, positive}} per {@link BinaryScoreEvent}.
 *
 * <pre>
 *   p = P(positive) = sigmoid(x / T) = 1 / (1 + e^{-x/T}),   1 - p = sigmoid(-x / T)
 *   ln p = log-sigmoid(x / T),   ln(1 - p) = log-sigmoid(-x / T)
 *   entropy = -p ln p - (1 - p) ln(1 - p),   margin = |2p - 1|
 * </pre>
 *
 * computed by {@link Sigmoid}; this equals the softmax of {@code {0, x}}. Both probabilities
 * are computed from the score, not as {@code 1 - p}, so the smaller one keeps its relative
 * accuracy. Example: {@code x = ln 3} gives {@code {0.25, 0.75}}.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ProbabilityEvent> probabilities = binaryScores
 *         .process(SigmoidFunction.builder().setLabels("ok", "fraud").build())
 *         .name("sigmoid").uid("sigmoid");
 * DataStream<DeadLetter> rejected = probabilities.getSideOutput(DeadLetter.TAG);
 * }</pre>
 *
 * <p>Edge cases: +inf gives {@code p = 1}, -inf gives {@code p = 0}. A NaN score is sent to
 * {@link DeadLetter#TAG} as {@code NON_FINITE_SCORE} and counted in {@code deadLetters};
 * it never throws and is never dropped.
 *
 * <p>Per record it allocates the output event, its two-element arrays and the optional top-k
 * arrays; nothing else.
 */
@PublicEvolving
public class SigmoidFunction extends DeadLetterProcessFunction<BinaryScoreEvent, ProbabilityEvent> {

    private static final long serialVersionUID = 1L;

    /** Default name of the class with probability {@code 1 - p}. */
    public static final String DEFAULT_NEGATIVE = "negative";
    /** Default name of the class with probability {@code p}. */
    public static final String DEFAULT_POSITIVE = "positive";

    private final String negative;
    private final String positive;
    private final Summarizer summarizer;

    SigmoidFunction(String negative, String positive, OutputOptions options, DeadLetterSettings deadLetterSettings) {
        super(deadLetterSettings);
        this.negative = negative;
        this.positive = positive;
        this.summarizer = new Summarizer(options);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void processElement(
            BinaryScoreEvent e, Context ctx, Collector<ProbabilityEvent> out) {
        double t = summarizer.options().temperature;
        double[] p = new double[2];
        double[] logp = summarizer.logBuffer(2);
        try {
            // One exponential and one log1p for all four values.
            Sigmoid.pair(e.score, t, p, logp);
        } catch (InvalidScoresException invalid) {
            ctx.output(DeadLetter.TAG, deadLetters().reject(DeadLetterCause.of(invalid), e));
            return;
        }
        out.collect(summarizer.exclusive(e.key, e.ts, new String[] {negative, positive}, p, logp));
    }

    /** Builds a {@link SigmoidFunction}; see {@link ProbabilityOutputBuilder} for the shared settings. */
    @PublicEvolving
    public static final class Builder extends ProbabilityOutputBuilder<Builder> {

        private String negative = DEFAULT_NEGATIVE;
        private String positive = DEFAULT_POSITIVE;

        private Builder() {}

        /** Names of the two output classes; default {@code "negative"} and {@code "positive"}. */
        public Builder setLabels(String negative, String positive) {
            this.negative = negative;
            this.positive = positive;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public SigmoidFunction build() {
            if (negative == null || negative.isEmpty() || positive == null || positive.isEmpty()) {
                throw new IllegalArgumentException(
                        "Labels must be non-empty, was negative="
                                + negative
                                + ", positive="
                                + positive);
            }
            if (negative.equals(positive)) {
                throw new IllegalArgumentException(
                        "Labels must differ, was '" + negative + "' for both");
            }
            return new SigmoidFunction(negative, positive, outputOptions(), deadLetterSettings("SigmoidFunction"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
