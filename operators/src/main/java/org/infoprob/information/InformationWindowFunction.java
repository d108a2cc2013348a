package org.infoprob.information;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.infoprob.math.InformationScorer;
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

    private final ScorerSettings settings;

    private transient InformationScorer scorer;

    InformationWindowFunction(ScorerSettings settings) {
        this.settings = settings;
    }

    /** A builder with the defaults: additive smoothing a = 1, temperature 1. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void open(OpenContext openContext) {
        scorer = settings.scorer();
    }

    @Override
    public void process(
            String key,
            Context ctx,
            Iterable<ClassCountAccumulator> counts,
            Collector<ClassDistribution> out) {
        for (ClassCountAccumulator acc : counts) {
            ClassDistribution d =
                    InformationOutputs.distribution(
                            scorer, acc.summary(), 1.0, key, ctx.window().maxTimestamp());
            d.windowStart = ctx.window().getStart();
            d.windowEnd = ctx.window().getEnd();
            d.ignoredInvalid = acc.invalid;
            out.collect(d);
        }
    }

    /** Configures an {@link InformationWindowFunction}; {@link #build()} checks every value. */
    @PublicEvolving
    public static final class Builder extends ScorerBuilder<Builder> {

        Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Validates the configuration and builds the function. */
        public InformationWindowFunction build() {
            return new InformationWindowFunction(scorerSettings());
        }
    }
}
