package org.infoprob.scores;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.infoprob.internal.NameIndex;
import org.infoprob.internal.OutputOptions;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.ScoreValidator;
import org.infoprob.internal.Summarizer;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.math.Sigmoid;
import org.infoprob.math.Softmax;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.window.ScoreAccumulator;

/**
 * Combines the {@link ScoreEvent}s of one key in one window into a single {@link
 * ProbabilityEvent}, incrementally: each event is folded into a {@link ScoreAccumulator} as it
 * arrives, so the window keeps one accumulator per key, not the events. The {@link
 * CombineStrategy} says what is combined (scores, probabilities or log-probabilities), the
 * {@link Normalization} how scores become probabilities:
 *
 * <pre>
 *   MEAN_LOGITS         z_c = (1/n_c) sum_{k has c} s_{k,c},             p = softmax(z; T)   | sigmoid(z_c / T)
 *   MEAN_PROBABILITIES  p_c = (1/N) sum_k softmax(s_k; T)_c                                  | (1/n_c) sum sigmoid(s_{k,c} / T)
 *   PRODUCT_OF_EXPERTS  z_c = sum_{k has c} ln softmax(s_k; T)_c,       p = softmax(z; 1)   | sigmoid((sum s_{k,c}) / T)
 * </pre>
 *
 * The result covers the union of the classes of the window's events, in order of first
 * appearance; a class missing from an event is absent from it, not a score of 0 (see {@link
 * CombineStrategy} for what that means per strategy). {@link #merge} combines two accumulators
 * exactly as if their events had been added to one (up to rounding), which session windows
 * need. Sums are compensated, so a window of millions of events keeps full precision.
 *
 * <pre>{@code
 * ScoreAggregateFunction mean = ScoreAggregateFunction.builder()
 *         .setStrategy(CombineStrategy.MEAN_PROBABILITIES)
 *         .setTopK(3)
 *         .build();
 * SingleOutputStreamOperator<ScoreEvent> valid = scores.process(mean.validationFunction());
 * SingleOutputStreamOperator<ProbabilityEvent> perMinute = valid
 *         .keyBy(e -> e.key, Types.STRING)
 *         .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
 *         .aggregate(mean, new ScoreWindowFunction());
 * DataStream<DeadLetter> rejected =
 *         valid.getSideOutput(DeadLetter.TAG).union(perMinute.getSideOutput(DeadLetter.TAG));
 * }</pre>
 *
 * <h2>Invalid input</h2>
 *
 * An {@code AggregateFunction} has no side output, so invalid events are routed <em>before</em>
 * the window by {@link #validationFunction()}, which applies exactly the checks of this
 * aggregate and sends rejections to {@code DeadLetter.TAG}. {@link #add} never throws: an
 * invalid event that reaches it anyway is not combined and is counted in {@link
 * ScoreAccumulator#invalid}, and the window's result then has {@code probabilities == null}.
 * The same holds when valid events combine into scores without a distribution (every class at
 * -inf, e.g. experts that veto each other's classes with probability 0; or +inf and -inf
 * averaged in one class). {@link ScoreWindowFunction} sends such results to {@code
 * DeadLetter.TAG} as {@code NO_DISTRIBUTION}.
 *
 * <p>Allocation: per event, none, except when a new class joins the window's union; per window
 * result, the output event and its arrays.
 */
