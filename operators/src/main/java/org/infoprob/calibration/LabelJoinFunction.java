package org.infoprob.calibration;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.DeadLetters;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.LabelEvent;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;

import java.time.Duration;

/**
 * Pairs scored events with their labels by {@code id}, in event time, with bounded state: the
 * first of the two to arrive waits for the other until the watermark passes its time plus the
 * label timeout; then nothing of the id is left in state.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<LabelledScores> examples = scores
 *         .filter(e -> e.id != null).name("with-id").uid("with-id")
 *         .keyBy(e -> e.id)
 *         .connect(labels.keyBy(l -> l.id))
 *         .process(LabelJoinFunction.forScores().setLabelTimeout(Duration.ofMinutes(30)).build())
 *         .name("label-join").uid("label-join");
 * DataStream<DeadLetter> rejected = examples.getSideOutput(DeadLetter.TAG);
 * }</pre>
 *
 * Both inputs must be keyed by id (events without an id cannot be labelled; filter them out
 * before, they are still calibrated). Per id, in the order the records arrive:
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>record</th><th>state of the id</th><th>outcome</th></tr>
 *   <tr><td>event</td><td>nothing</td><td>waits until {@code event.ts + timeout}</td></tr>
 *   <tr><td>label</td><td>nothing</td><td>waits until {@code label.ts + timeout}</td></tr>
 *   <tr><td>label</td><td>event waiting</td><td>a {@link LabelledScores} (the id is then "matched")</td></tr>
 *   <tr><td>event</td><td>label waiting</td><td>a {@link LabelledScores} (matched)</td></tr>
 *   <tr><td>label</td><td>label waiting, or matched</td><td>dead letter {@link Reason#DUPLICATE_LABEL}</td></tr>
 *   <tr><td>event</td><td>event waiting, or matched</td><td>dead letter {@link Reason#DUPLICATE_ID}</td></tr>
 *   <tr><td>label that its event cannot have</td><td>event waiting or arriving</td><td>dead letter
 *       {@link Reason#UNKNOWN_LABEL} of the label; the event waits on as if the label never came</td></tr>
 *   <tr><td>(timeout)</td><td>label waiting</td><td>dead letter {@link Reason#LABEL_WITHOUT_EVENT}</td></tr>
 *   <tr><td>(timeout)</td><td>event waiting</td><td>forgotten, counted in {@code unlabelledEvents}</td></tr>
 *   <tr><td>(timeout)</td><td>matched</td><td>forgotten</td></tr>
 * </table>
 *
 * The wait is counted from the first record of the id ({@code ts + timeout}, saturating), and
 * only one event-time timer is registered per id; when it fires every state entry of the id is
 * cleared. So a label that never comes costs nothing after the timeout, and state holds at most
 * one event, one label and one timer per id that arrived within the last timeout of event time.
 * After the timeout an id is unknown again: a late label becomes {@link
 * Reason#LABEL_WITHOUT_EVENT} after its own wait, a late duplicate event waits like a new one.
 * A record whose wait is already over when it arrives (its time plus the timeout behind the
 * watermark) still pairs with what is waiting, otherwise it is dealt with at the next
 * watermark. Without watermarks nothing ever times out: the operator needs event time.
 *
 * <p>A label is judged when it meets its event. A label that waits for its event is the id's
 * label: a second one is {@link Reason#DUPLICATE_LABEL} even if the first then turns out to be
 * {@link Reason#UNKNOWN_LABEL} (so, for an id with a bad and a good label, the outcome depends on
 * which of event and labels arrives first; with one label per id, as producers should send,
 * it does not).
 *
 * <p>Which label an event can have: for {@link #forScores()} a class name among the event's
 * {@code classes} (compared exactly); for {@link #forBinaryScores()} a yes/no answer. The
 * output carries the score event's key, id, time and scores, and the label's index.
 *
 * <p>Metrics: {@code labelledExamples} (pairs emitted), {@code unlabelledEvents} (events whose
 * wait ended without a label), {@code deadLetters} per reason.
 *
 * @param <E> the score event type ({@code ScoreEvent} or {@code BinaryScoreEvent})
 */
@PublicEvolving
public class LabelJoinFunction<E> extends KeyedCoProcessFunction<String, E, LabelEvent, LabelledScores> {

    private static final long serialVersionUID = 1L;

    /** Default label timeout: 1 hour of event time. */
    public static final Duration DEFAULT_LABEL_TIMEOUT = Duration.ofHours(1);

    private final LabelTargets.Target<E> target;
    private final long timeoutMillis;
    private final DeadLetterSettings deadLetterSettings;

    private transient ValueState<E> event;
    private transient ValueState<LabelEvent> label;
    private transient ValueState<Long> deadline;
    private transient DeadLetters deadLetters;
    private transient Counter labelled;
    private transient Counter unlabelled;

