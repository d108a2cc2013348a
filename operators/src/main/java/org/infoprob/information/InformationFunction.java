package org.infoprob.information;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.infoprob.internal.CanonicalNames;
import org.infoprob.internal.ClassEventValidator;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.DeadLetters;
import org.infoprob.math.Smoothing;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.RarityEvent;

import java.time.Duration;

/**
 * Learns per key how often each class occurs and turns every event into information-based
 * scores in which rare classes stand out: surprisal, score above the most frequent class, and
 * a rarity probability.
 *
 * <pre>{@code
 * InformationFunction information = InformationFunction.builder()
 *         .setHalfLife(Duration.ofHours(1))
 *         .setTemperature(1.0)
 *         .setStateTtl(Duration.ofDays(7))
 *         .build();
 * SingleOutputStreamOperator<RarityEvent> rarities = events
 *         .keyBy(ClassEvent.keySelector())
 *         .process(information)
 *         .name("information").uid("information");
 * DataStream<DeadLetter> rejected = rarities.getSideOutput(DeadLetter.TAG);
 * }</pre>
 *
 * <h2>Semantics (docs/DESIGN.md, "Class observations -&gt; information -&gt; probabilities")</h2>
 *
 * Per key: counts {@code c_j} (weighted, optionally decayed), total {@code C}, {@code V} classes
 * seen. Each event of class x is <b>scored first, then counted</b> (prequential), so its scores
 * say how surprising it was given everything before it:
 *
 * <pre>
 *   p_x  = (c_x + a) / (C + a (V + 1))        additive smoothing a &gt; 0, one slot kept for unseen classes
 *   I_x  = -ln p_x  (nats),  I_x / ln 2 (bits),  oneIn = 1 / p_x
 *   z_x  = I_x - I_ref = ln(p_ref / p_x) &gt;= 0     ref = the most probable class
 *   rarity_x = softmax(z / T)_x = p_x^{-1/T} / sum_j p_j^{-1/T}   over the classes seen, plus x if new
 *   H    = -sum_j p_j ln p_j - p_unseen ln p_unseen
 * </pre>
 *
 * A first occurrence has {@code c_x = 0} and the finite surprisal of the unseen slot. With
 * {@code T = 1} the rarity is proportional to {@code 1 / p}; {@code T -> 0} puts all of it on
 * the rarest class, {@code T -> inf} spreads it evenly. With two classes and the reference at
 * {@code z = 0} the rarity is the sigmoid {@code 1 / (1 + e^{-z/T})}. {@link
 * Smoothing#GOOD_TURING} sizes the unseen slot by the singletons instead ({@code u = (N1 + a) /
 * (C + a (V + 1))}); then a new class may be more probable than any seen one and becomes the
 * reference itself.
 *
 * <h2>Decay</h2>
 *
 * With a half-life h the counts decay in event time: {@code c_j(t) = sum_i w_i
 * 2^{-(t - t_i)/h}}; "now" is the largest event time seen for the key, and a late event
 * ({@code t < now}) enters with weight {@code w 2^{-(now - t)/h}}. Updates are O(1) in the
 * number of classes (forward decay, see {@link ClassCounts}). Scoring an event is one O(V)
 * pass over compact arrays without allocation (entropy and the rarity normaliser depend on
 * every class). Events then need a timestamp: {@link ClassEvent#ts}, else the record timestamp.
 *
 * <h2>State and capacity</h2>
 *
 * One {@code ValueState<ClassCounts>} per key (class names and weights as arrays, serialized by
 * {@link ClassCountsSerializer}, not Kryo), with an optional processing-time TTL. At most
 * {@code maxClassesPerKey} classes are kept; a new class beyond that makes the least-weighted
 * class fold into the bucket {@value ClassCounts#OTHER}, which keeps its weight (the total is
 * unchanged). The folded class is scored as new when it comes back. Every fold is counted in the
 * metric {@code overflowFolds}: nothing is dropped silently.
 *
 * <h2>Outputs</h2>
 *
 * <ul>
 *   <li>main: one {@link RarityEvent} per valid event;
 *   <li>{@link DeadLetter#TAG}: events with a null or empty class ({@code EMPTY_CLASS_NAME}),
 *       a weight that is NaN, infinite, negative or above 1e100 ({@code INVALID_WEIGHT}), or no
 *       timestamp where one is needed ({@code MISSING_TIMESTAMP}); they change no state;
 *   <li>{@link #DISTRIBUTIONS} (optional): the key's whole {@link ClassDistribution} every N
 *       events and/or on an event-time timer at each multiple of an interval that follows an
 *       event of the key.
 * </ul>
 *
 * A weight of 0 scores an event without counting it.
 *
 * <h2>Metrics</h2>
 *
 * {@code distinctClasses} (gauge: classes of the key updated last), {@code maxDistinctClasses}
 * (gauge: the most any key of this subtask reached), {@code overflowFolds}, {@code
 * firstSeenEvents}, and {@code deadLetters} with one counter per reason under {@code
 * reason.<REASON>}.
 */