@PublicEvolving
public class ScoreAggregateFunction
        implements AggregateFunction<ScoreEvent, ScoreAccumulator, ProbabilityEvent> {

    private static final long serialVersionUID = 1L;

    /** Default strategy. */
    public static final CombineStrategy DEFAULT_STRATEGY = CombineStrategy.MEAN_LOGITS;
    /** Default normalization. */
    public static final Normalization DEFAULT_NORMALIZATION = Normalization.SOFTMAX;

    private final CombineStrategy strategy;
    private final Normalization normalization;
    private final ScoreValidator validator;
    private final Summarizer summarizer;
    private final DeadLetterSettings deadLetterSettings;

    private transient NameIndex union;
    private transient int[] positions;
    private transient double[] contributions;

    ScoreAggregateFunction(
            CombineStrategy strategy,
            Normalization normalization,
            ScoreValidator validator,
            OutputOptions options,
            DeadLetterSettings deadLetterSettings) {
        this.strategy = strategy;
        this.normalization = normalization;
        this.validator = validator;
        this.summarizer = new Summarizer(options);
        this.deadLetterSettings = deadLetterSettings;
    }

    public static Builder builder() {
        return new Builder();
    }

    public CombineStrategy strategy() {
        return strategy;
    }

    public Normalization normalization() {
        return normalization;
    }

    /**
     * The stage to put before the window: it forwards the events this aggregate accepts and
     * sends the others to {@code DeadLetter.TAG} (same fixed classes and class limit; all
     * scores -inf are accepted only with {@link Normalization#SIGMOID}); its dead letters carry
     * the builder's {@code setName} (default {@code "ScoreValidationFunction"}) and limits.
     */
    public ScoreValidationFunction validationFunction() {
        return ScoreValidationFunction.builder()
                .setClasses(validator.fixedClasses())
                .setMaxClasses(validator.maxClasses())
                .setAllowAllNegativeInfinity(normalization == Normalization.SIGMOID)
                .setName(deadLetterSettings.name())
                .setDeadLetterLimits(deadLetterSettings.limits())
                .build();
    }

    @Override
    public ScoreAccumulator createAccumulator() {
        return new ScoreAccumulator();
    }

    @Override
    public ScoreAccumulator add(ScoreEvent e, ScoreAccumulator acc) {
        if (acc.key == null) {
            acc.key = e.key;
        }
        acc.maxTs = Math.max(acc.maxTs, e.ts);
        DeadLetterCause cause =
                validator.checkRecord(e.classes, e.scores, normalization == Normalization.SIGMOID);
        if (cause != null) {
            acc.invalid++;
            return acc;
        }
        int n = e.scores.length;
        double[] values = contributions(e.scores, n);
        int[] at = locate(acc, e.classes, n);
        for (int i = 0; i < n; i++) {
            acc.add(at[i], values[i], 0.0, 1);
        }
        acc.count++;
        return acc;
    }

    @Override
    public ScoreAccumulator merge(ScoreAccumulator a, ScoreAccumulator b) {
        int n = b.classes.length;
        int[] at = locate(a, b.classes, n);
        for (int j = 0; j < n; j++) {
            a.add(at[j], b.sums[j], b.compensations[j], b.counts[j]);
        }
        if (a.key == null) {
            a.key = b.key;
        }
        a.maxTs = Math.max(a.maxTs, b.maxTs);
        a.count += b.count;
        a.invalid += b.invalid;
        return a;
    }

    @Override
    public ProbabilityEvent getResult(ScoreAccumulator acc) {
        if (acc.invalid > 0 || acc.count == 0) {
            return noDistribution(acc);
        }
        int n = acc.classes.length;
        double t = summarizer.options().temperature;
        // p first holds the combined value per class, then (in place) the probabilities.
        double[] p = new double[n];
        for (int c = 0; c < n; c++) {
            p[c] = combined(acc, c);
        }
        double[] logp = summarizer.logBuffer(n);
        try {
            if (normalization == Normalization.SOFTMAX) {
                if (strategy == CombineStrategy.MEAN_PROBABILITIES) {
                    if (logp != null) {
                        for (int c = 0; c < n; c++) {
                            logp[c] = Math.log(p[c]);
                        }
                    }
                } else {
                    // The experts' log-probabilities already carry T; their sum is normalized at T = 1.
                    double temperature = strategy == CombineStrategy.MEAN_LOGITS ? t : 1.0;
                    if (logp != null) {
                        Softmax.logProbabilities(p, n, temperature, logp);
                    }
                    Softmax.probabilities(p, n, temperature, p);
                }
                return withCount(
                        summarizer.exclusive(acc.key, acc.maxTs, acc.classes.clone(), p, logp),
                        acc);
            }
            double[] q = summarizer.complementBuffer(n);
            double[] logq = summarizer.logComplementBuffer(n);
            for (int c = 0; c < n; c++) {
                if (strategy == CombineStrategy.MEAN_PROBABILITIES) {
                    double mean = p[c];
                    if (logp != null) {
                        logp[c] = Math.log(mean);
                    }
                    if (q != null) {
                        q[c] = 1.0 - mean;
                        logq[c] = Math.log1p(-mean);
                    }
                } else {
                    MultiLabelSigmoidFunction.sigmoidAt(c, p[c], t, p, logp, q, logq);
                }
            }
            return withCount(
                    summarizer.independent(
                            acc.key, acc.maxTs, acc.classes.clone(), p, logp, q, logq),
                    acc);
        } catch (InvalidScoresException noDistribution) {
            // NaN (+inf and -inf combined in one class) or every class at -inf.
            return noDistribution(acc);
        }
    }

    /** The value per class that the normalization turns into a probability. */
    private double combined(ScoreAccumulator acc, int c) {
        return switch (strategy) {
            case MEAN_LOGITS -> acc.total(c) / acc.counts[c];
            case MEAN_PROBABILITIES -> acc.total(c)
                    / (normalization == Normalization.SOFTMAX ? acc.count : acc.counts[c]);
            case PRODUCT_OF_EXPERTS -> acc.total(c);
        };
    }

    /** What one valid event adds per class: its scores, probabilities or log-probabilities. */
    private double[] contributions(double[] scores, int n) {
        boolean sumsScores =
                strategy == CombineStrategy.MEAN_LOGITS
                        || (strategy == CombineStrategy.PRODUCT_OF_EXPERTS
                                && normalization == Normalization.SIGMOID);
        if (sumsScores) {
            return scores;
        }
        if (contributions == null || contributions.length < n) {
            contributions = new double[n];
        }
        double t = summarizer.options().temperature;
        if (normalization == Normalization.SIGMOID) {
            for (int i = 0; i < n; i++) {
                contributions[i] = Sigmoid.sigmoid(scores[i], t);
            }
        } else if (strategy == CombineStrategy.MEAN_PROBABILITIES) {
            Softmax.probabilities(scores, n, t, contributions);
        } else {
            Softmax.logProbabilities(scores, n, t, contributions);
        }
        return contributions;
    }

    /**
     * Position in {@code acc} of each of {@code names[0..n)} (distinct names), appending the
     * names {@code acc} does not hold yet in their order.
     */
    private int[] locate(ScoreAccumulator acc, String[] names, int n) {
        if (union == null) {
            union = new NameIndex();
        }
        if (positions == null || positions.length < n) {
            positions = new int[n];
        }
        int size = acc.classes.length;
        union.index(acc.classes, size);
        int added = 0;
        for (int i = 0; i < n; i++) {
            positions[i] = union.indexOf(names[i]);
            if (positions[i] < 0) {
                added++;
            }
        }
        if (added > 0) {
            acc.grow(added);
            for (int i = 0; i < n; i++) {
                if (positions[i] < 0) {
                    acc.classes[size] = names[i];
                    positions[i] = size++;
                }
            }
        }
        return positions;
    }

    private static ProbabilityEvent withCount(ProbabilityEvent out, ScoreAccumulator acc) {
        out.count = acc.count;
        return out;
    }

    private static ProbabilityEvent noDistribution(ScoreAccumulator acc) {
        ProbabilityEvent out = new ProbabilityEvent();
        out.key = acc.key;
        out.ts = acc.maxTs;
        out.classes = acc.classes.clone();
        out.topProbability = Double.NaN;
        out.entropy = Double.NaN;
        out.margin = Double.NaN;
        out.count = acc.count;
        return out;
    }

    /**
     * Builds a {@link ScoreAggregateFunction}: strategy (default MEAN_LOGITS), normalization
     * (default SOFTMAX), plus the class settings of {@link ClassScoresBuilder} (with {@code
     * setClasses}, the union of a window's classes is at most that list) and the output settings
     * of {@link org.infoprob.scores.ProbabilityOutputBuilder}.
     */
    @PublicEvolving
    public static final class Builder extends ClassScoresBuilder<Builder> {

        private CombineStrategy strategy = DEFAULT_STRATEGY;
        private Normalization normalization = DEFAULT_NORMALIZATION;

        private Builder() {}

        /** How events are combined; default {@link CombineStrategy#MEAN_LOGITS}. */
        public Builder setStrategy(CombineStrategy strategy) {
            this.strategy = strategy;
            return this;
        }

        /** Softmax over the classes or an independent sigmoid per class; default SOFTMAX. */
        public Builder setNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public ScoreAggregateFunction build() {
            if (strategy == null) {
                throw new IllegalArgumentException(
                        "Strategy must be one of MEAN_LOGITS, MEAN_PROBABILITIES, PRODUCT_OF_EXPERTS, was null");
            }
            if (normalization == null) {
                throw new IllegalArgumentException(
                        "Normalization must be SOFTMAX or SIGMOID, was null");
            }
            return new ScoreAggregateFunction(
                    strategy,
                    normalization,
                    validator(),
                    outputOptions(),
                    deadLetterSettings("ScoreValidationFunction"));
        }

        @Override
        protected Builder self() {
            return this;
        }
    }
}