    LabelJoinFunction(LabelTargets.Target<E> target, long timeoutMillis, DeadLetterSettings deadLetterSettings) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
        this.deadLetterSettings = deadLetterSettings;
    }

    /** A join of {@code ScoreEvent}s with class labels. */
    public static Builder<ScoreEvent> forScores() {
        return new Builder<>(LabelTargets.SCORES);
    }

    /** A join of {@code BinaryScoreEvent}s with yes/no labels. */
    public static Builder<BinaryScoreEvent> forBinaryScores() {
        return new Builder<>(LabelTargets.BINARY_SCORES);
    }

    @Override
    public void open(OpenContext openContext) {
        event = getRuntimeContext().getState(new ValueStateDescriptor<>("event", TypeInformation.of(target.type())));
        label = getRuntimeContext().getState(new ValueStateDescriptor<>("label", TypeInformation.of(LabelEvent.class)));
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("deadline", TypeInformation.of(Long.class)));
        deadLetters = deadLetterSettings.open(getRuntimeContext().getMetricGroup());
        labelled = getRuntimeContext().getMetricGroup().counter("labelledExamples");
        unlabelled = getRuntimeContext().getMetricGroup().counter("unlabelledEvents");
    }

    @Override
    public void processElement1(E e, Context ctx, Collector<LabelledScores> out) throws Exception {
        if (deadline.value() != null) {
            LabelEvent waiting = label.value();
            if (waiting == null) {
                String what = event.value() != null ? "is waiting for its label" : "has been labelled";
                ctx.output(DeadLetter.TAG, target.reject(deadLetters, new DeadLetterCause(Reason.DUPLICATE_ID,
                        "Id '" + ctx.getCurrentKey() + "' of this event " + what + " already; it is not labelled again"), e));
                return;
            }
            label.clear();
            if (!pair(e, waiting, ctx, out)) {
                event.update(e);
            }
            return;
        }
        event.update(e);
        startWait(target.ts(e), ctx);
    }

    @Override
    public void processElement2(LabelEvent l, Context ctx, Collector<LabelledScores> out) throws Exception {
        if (deadline.value() != null) {
            E waiting = event.value();
            if (waiting == null) {
                String what = label.value() != null ? "is already waiting for its event" : "has been matched already";
                ctx.output(DeadLetter.TAG, deadLetters.reject(new DeadLetterCause(Reason.DUPLICATE_LABEL,
                        "A label for id '" + l.id + "' " + what + "; the first label counts"), l));
                return;
            }
            if (pair(waiting, l, ctx, out)) {
                event.clear();
            }
            return;
        }
        label.update(l);
        startWait(l.ts, ctx);
    }

    /** Emits the pair, or rejects the label as UNKNOWN_LABEL; true when paired. */
    private boolean pair(E e, LabelEvent l, Context ctx, Collector<LabelledScores> out) {
        int index = target.labelIndex(e, l);
        if (index < 0) {
            ctx.output(DeadLetter.TAG, deadLetters.reject(
                    new DeadLetterCause(Reason.UNKNOWN_LABEL, target.unknownLabel(e, l)), l));
            return false;
        }
        out.collect(target.labelled(e, index));
        labelled.inc();
        return true;
    }

    private void startWait(long ts, Context ctx) throws Exception {
        long end = ts > Long.MAX_VALUE - timeoutMillis ? Long.MAX_VALUE : ts + timeoutMillis;
        deadline.update(end);
        ctx.timerService().registerEventTimeTimer(end);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LabelledScores> out) throws Exception {
        LabelEvent waiting = label.value();
        if (waiting != null) {
            ctx.output(DeadLetter.TAG, deadLetters.reject(new DeadLetterCause(Reason.LABEL_WITHOUT_EVENT,
                    "No event with id '" + waiting.id + "' came within the label timeout of "
                            + Duration.ofMillis(timeoutMillis) + " (the watermark passed " + timestamp + ")"), waiting));
        } else if (event.value() != null) {
            unlabelled.inc();
        }
        event.clear();
        label.clear();
        deadline.clear();
    }

    /** The label timeout in milliseconds of event time. */
    public long labelTimeoutMillis() {
        return timeoutMillis;
    }

    /**
     * Settings of a {@link LabelJoinFunction}.
     *
     * <table>
     *   <caption>Settings</caption>
     *   <tr><th>Setter</th><th>Default</th><th>Allowed</th></tr>
     *   <tr><td>{@code setLabelTimeout}</td><td>1 h</td><td>&gt; 0, at most {@code Long.MAX_VALUE} ms</td></tr>
     *   <tr><td>{@code setName}</td><td>{@code "LabelJoinFunction"}</td><td>not empty (written as {@code rejectedBy})</td></tr>
     *   <tr><td>{@code setDeadLetterLimits}</td><td>{@link DeadLetterLimits#DEFAULT}</td><td>not null</td></tr>
     * </table>
     */
    @PublicEvolving
    public static final class Builder<E> {
        private final LabelTargets.Target<E> target;
        private Duration labelTimeout = DEFAULT_LABEL_TIMEOUT;
        private String name = "LabelJoinFunction";
        private DeadLetterLimits limits = DeadLetterLimits.DEFAULT;

        private Builder(LabelTargets.Target<E> target) {
            this.target = target;
        }

        /** How long (event time) an event waits for its label and a label for its event. */
        public Builder<E> setLabelTimeout(Duration labelTimeout) {
            this.labelTimeout = labelTimeout;
            return this;
        }

        /** The name written as {@code rejectedBy} into dead letters (e.g. the operator's uid). */
        public Builder<E> setName(String name) {
            this.name = name;
            return this;
        }

        /** How much of a rejected record a dead letter keeps. */
        public Builder<E> setDeadLetterLimits(DeadLetterLimits limits) {
            this.limits = limits;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public LabelJoinFunction<E> build() {
            if (labelTimeout == null || labelTimeout.isNegative() || labelTimeout.isZero()) {
                throw new IllegalArgumentException("Label timeout must be > 0, was " + labelTimeout);
            }
            long millis;
            try {
                millis = labelTimeout.toMillis();
            } catch (ArithmeticException tooLong) {
                throw new IllegalArgumentException("Label timeout must be at most Long.MAX_VALUE ms, was " + labelTimeout);
            }
            if (millis == 0) {
                throw new IllegalArgumentException("Label timeout must be at least 1 ms, was " + labelTimeout);
            }
            return new LabelJoinFunction<>(target, millis, new DeadLetterSettings(name, limits));
        }
    }
}
