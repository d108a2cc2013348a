package org.infoprob.calibration;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.internal.DeadLetters;
import org.infoprob.model.CalibratedEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.LabelledProbabilities;
import org.infoprob.model.LabelledScores;

import java.util.ArrayList;
import java.util.List;

/**
 * The shared part of the per-segment calibrators ({@link TemperatureCalibrationFunction}, {@link
 * PlattCalibrationFunction}): both inputs keyed by the segment (e.g. {@code e -> ""} for one
 * global segment, or a model id); score events on the first input are calibrated with the
 * segment's current parameters as they arrive, labelled examples on the second go into the
 * segment's window, and every {@code refitEvery} of them the parameters are refitted to the
 * window by the maths of {@code org.infoprob.math}.
 *
 * <h2>State per segment</h2>
 *
 * A {@link CalibrationState} (parameters, last fit, ring position; read per score event) and a
 * map state of at most {@code capacity} {@link CalibrationExample} rows, slot {@code 0 ..
 * capacity-1} of a ring (one row written per labelled example). Both are Flink POJOs (no Kryo).
 * A refit reads the rows oldest first into a fresh calibrator of {@code org.infoprob.math}
 * (whose window weighs them by order of arrival, so the weights are the same as if it had kept
 * them itself) and fits; a restore from a savepoint therefore refits to the same numbers. Cost
 * of a refit: {@code O(size * K)} to read the rows plus the fit's passes; amortised over {@code
 * refitEvery} labels.
 *
 * <h2>Evaluations</h2>
 *
 * Every labelled example also comes out on the side output {@link #EVALUATIONS} as a {@link
 * LabelledProbabilities}: its probabilities under the parameters in use just before it joined
 * the window (so it was not fitted to: a prequential, held-out evaluation), with its true class.
 * {@link CalibrationMetricsAggregate} turns them into log loss, Brier score and ECE per window.
 *
 * <h2>Rejections</h2>
 *
 * Score events and labelled examples the calibration cannot use go to {@link DeadLetter#TAG}
 * with their reason (see the subclasses); nothing is dropped. Metric: {@code calibrationFits}.
 *
 * @param <E> the score event type
 */
@PublicEvolving
public abstract class CalibrationFunction<E> extends KeyedCoProcessFunction<String, E, LabelledScores, CalibratedEvent> {

    private static final long serialVersionUID = 1L;

    /** The side output of labelled predictions, one per labelled example taken into a window. */
    public static final OutputTag<LabelledProbabilities> EVALUATIONS =
            new OutputTag<>("calibration-evaluations", TypeInformation.of(LabelledProbabilities.class));

    final WindowSettings window;
    private final DeadLetterSettings deadLetterSettings;

    private transient ValueState<CalibrationState> state;
    private transient MapState<Integer, CalibrationExample> rows;
    private transient DeadLetters deadLetters;
    private transient Counter fits;

    CalibrationFunction(WindowSettings window, DeadLetterSettings deadLetterSettings) {
        this.window = window;
        this.deadLetterSettings = deadLetterSettings;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("calibration", TypeInformation.of(CalibrationState.class)));
        rows = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("examples", Types.INT, TypeInformation.of(CalibrationExample.class)));
        deadLetters = deadLetterSettings.open(getRuntimeContext().getMetricGroup());
        fits = getRuntimeContext().getMetricGroup().counter("calibrationFits");
    }

    @Override
    public void processElement1(E e, Context ctx, Collector<CalibratedEvent> out) throws Exception {
        CalibrationState s = current();
        CalibratedEvent c = new CalibratedEvent();
        DeadLetterCause cause = apply(e, s, c);
        if (cause != null) {
            ctx.output(DeadLetter.TAG, reject(deadLetters, cause, e));
            return;
        }
        c.segment = ctx.getCurrentKey();
        c.fitStatus = s.fitStatus;
        c.examples = s.examples;
        c.standardError = s.standardError;
        int top = 0;
        for (int i = 1; i < c.probabilities.length; i++) {
            if (c.probabilities[i] > c.probabilities[top]) {
                top = i;
            }
        }
        c.top = c.classes[top];
        c.topProbability = c.probabilities[top];
        out.collect(c);
    }

    @Override
    public void processElement2(LabelledScores x, Context ctx, Collector<CalibratedEvent> out) throws Exception {
        CalibrationExample row = new CalibrationExample();
        DeadLetterCause cause = row(x, row);
        if (cause != null) {
            ctx.output(DeadLetter.TAG, deadLetters.reject(cause, x));
            return;
        }
        CalibrationState s = current();
        LabelledProbabilities evaluation = LabelledProbabilities.of(
                ctx.getCurrentKey(), x.ts, classes(x), probabilities(x, s), x.label);
        evaluation.id = x.id;
        ctx.output(EVALUATIONS, evaluation);
        rows.put(s.next, row);
        s.next = s.next + 1 == window.capacity() ? 0 : s.next + 1;
        s.size = Math.min(s.size + 1, window.capacity());
        if (++s.sinceFit >= window.refitEvery()) {
            List<CalibrationExample> oldestFirst = new ArrayList<>(s.size);
            for (int age = s.size - 1; age >= 0; age--) {
                int slot = s.next - 1 - age;
                oldestFirst.add(rows.get(slot < 0 ? slot + window.capacity() : slot));
            }
            fit(s, oldestFirst);
            s.sinceFit = 0;
            fits.inc();
        }
        state.update(s);
    }

    private CalibrationState current() throws Exception {
        CalibrationState s = state.value();
        return s != null ? s : initial();
    }

    /** The state of a segment before its first label: the initial parameters, an empty ring. */
    abstract CalibrationState initial();

    /**
     * Fills {@code classes} and {@code probabilities} of {@code out} (and the parameters
     * applied) from {@code e} with the parameters of {@code s}; or says why it cannot.
     */
    abstract DeadLetterCause apply(E e, CalibrationState s, CalibratedEvent out);

    abstract DeadLetter reject(DeadLetters deadLetters, DeadLetterCause cause, E e);

    /** The class names of a valid labelled example's probabilities. */
    abstract String[] classes(LabelledScores x);

    /** The probabilities of a valid labelled example under the parameters of {@code s}. */
    abstract double[] probabilities(LabelledScores x, CalibrationState s);

    /** Fills the window row of a labelled example, or says why it cannot be one. */
    abstract DeadLetterCause row(LabelledScores x, CalibrationExample row);

    /** Refits to {@code rows} (oldest first), warm-started from {@code s}; updates {@code s}. */
    abstract void fit(CalibrationState s, List<CalibrationExample> rows);
}