@PublicEvolving
public class InformationFunction extends KeyedProcessFunction<String, ClassEvent, RarityEvent> {

    private static final long serialVersionUID = 1L;

    /** Side output of the full class distribution per key, when enabled in the builder. */
    public static final OutputTag<ClassDistribution> DISTRIBUTIONS =
            new OutputTag<>(
                    "infoprob-class-distribution", TypeInformation.of(ClassDistribution.class));

    private final Smoothing smoothing;
    private final double alpha;
    private final double temperature;
    private final long halfLifeMillis;
    private final Duration stateTtl;
    private final int maxClassesPerKey;
    private final int distributionEveryEvents;
    private final long distributionIntervalMillis;
    private final DeadLetterSettings deadLetterSettings;

    private transient ValueState<ClassCounts> state;
    private transient InformationScorer scorer;
    private transient CanonicalNames classNames;
    private transient DeadLetters deadLetters;
    private transient Counter overflowFolds;
    private transient Counter firstSeenEvents;
    private transient int lastDistinct;
    private transient int maxDistinct;

    InformationFunction(Builder b) {
        this.smoothing = b.smoothing;
        this.alpha = b.alpha;
        this.temperature = b.temperature;
        this.halfLifeMillis = b.halfLife == null ? 0L : b.halfLife.toMillis();
        this.stateTtl = b.stateTtl == null || b.stateTtl.isZero() ? null : b.stateTtl;
        this.maxClassesPerKey = b.maxClassesPerKey;
        this.distributionEveryEvents = b.distributionEveryEvents;
        this.distributionIntervalMillis =
                b.distributionInterval == null ? 0L : b.distributionInterval.toMillis();
        this.deadLetterSettings = new DeadLetterSettings(b.name, b.deadLetterLimits);
    }

    /** A builder with the defaults: additive smoothing a = 1, T = 1, no decay, no TTL. */
    public static Builder builder() {
        return new Builder();
    }

    /** The state descriptor, with TTL when configured; one entry per key. */
    ValueStateDescriptor<ClassCounts> stateDescriptor() {
        ValueStateDescriptor<ClassCounts> descriptor =
                new ValueStateDescriptor<>("class-counts", ClassCountsSerializer.INSTANCE);
        if (stateTtl != null) {
            descriptor.enableTimeToLive(
                    StateTtlConfig.newBuilder(stateTtl)
                            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                            .setStateVisibility(
                                    StateTtlConfig.StateVisibility.NeverReturnExpired)
                            .cleanupFullSnapshot()
                            .cleanupIncrementally(10, true)
                            .build());
        }
        return descriptor;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        state = getRuntimeContext().getState(stateDescriptor());
        scorer = new InformationScorer(smoothing, alpha, temperature);
        classNames = new CanonicalNames(CanonicalNames.DEFAULT_CAPACITY);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        deadLetters = deadLetterSettings.open(metrics);
        overflowFolds = metrics.counter("overflowFolds");
        firstSeenEvents = metrics.counter("firstSeenEvents");
        metrics.gauge("distinctClasses", (Gauge<Integer>) () -> lastDistinct);
        metrics.gauge("maxDistinctClasses", (Gauge<Integer>) () -> maxDistinct);
    }

