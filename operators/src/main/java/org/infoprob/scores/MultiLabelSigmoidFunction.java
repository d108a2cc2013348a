package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.util.Collector;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.DeadLetterProcessFunction;
import org.infoprob.internal.OutputOptions;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.ScoreValidator;
import org.infoprob.internal.Summarizer;
import org.infoprob.math.Sigmoid;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;

/**
 * Multi-label probabilities: every class is an independent yes/no question, so each score gets
 * its own sigmoid and the probabilities need not sum to 1.
 *
 * <pre>
 *   p_i     = sigmoid(s_i / T) = 1 / (1 + e^{-s_i/T})
 *   ln p_i  = log-sigmoid(s_i / T)
 *   entropy = sum_i H_2(p_i),  H_2(p) = -p ln p - (1 - p) ln(1 - p)   (nats; independent classes)
 *   top     = argmax_i p_i,    margin = p_(1) - p_(2)
 * </pre>
 *
 * computed by {@link Sigmoid}, with {@code 1 - p_i} taken as {@code sigmoid(-s_i / T)} so that
 * it keeps its relative accuracy when {@code p_i} is close to 1. Example: scores {@code {0,
 * ln 3}} give {@code {0.5, 0.75}}.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ProbabilityEvent> labels = scores
 *         .process(MultiLabelSigmoidFunction.builder().setClasses("cat", "dog", "bird").build())
 *         .name("multi-label").uid("multi-label");
 * DataStream<DeadLetter> rejected = labels.getSideOutput(DeadLetter.TAG);
 * }</pre>
 *
 * <p>Edge cases: +inf gives 1, -inf gives 0; a record whose scores are all -inf is valid (no
 * label present). Invalid records (NaN, no scores, null arrays, length mismatch, null, empty or
 * repeated names, too many classes, a class outside the fixed list) go to {@link
 * DeadLetter#TAG} with a reason code and are counted in {@code deadLetters}; they never
 * throw and are never dropped.
 *
 * <p>Per record it allocates the output event, its probability array and class-name copy, and
 * the optional log-probability and top-k arrays; nothing else.
 */
@PublicEvolving
public class MultiLabelSigmoidFunction extends DeadLetterProcessFunction<ScoreEvent, ProbabilityEvent> {

    private static final long serialVersionUID = 1L;

    private final ScoreValidator validator;
    private final Summarizer summarizer;

    MultiLabelSigmoidFunction(ScoreValidator validator, OutputOptions options, DeadLetterSettings deadLetterSettings) {
        super(deadLetterSettings);
        this.validator = validator;
        this.summarizer = new Summarizer(options);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void processElement(ScoreEvent e, Context ctx, Collector<ProbabilityEvent> out) {
        DeadLetterCause cause = validator.checkRecord(e.classes, e.scores, true);
        if (cause != null) {
            ctx.output(DeadLetter.TAG, deadLetters().reject(cause, e));
            return;
        }
        int n = e.scores.length;
        double t = summarizer.options().temperature;
        double[] p = new double[n];
        double[] logp = summarizer.logBuffer(n);
        double[] q = summarizer.complementBuffer(n);
        double[] logq = summarizer.logComplementBuffer(n);
        for (int i = 0; i < n; i++) {
            sigmoidAt(i, e.scores[i], t, p, logp, q, logq);
        }
        out.collect(summarizer.independent(e.key, e.ts, e.classes.clone(), p, logp, q, logq));
    }

    /**
     * Writes {@code sigmoid(s / t)} into {@code p[i]} and, where the buffer is not null, its log
     * and the complement {@code sigmoid(-s / t)} with its log (each computed from {@code s}, not
     * as {@code 1 - p}).
     */
    static void sigmoidAt(
            int i, double s, double t, double[] p, double[] logp, double[] q, double[] logq) {
        p[i] = Sigmoid.sigmoid(s, t);
        if (logp != null) {
            logp[i] = Sigmoid.logSigmoid(s, t);
        }
        if (q != null) {
            q[i] = Sigmoid.sigmoid(-s, t);
            logq[i] = Sigmoid.logSigmoid(-s, t);
        }
    }

    /** Builds a {@link MultiLabelSigmoidFunction}; see {@link ClassScoresBuilder} and {@link
     * ProbabilityOutputBuilder} for the shared settings. */
    @PublicEvolving
    public static final class Builder extends ClassScoresBuilder<Builder> {

        private Builder() {}

        /** @throws IllegalArgumentException naming the first bad setting */
        public MultiLabelSigmoidFunction build() {
            return new MultiLabelSigmoidFunction(validator(), outputOptions(), deadLetterSettings("MultiLabelSigmoidFunction"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
