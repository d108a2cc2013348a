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
import org.infoprob.math.EventScores;
import org.infoprob.math.InformationScorer;
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
 * Per key: counts {@code c_j} (weighted, optionally decayed in event time), total {@code C},
 * {@code V} classes held. Each event is <b>scored first, then counted</b> (prequential), by
 * {@link InformationScorer}, whose comment gives the formulas: {@code p_x = (c_x + a) / (C + a
 * (V + 1))} (additive smoothing; {@link Smoothing#GOOD_TURING} sizes the unseen slot by the
 * singletons), surprisal {@code -ln p_x}, score {@code ln(p_ref / p_x)}, rarity {@code
 * softmax(I / T)} over the classes held <em>and the unseen slot</em>, entropy. A key with no
 * history gets rarity 0.
 *
 * <h2>Decay and expiry</h2>
 *
 * With a half-life h the counts decay in event time, {@code c_j(t) = sum_i w_i 2^{-(t -
 * t_i)/h}}; "now" is the key's largest event time, a late event enters with weight {@code w
 * 2^{-(now - t)/h}} ({@link ClassCounts}: forward decay, O(1) per update). A key whose last
 * event lies {@value #EXPIRY_HALF_LIVES} half-lives behind the watermark, so that its total has
 * decayed to {@code 2^-64} (5.4e-20) of what it was then, is removed on an event-time timer
 * ({@link KeyExpiry}).
 * Without a half-life, {@link Builder#setIdleTimeout} does the same after a fixed idle time;
 * with both, the earlier applies. A key that returns starts fresh ({@code firstSeen}, {@code
 * total = 0}). Unlike the processing-time {@link Builder#setStateTtl}, this follows the events:
 * a replayed backlog expires keys as its event time passes, and an outage expires nothing.
 *
 * <h2>State and capacity</h2>
 *
 * One {@code ValueState<ClassCounts>} per key, serialized by {@link ClassCountsSerializer}
 * (versioned, no Kryo). At most {@code maxClassesPerKey} classes: a new class beyond that takes
 * the counter of the least-weighted one (Space-Saving), so every count overestimates the true
 * one by at most {@link RarityEvent#countError} {@code <= C / maxClassesPerKey}, and a class not
 * held weighed at most that. Evictions are counted in the metric {@code evictedClasses}.
 *
 * <h2>Outputs and metrics</h2>
 *
 * Main output: one {@link RarityEvent} per valid event (a weight of 0 scores an event without
 * counting it). {@link DeadLetter#TAG}: events with a null or empty class, a weight that is
 * NaN, infinite, negative or above 1e100, or no timestamp where one is needed; they change no
 * state. {@link #DISTRIBUTIONS} (optional): the key's whole {@link ClassDistribution} every N
 * events and/or on an event-time timer. Metrics: {@code distinctClasses}, {@code
 * maxDistinctClasses}, {@code evictedClasses}, {@code firstSeenEvents}, {@code expiredKeys},
 * {@code deadLetters} (see operators/README.md).
 */
@PublicEvolving
public class InformationFunction extends KeyedProcessFunction<String, ClassEvent, RarityEvent> {

    private static final long serialVersionUID = 1L;

    /** With a half-life, a key is removed this many half-lives after its last event. */
    public static final int EXPIRY_HALF_LIVES = 64;

    /** Side output of the full class distribution per key, when enabled in the builder. */
    public static final OutputTag<ClassDistribution> DISTRIBUTIONS =
            new OutputTag<>(
                    "infoprob-class-distribution", TypeInformation.of(ClassDistribution.class));

    private final ScorerSettings scorerSettings;
    private final long halfLifeMillis;
    private final KeyExpiry expiry;
    private final Duration stateTtl;
    private final int maxClassesPerKey;
    private final int distributionEveryEvents;
    private final long distributionIntervalMillis;
    private final DeadLetterSettings deadLetterSettings;
    private final double warmUpTotal;

    private transient ValueState<ClassCounts> state;
    private transient InformationScorer scorer;
    private transient EventScores scores;
    private transient CanonicalNames classNames;
    private transient DeadLetters deadLetters;
    private transient Counter evictedClasses;
    private transient Counter firstSeenEvents;
    private transient Counter expiredKeys;
    private transient int lastDistinct;
    private transient int maxDistinct;

    InformationFunction(Builder b) {
        this.scorerSettings = b.scorerSettings();
        this.halfLifeMillis = b.halfLife == null ? 0L : b.halfLife.toMillis();
        this.expiry = new KeyExpiry(halfLifeMillis, b.idleTimeout == null ? 0L : b.idleTimeout.toMillis());
        this.stateTtl = b.stateTtl == null || b.stateTtl.isZero() ? null : b.stateTtl;
        this.maxClassesPerKey = b.maxClassesPerKey;
        this.distributionEveryEvents = b.distributionEveryEvents;
        this.distributionIntervalMillis =
                b.distributionInterval == null ? 0L : b.distributionInterval.toMillis();
        this.deadLetterSettings = new DeadLetterSettings(b.name, b.deadLetterLimits);
        this.warmUpTotal = b.warmUpTotal;
    }

    /** A builder with the defaults: additive smoothing a = 1, T = 1, no decay, no expiry, no TTL. */
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
        scorer = scorerSettings.scorer();
        scores = new EventScores();
        classNames = new CanonicalNames(CanonicalNames.DEFAULT_CAPACITY);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        deadLetters = deadLetterSettings.open(metrics);
        evictedClasses = metrics.counter("evictedClasses");
        firstSeenEvents = metrics.counter("firstSeenEvents");
        expiredKeys = metrics.counter("expiredKeys");
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
        RarityEvent rarity = InformationOutputs.rarityEvent(scorer, scores, counts, x, event);
        rarity.ts = ts;
        rarity.warmingUp = rarity.total < warmUpTotal;
        if (x < 0) {
            firstSeenEvents.inc();
        }
        if (event.weight > 0.0) {
            if (x < 0 && counts.size() >= maxClassesPerKey) {
                evictedClasses.inc();
            }
            // A new class of this key keeps the name instance all keys share.
            String className = x < 0 ? classNames.of(event.className) : event.className;
            counts.add(className, x, ts == null ? counts.now() : ts, event.weight, maxClassesPerKey);
        }

        if (distributionEveryEvents > 0
                && ++counts.eventsSinceDistribution >= distributionEveryEvents) {
            counts.eventsSinceDistribution = 0;
            ctx.output(
                    DISTRIBUTIONS,
                    InformationOutputs.distribution(scorer, counts, counts.scale(), event.key, ts));
        }
        if (distributionIntervalMillis > 0 && counts.distributionTimer == ClassCounts.NO_TIMER) {
            long fire = (Math.floorDiv(ts, distributionIntervalMillis) + 1) * distributionIntervalMillis;
            ctx.timerService().registerEventTimeTimer(fire);
            counts.distributionTimer = fire;
        }
        expiry.onEvent(counts, ctx.timerService());
        state.update(counts);

        lastDistinct = counts.size();
        maxDistinct = Math.max(maxDistinct, lastDistinct);
        out.collect(rarity);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RarityEvent> out)
            throws Exception {
        ClassCounts counts = state.value();
        if (counts == null) {
            // Expired (event-time expiry or TTL) since the timer was set.
            return;
        }
        boolean changed = false;
        if (counts.distributionTimer == timestamp) {
            counts.distributionTimer = ClassCounts.NO_TIMER;
            double s = counts.scaleAt(Math.max(timestamp, counts.now()));
            ctx.output(
                    DISTRIBUTIONS,
                    InformationOutputs.distribution(scorer, counts, s, ctx.getCurrentKey(), timestamp));
            changed = true;
        }
        if (counts.expiryTimer == timestamp) {
            if (expiry.onTimer(counts, timestamp, ctx.timerService())) {
                state.clear();
                expiredKeys.inc();
                return;
            }
            changed = true;
        }
        if (changed) {
            state.update(counts);
        }
    }

    private boolean timeRequired() {
        return halfLifeMillis > 0 || distributionIntervalMillis > 0 || expiry.enabled();
    }

    /**
     * Configures an {@link InformationFunction}; {@link #build()} checks every value. Defaults:
     * {@link Smoothing#ADDITIVE} with a = 1, temperature 1, no half-life (plain counts), no
     * idle timeout, no state TTL, at most 10,000 classes per key, no distribution output, name
     * {@code "information"}.
     */
    @PublicEvolving
    public static final class Builder extends ScorerBuilder<Builder> {

        /** A million years: far beyond any use, and safe from overflow in millisecond sums. */
        private static final Duration MAX_DURATION = Duration.ofDays(365_000_000L);

        private Duration halfLife;
        private Duration idleTimeout;
        private Duration stateTtl;
        private int maxClassesPerKey = 10_000;
        private int distributionEveryEvents;
        private Duration distributionInterval;
        private String name = "information";
        private DeadLetterLimits deadLetterLimits = DeadLetterLimits.DEFAULT;
        private double warmUpTotal;

        Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * Half-life of the counts in event time, at least 1 ms; null or zero: no decay. A key
         * is removed {@value InformationFunction#EXPIRY_HALF_LIVES} half-lives after its last
         * event.
         */
        public Builder setHalfLife(Duration halfLife) {
            this.halfLife = halfLife;
            return this;
        }

        /**
         * Removes a key's state once the watermark is this much event time past its last
         * event, at least 1 ms; null or zero: never (without a half-life) or after {@value
         * InformationFunction#EXPIRY_HALF_LIVES} half-lives. Events then need a timestamp.
         */
        public Builder setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /**
         * Processing-time TTL of a key's state after its last update; null or zero: none. See
         * {@link #setIdleTimeout} for expiry in event time.
         */
        public Builder setStateTtl(Duration stateTtl) {
            this.stateTtl = stateTtl;
            return this;
        }

        /**
         * Most classes kept per key, &gt;= 1: beyond it, Space-Saving with an error of at most
         * {@code total / maxClassesPerKey} per count.
         */
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

        /**
         * Marks events as {@code warmingUp} while their key's {@code total} before the event (the
         * decayed total with a half-life) is below {@code minTotal}: finite and &gt;= 0; 0 (the
         * default) marks nothing. Scores are computed as
         * always; the mark tells an alert to wait for history (operators/README.md, "Which field
         * to alert on").
         */
        public Builder setWarmUp(double minTotal) {
            this.warmUpTotal = minTotal;
            return this;
        }

        /** Validates the configuration and builds the function. */
        public InformationFunction build() {
            scorerSettings();
            checkDuration("Half-life", halfLife);
            checkDuration("Idle timeout", idleTimeout);
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
            if (!(warmUpTotal >= 0.0 && Double.isFinite(warmUpTotal))) {
                throw new IllegalArgumentException(
                        "Warm-up total must be finite and >= 0 (0 = off), was " + warmUpTotal);
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
                        what + " must be in [1 ms, " + MAX_DURATION + "], or null or zero for off, was " + d);
            }
        }
    }
}