    @Override
    public void processElement(ClassEvent event, Context ctx, Collector<RarityEvent> out)
            throws Exception {
        Long ts = event.ts != null ? event.ts : ctx.timestamp();
        DeadLetterCause invalid = ClassEventValidator.check(event, ts, timeRequired());
        if (invalid != null) {
            ctx.output(DeadLetter.TAG, deadLetters.reject(invalid, event, ts));
            return;
        }
        ClassCounts counts = state.value();
        if (counts == null) {
            counts = new ClassCounts(halfLifeMillis);
        } else {
            counts.reconfigure(halfLifeMillis);
        }
        if (ts != null) {
            counts.advance(ts);
        }

        int x = counts.indexOf(event.className);
        RarityEvent rarity = new RarityEvent();
        rarity.key = event.key;
        rarity.ts = ts;
        scorer.scoreEvent(counts, x, event.className, rarity);
        if (x < 0) {
            firstSeenEvents.inc();
        }
        if (event.weight > 0.0
                && counts.add(
                        // A new class of this key keeps the name instance all keys share.
                        x < 0 ? classNames.of(event.className) : event.className,
                        x,
                        ts == null ? counts.now() : ts,
                        event.weight,
                        maxClassesPerKey)) {
            overflowFolds.inc();
        }

        if (distributionEveryEvents > 0
                && ++counts.eventsSinceDistribution >= distributionEveryEvents) {
            counts.eventsSinceDistribution = 0;
            ctx.output(DISTRIBUTIONS, distribution(counts, event.key, ts, counts.scale()));
        }
        if (distributionIntervalMillis > 0 && counts.distributionTimer == ClassCounts.NO_TIMER) {
            long fire = (Math.floorDiv(ts, distributionIntervalMillis) + 1) * distributionIntervalMillis;
            ctx.timerService().registerEventTimeTimer(fire);
            counts.distributionTimer = fire;
        }
        state.update(counts);

        lastDistinct = counts.size();
        maxDistinct = Math.max(maxDistinct, lastDistinct);
        out.collect(rarity);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RarityEvent> out)
            throws Exception {
        ClassCounts counts = state.value();
        if (counts == null || counts.distributionTimer != timestamp) {
            // The state expired (TTL) since the timer was set; nothing left to describe.
            return;
        }
        counts.distributionTimer = ClassCounts.NO_TIMER;
        double s = counts.scaleAt(Math.max(timestamp, counts.now()));
        ctx.output(DISTRIBUTIONS, distribution(counts, ctx.getCurrentKey(), timestamp, s));
        state.update(counts);
    }

    private ClassDistribution distribution(ClassCounts counts, String key, Long ts, double s) {
        ClassDistribution d =
                scorer.distribution(
                        counts.names, counts.weights, counts.events, counts.size, counts.total, s);
        d.key = key;
        d.ts = ts;
        return d;
    }

    private boolean timeRequired() {
        return halfLifeMillis > 0 || distributionIntervalMillis > 0;
    }

    /**
     * Configures an {@link InformationFunction}; {@link #build()} checks every value. Defaults:
     * {@link Smoothing#ADDITIVE} with a = 1, temperature 1, no half-life (plain counts), no
     * state TTL, at most 10,000 classes per key, no distribution output, name {@code
     * "information"}.
     */
    @PublicEvolving
    public static final class Builder {

        /** A million years: far beyond any use, and safe from overflow in millisecond sums. */
        private static final Duration MAX_DURATION = Duration.ofDays(365_000_000L);

