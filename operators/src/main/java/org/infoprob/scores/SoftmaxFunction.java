package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.util.Collector;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.DeadLetterProcessFunction;
import org.infoprob.internal.OutputOptions;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.ScoreValidator;
import org.infoprob.internal.Summarizer;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.math.Softmax;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Multi-class probabilities from scores: one {@link ProbabilityEvent} per {@link ScoreEvent}.
 *
 * <pre>
 *   p_i     = exp((s_i - m) / T) / sum_j exp((s_j - m) / T),   m = max_j s_j
 *   ln p_i  = (s_i - m) / T - ln sum_j exp((s_j - m) / T)
 * </pre>
 *
 * computed by {@link Softmax}; the summaries (top class, top-k, entropy {@code -sum p ln p},
 * margin) are described on {@link ProbabilityEvent}. Example: scores {@code {0, ln 3}} give
 * {@code {0.25, 0.75}}.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ProbabilityEvent> probabilities = scores
 *         .process(SoftmaxFunction.builder().setTemperature(2.0).setTopK(3).build())
 *         .name("softmax").uid("softmax");
 * DataStream<DeadLetter> rejected = probabilities.getSideOutput(DeadLetter.TAG);
 * }</pre>
 *
 * <p>Edge cases: entries of +inf share the mass equally, entries of -inf get probability 0.
 * Invalid records never throw and are never dropped: they go to {@link DeadLetter#TAG} with
 * a reason code, and are counted in the metric {@code deadLetters} (and per reason under
 * {@code reason.<REASON>}). Invalid are: NaN ({@code NON_FINITE_SCORE}), all scores -inf, no scores,
 * null arrays, class names and scores of different length, a null, empty or repeated class
 * name, more classes than {@code maxClasses}, and with a fixed class list a class outside it.
 *
 * <p>Per record it allocates the output event, its probability array and class-name copy, and
 * the optional log-probability and top-k arrays; nothing else.
 */
@PublicEvolving
public class SoftmaxFunction extends DeadLetterProcessFunction<ScoreEvent, ProbabilityEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SoftmaxFunction.class);
    private static final AtomicBoolean KERNEL_LOGGED = new AtomicBoolean();

    private static final long serialVersionUID = 1L;

    private final ScoreValidator validator;
    private final Summarizer summarizer;

    SoftmaxFunction(ScoreValidator validator, OutputOptions options, DeadLetterSettings deadLetterSettings) {
        super(deadLetterSettings);
        this.validator = validator;
        this.summarizer = new Summarizer(options);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        if (KERNEL_LOGGED.compareAndSet(false, true)) {
            // Once per TaskManager JVM: says whether --add-modules jdk.incubator.vector took.
            LOG.info("Softmax kernel: {}", Softmax.kernel());
        }
    }

    @Override
    public void processElement(ScoreEvent e, Context ctx, Collector<ProbabilityEvent> out) {
        DeadLetterCause cause = validator.check(e.classes, e.scores);
        if (cause == null) {
            int n = e.scores.length;
            double t = summarizer.options().temperature;
            double[] p = new double[n];
            double[] logp = summarizer.logBuffer(n);
            try {
                if (logp == null) {
                    Softmax.probabilities(e.scores, n, t, p);
                } else {
                    // One pass of exponentials for both (the entropy needs the logs).
                    Softmax.probabilitiesAndLogs(e.scores, n, t, p, logp);
                }
            } catch (InvalidScoresException invalid) {
                cause = DeadLetterCause.of(invalid);
            }
            if (cause == null) {
                out.collect(summarizer.exclusive(e.key, e.ts, e.classes.clone(), p, logp));
                return;
            }
        }
        ctx.output(DeadLetter.TAG, deadLetters().reject(cause, e));
    }

    /** Builds a {@link SoftmaxFunction}; see {@link ClassScoresBuilder} and {@link
     * ProbabilityOutputBuilder} for the shared settings. */
    @PublicEvolving
    public static final class Builder extends ClassScoresBuilder<Builder> {

        private Builder() {}

        /** @throws IllegalArgumentException naming the first bad setting */
        public SoftmaxFunction build() {
            return new SoftmaxFunction(validator(), outputOptions(), deadLetterSettings("SoftmaxFunction"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
