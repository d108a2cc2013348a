package org.infoprob.information;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.infoprob.math.InformationScorer;
import org.infoprob.math.Smoothing;
import org.infoprob.model.ClassDistribution;

/**
 * The window variant of {@link InformationFunction}: from the class counts of one key and
 * window (see {@link ClassCountAggregate}) it emits one {@link ClassDistribution} with, for
 * every class in the window, the smoothed probability, surprisal, score above the most frequent
 * class and rarity probability, plus the window's start, end and entropy.
 *
 * <pre>{@code
 * DataStream<ClassDistribution> perWindow = events
 *         .keyBy(ClassEvent.keySelector())
 *         .window(TumblingEventTimeWindows.of(Duration.ofMinutes(5)))
 *         .aggregate(new ClassCountAggregate(),
 *                 InformationWindowFunction.builder().setTemperature(2.0).build())
 *         .name("information-window").uid("information-window");
 * }</pre>
 *
 * Scored by {@link InformationScorer} (formulas there), as {@link InformationFunction} scores,
 * over the window's counts (no decay): the rarities of the classes and {@code unseenRarity}
 * sum to 1, the entropy includes the unseen slot. {@code ts} of the output is the window's last
 * millisecond ({@code end - 1}).
 */
@PublicEvolving
public class InformationWindowFunction
        extends ProcessWindowFunction<
                ClassCountAccumulator, ClassDistribution, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final Smoothing smoothing;
    private final double alpha;
    private final double temperature;

    private transient InformationScorer scorer;

    InformationWindowFunction(Smoothing smoothing, double alpha, double temperature) {
        this.smoothing = smoothing;
        this.alpha = alpha;
        this.temperature = temperature;
    }

    /** A builder with the defaults: additive smoothing a = 1, temperature 1. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void open(OpenContext openContext) {
        scorer = InformationScorer.of(smoothing, alpha, temperature);
    }

    @Override
    public void process(
            String key,
            Context ctx,
            Iterable<ClassCountAccumulator> counts,
            Collector<ClassDistribution> out) {
        for (ClassCountAccumulator acc : counts) {
            ClassDistribution d = InformationOutputs.distribution(scorer, acc.summary(), 1.0);
            d.key = key;
            d.windowStart = ctx.window().getStart();
            d.windowEnd = ctx.window().getEnd();
            d.ts = ctx.window().maxTimestamp();
            d.ignoredInvalid = acc.invalid;
            out.collect(d);
        }
    }

    /** Configures an {@link InformationWindowFunction}; {@link #build()} checks every value. */
    @PublicEvolving
    public static final class Builder {

        private Smoothing smoothing = Smoothing.ADDITIVE;
        private double alpha = 1.0;
        private double temperature = 1.0;

        Builder() {}

        /** How the unseen slot is sized; default {@link Smoothing#ADDITIVE}. */
        public Builder setSmoothing(Smoothing smoothing) {
            this.smoothing = smoothing;
            return this;
        }

        /** Additive smoothing {@code a}, in [1e-10, 1e100]; default 1. */
        public Builder setAlpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Temperature of the rarity softmax: finite and &gt; 0; default 1. */
        public Builder setTemperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Validates the configuration and builds the function. */
        public InformationWindowFunction build() {
            InformationScorer.of(smoothing, alpha, temperature);
            return new InformationWindowFunction(smoothing, alpha, temperature);
        }
    }
}