        private Smoothing smoothing = Smoothing.ADDITIVE;
        private double alpha = 1.0;
        private double temperature = 1.0;
        private Duration halfLife;
        private Duration stateTtl;
        private int maxClassesPerKey = 10_000;
        private int distributionEveryEvents;
        private Duration distributionInterval;
        private String name = "information";
        private DeadLetterLimits deadLetterLimits = DeadLetterLimits.DEFAULT;

        Builder() {}

        /** How the unseen slot is sized: {@link Smoothing#ADDITIVE} or {@link Smoothing#GOOD_TURING}. */
        public Builder setSmoothing(Smoothing smoothing) {
            this.smoothing = smoothing;
            return this;
        }

        /** Additive smoothing {@code a}: finite and &gt; 0 (so every surprisal is finite). */
        public Builder setAlpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** Temperature {@code T} of the rarity softmax: finite and &gt; 0. */
        public Builder setTemperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        /** Half-life of the counts in event time, at least 1 ms; null or zero: no decay. */
        public Builder setHalfLife(Duration halfLife) {
            this.halfLife = halfLife;
            return this;
        }

        /** Processing-time TTL of a key's state after its last update; null or zero: none. */
        public Builder setStateTtl(Duration stateTtl) {
            this.stateTtl = stateTtl;
            return this;
        }

        /** Most classes kept per key (besides the {@value ClassCounts#OTHER} bucket), &gt;= 1. */
        public Builder setMaxClassesPerKey(int maxClassesPerKey) {
            this.maxClassesPerKey = maxClassesPerKey;
            return this;
        }

        /** Emit the key's distribution to {@link #DISTRIBUTIONS} every n events; 0 = never. */
        public Builder setDistributionEveryEvents(int n) {
            this.distributionEveryEvents = n;
            return this;
        }

        /**
         * Emit the key's distribution to {@link #DISTRIBUTIONS} at the next multiple of this
         * event-time interval after each event (at most once per interval); null or zero: never.
         */
        public Builder setDistributionInterval(Duration interval) {
            this.distributionInterval = interval;
            return this;
        }

        /** The name written as {@code rejectedBy} into dead letters; not empty. */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** How much of a rejected event a dead letter keeps; default {@link DeadLetterLimits#DEFAULT}. */
        public Builder setDeadLetterLimits(DeadLetterLimits limits) {
            this.deadLetterLimits = limits;
            return this;
        }

        /** Validates the configuration and builds the function. */
        public InformationFunction build() {
            if (smoothing == null) {
                throw new IllegalArgumentException(
                        "Smoothing must be ADDITIVE or GOOD_TURING, was null");
            }
            if (!(alpha > 0.0) || alpha == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        "Alpha (additive smoothing) must be finite and > 0, was " + alpha);
            }
            if (!(temperature > 0.0) || temperature == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(
                        "Temperature must be finite and > 0, was " + temperature);
            }
            checkDuration("Half-life", halfLife);
            checkDuration("State TTL", stateTtl);
            checkDuration("Distribution interval", distributionInterval);
            if (maxClassesPerKey < 1) {
                throw new IllegalArgumentException(
                        "Max classes per key must be >= 1, was " + maxClassesPerKey);
            }
            if (distributionEveryEvents < 0) {
                throw new IllegalArgumentException(
                        "Distribution every n events must be >= 0 (0 = off), was "
                                + distributionEveryEvents);
            }
            // The name and limits are checked by DeadLetterSettings.
            return new InformationFunction(this);
        }

        private static void checkDuration(String what, Duration d) {
            if (d == null || d.isZero()) {
                return;
            }
            if (d.isNegative() || d.compareTo(MAX_DURATION) > 0 || d.toMillis() < 1) {
                throw new IllegalArgumentException(
                        what
                                + " must be in [1 ms, "
                                + MAX_DURATION
                                + "], or null or zero for off, was "
                                + d);
            }
        }
    }
}
