package org.infoprob.calibration;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.infoprob.model.CalibratedEvent;
import org.infoprob.model.CalibrationMetrics;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.LabelledProbabilities;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Temperature scaling through the operator (Flink's keyed two-input harness): the fit to a
 * model of known temperature, the calibrated output, bounded state, snapshot and restore.
 */
class TemperatureCalibrationFunctionTest {

    static KeyedTwoInputStreamOperatorTestHarness<String, ScoreEvent, LabelledScores, CalibratedEvent> harness(
            CalibrationFunction<ScoreEvent> fn) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(fn), e -> "", x -> "", Types.STRING);
    }

    private static void label(KeyedTwoInputStreamOperatorTestHarness<String, ScoreEvent, LabelledScores, CalibratedEvent> h,
            List<LabelledScores> data) throws Exception {
        for (LabelledScores x : data) {
            h.processElement2(x, x.ts);
        }
    }

    private static CalibratedEvent last(KeyedTwoInputStreamOperatorTestHarness<String, ScoreEvent, LabelledScores, CalibratedEvent> h) {
        List<CalibratedEvent> out = h.extractOutputValues();
        return out.get(out.size() - 1);
    }

    @Test
    void fittedTemperatureIsWithinThreeFisherStandardErrorsOfTheTrueAfterFiveThousandLabels() throws Exception {
        List<LabelledScores> data = CalibrationData.overConfident(15, 5_000, 2.5);
        var h = harness(TemperatureCalibrationFunction.builder(5)
                .setCapacity(5_000).setHalfLife(Double.POSITIVE_INFINITY).setRefitEvery(500).build());
        h.open();
        label(h, data);
        double[] s = {4.0, 1.0, -2.0, 0.5, -0.5};
        h.processElement1(CalibrationData.scoreEvent(s, 9_000), 9_000);
        CalibratedEvent c = last(h);
        // Reference: the Fisher information at the fitted T, summed here by plain loops.
        double se = CalibrationData.temperatureStandardError(data, c.temperature);
        System.out.printf("Temperature fit after 5000 labels: T = %.4f, Fisher standard error %.4f (operator %.4f),"
                + " (T - 2.5) / se = %.2f%n", c.temperature, se, c.standardError, (c.temperature - 2.5) / se);
        assertThat(c.fitStatus).isEqualTo("FITTED");
        assertThat(c.examples).isEqualTo(5_000);
        assertThat(c.standardError).as("the operator's standard error is the Fisher one").isCloseTo(se, within(1e-6 * se));
        assertThat(Math.abs(c.temperature - 2.5)).as("|T - 2.5| within 3 standard errors").isLessThan(3 * se);
        assertThat(se).as("the test has power: 5000 labels pin T to a few percent").isLessThan(0.1);
        // Applied: softmax(s / T) by the textbook formula.
        double[] expected = CalibrationData.softmax(s, c.temperature);
        for (int i = 0; i < 5; i++) {
            assertThat(c.probabilities[i]).isCloseTo(expected[i], within(1e-15));
        }
        assertThat(c.top).isEqualTo("c0");
        assertThat(c.topProbability).isEqualTo(c.probabilities[0]);
        assertThat(c.segment).isEmpty();
        h.close();
    }

    @Test
    void fittedTemperatureIsWithinOnePercentAfterFiftyThousandLabels() throws Exception {
        List<LabelledScores> data = CalibrationData.overConfident(16, 50_000, 2.5);
        var h = harness(TemperatureCalibrationFunction.builder(5)
                .setCapacity(50_000).setHalfLife(Double.POSITIVE_INFINITY).setRefitEvery(25_000).build());
        h.open();
        label(h, data);
        h.processElement1(CalibrationData.scoreEvent(new double[] {1, 0, 0, 0, 0}, 1), 1);
        CalibratedEvent c = last(h);
        System.out.printf("Temperature fit after 50000 labels: T = %.4f, standard error %.4f%n", c.temperature, c.standardError);
        assertThat(c.temperature).isCloseTo(2.5, within(0.025));
        h.close();
    }

    @Test
    void heldOutEceFallsBelowOnePercentAndLogLossBelowTheUncalibrated() throws Exception {
        List<LabelledScores> data = CalibrationData.overConfident(25, 60_000, 2.5);
        var h = harness(TemperatureCalibrationFunction.builder(5).setRefitEvery(1_000).build());
        h.open();
        label(h, data);
        List<LabelledProbabilities> evaluations = h.getSideOutput(CalibrationFunction.EVALUATIONS).stream()
                .map(r -> r.getValue()).collect(Collectors.toList());
        assertThat(evaluations).hasSize(60_000);
        // The last 50,000: each scored by the T fitted before it came (prequential, held out).
        CalibrationMetricsAggregate metrics = new CalibrationMetricsAggregate();
        CalibrationMetricsAccumulator calibrated = metrics.createAccumulator();
        CalibrationMetricsAccumulator raw = metrics.createAccumulator();
        for (int n = 10_000; n < 60_000; n++) {
            LabelledProbabilities x = evaluations.get(n);
            calibrated = metrics.add(x, calibrated);
            raw = metrics.add(LabelledProbabilities.of("", x.ts, x.classes,
                    CalibrationData.softmax(data.get(n).scores, 1.0), x.label), raw);
        }
        CalibrationMetrics after = metrics.getResult(calibrated);
        CalibrationMetrics before = metrics.getResult(raw);
        System.out.printf("Held-out metrics over 50,000 labels: ECE %.4f -> %.4f, log loss %.4f -> %.4f, Brier %.4f -> %.4f%n",
                before.ece, after.ece, before.logLoss, after.logLoss, before.brier, after.brier);
        assertThat(before.ece).as("the model is over-confident").isGreaterThan(0.1);
        assertThat(after.ece).isLessThan(0.01);
        assertThat(after.logLoss).isLessThan(before.logLoss);
        assertThat(after.accuracy).as("temperature scaling keeps the arg-max").isEqualTo(before.accuracy);
        h.close();
    }

    @Test
    void beforeTheFirstFitTheInitialTemperatureIsApplied() throws Exception {
        var h = harness(TemperatureCalibrationFunction.builder(5).setInitialTemperature(2.0).build());
        h.open();
        double[] s = {1.0, 0.0, 0.0, 0.0, Math.log(3)};
        h.processElement1(CalibrationData.scoreEvent(s, 1), 1);
        CalibratedEvent c = last(h);
        assertThat(c.fitStatus).isNull();
        assertThat(c.temperature).isEqualTo(2.0);
        assertThat(c.probabilities).containsExactly(CalibrationData.softmax(s, 2.0), within(1e-15));
        assertThat(c.slope).isNaN();
        assertThat(h.numKeyedStateEntries()).as("a score event writes no state").isZero();
        List<LabelledScores> first = CalibrationData.overConfident(1, 50, 2.5);
        label(h, first);
        LabelledProbabilities evaluation = h.getSideOutput(CalibrationFunction.EVALUATIONS).peek().getValue();
        assertThat(evaluation.probabilities).as("evaluated at the T in use before it: the initial 2.0")
                .containsExactly(CalibrationData.softmax(first.get(0).scores, 2.0), within(1e-15));
        assertThat(evaluation.label).isEqualTo(first.get(0).label);
        assertThat(evaluation.id).isEqualTo("e-0");
        h.processElement1(CalibrationData.scoreEvent(s, 2), 2);
        assertThat(last(h).fitStatus).as("no fit before refitEvery labels").isNull();
        label(h, CalibrationData.overConfident(2, 50, 2.5));
        h.processElement1(CalibrationData.scoreEvent(s, 3), 3);
        assertThat(last(h).fitStatus).as("100 labels: one fit").isIn("FITTED", "AT_BOUND");
        h.close();
    }

    @Test
    void tooFewExamplesKeepTheTemperature() throws Exception {
        var h = harness(TemperatureCalibrationFunction.builder(5).setMinExamples(100).setRefitEvery(10).build());
        h.open();
        label(h, CalibrationData.overConfident(3, 30, 2.5));
        h.processElement1(CalibrationData.scoreEvent(new double[] {1, 2, 3, 4, 5}, 1), 1);
        assertThat(last(h).fitStatus).isEqualTo("TOO_FEW_EXAMPLES");
        assertThat(last(h).temperature).isEqualTo(1.0);
        assertThat(last(h).examples).isEqualTo(30);
        h.close();
    }

    @Test
    void stateIsBoundedByTheCapacityPerSegment() throws Exception {
        var h = harness(TemperatureCalibrationFunction.builder(5).setCapacity(50).setMinExamples(20).setRefitEvery(25).build());
        h.open();
        List<LabelledScores> data = CalibrationData.overConfident(4, 1_000, 2.5);
        label(h, data.subList(0, 100));
        long full = h.snapshot(1L, 1L).getStateSize();
        label(h, data.subList(100, 1_000));
        long later = h.snapshot(2L, 2L).getStateSize();
        assertThat(h.numKeyedStateEntries()).as("one CalibrationState and one map of rows").isEqualTo(2);
        assertThat(later).as("the ring of 50 rows was full at 100 labels and stays that size").isEqualTo(full);
        h.processElement1(CalibrationData.scoreEvent(new double[] {1, 2, 3, 4, 5}, 1), 1);
        assertThat(last(h).examples).isEqualTo(50);
        h.close();
    }

    @Test
    void fewerClassesArePaddedAndMoreAreRejected() throws Exception {
        var h = harness(TemperatureCalibrationFunction.builder(3).setMinExamples(1).setRefitEvery(1).build());
        h.open();
        h.processElement2(LabelledScores.of("k", "a", 1, new String[] {"x", "y"}, new double[] {2.0, 0.0}, 1), 1);
        h.processElement2(LabelledScores.of("k", "b", 2, new String[] {"x", "y", "z", "w"}, new double[] {1, 2, 3, 4}, 0), 2);
        h.processElement2(LabelledScores.of("k", "c", 3, new String[] {"x", "y"}, new double[] {Double.NaN, 0.0}, 0), 3);
        List<DeadLetter> dead = h.getSideOutput(DeadLetter.TAG).stream().map(r -> r.getValue()).collect(Collectors.toList());
        assertThat(dead).extracting(d -> d.reason).containsExactly(Reason.TOO_MANY_CLASSES.name(), Reason.NON_FINITE_SCORE.name());
        assertThat(dead.get(0).payload).isEqualTo(
                "{\"key\":\"k\",\"id\":\"b\",\"ts\":2,\"classes\":[\"x\",\"y\",\"z\",\"w\"],\"scores\":[1.0,2.0,3.0,4.0],\"label\":0}");
        // One example {2, 0 | label 1}: the NLL ln(1 + e^{2/T}) - 0 falls as T grows, so the fit
        // goes to the top of the range; the padding -inf changes nothing.
        h.processElement1(ScoreEvent.of("k", 4, new String[] {"x", "y"}, new double[] {2.0, 0.0}), 4);
        assertThat(last(h).fitStatus).isEqualTo("AT_BOUND");
        assertThat(last(h).temperature).isEqualTo(100.0);
        h.close();
    }

    @Test
    void badScoreEventsAreDeadLettersLikeTheSoftmaxs() throws Exception {
        var h = harness(TemperatureCalibrationFunction.builder(3).setName("temperature").build());
        h.open();
        h.processElement1(ScoreEvent.of("k", 1, new String[] {"a", "b"}, new double[] {Double.NaN, 1}), 1);
        h.processElement1(ScoreEvent.of("k", 2, new String[] {"a", "b"},
                new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}), 2);
        assertThat(h.getSideOutput(DeadLetter.TAG).stream().map(r -> r.getValue().reason))
                .containsExactly(Reason.NON_FINITE_SCORE.name(), Reason.ALL_NEGATIVE_INFINITY.name());
        assertThat(h.getSideOutput(DeadLetter.TAG).peek().getValue().rejectedBy).isEqualTo("temperature");
        assertThat(h.extractOutputValues()).isEmpty();
        h.close();
    }

    @Test
    void aRestoredSegmentGoesOnExactlyAsTheOriginal() throws Exception {
        List<LabelledScores> data = CalibrationData.overConfident(5, 3_000, 2.5);
        TemperatureCalibrationFunction fn = TemperatureCalibrationFunction.builder(5)
                .setCapacity(1_000).setHalfLife(400).setRefitEvery(250).build();
        var original = harness(fn);
        original.open();
        label(original, data.subList(0, 1_700));
        OperatorSubtaskState snapshot = original.snapshot(1L, 1L);
        label(original, data.subList(1_700, 3_000));
        original.processElement1(CalibrationData.scoreEvent(new double[] {3, 1, 0, -1, 2}, 5_000), 5_000);
        CalibratedEvent expected = last(original);
        original.close();

        var restored = harness(fn);
        restored.initializeState(snapshot);
        restored.open();
        label(restored, data.subList(1_700, 3_000));
        restored.processElement1(CalibrationData.scoreEvent(new double[] {3, 1, 0, -1, 2}, 5_000), 5_000);
        assertThat(last(restored)).as("same T, standard error and probabilities to the bit").isEqualTo(expected);
        assertThat(expected.fitStatus).isEqualTo("FITTED");
        restored.close();
    }

    @Test
    void stateClassesArePojosNotKryo() {
        assertThat(TypeInformation.of(CalibrationState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(CalibrationExample.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(LabelledScores.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(CalibratedEvent.class)).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void builderNamesTheFirstBadSetting() {
        assertThatThrownBy(() -> TemperatureCalibrationFunction.builder(0).build()).hasMessageContaining("Classes must be >= 1");
        assertThatThrownBy(() -> TemperatureCalibrationFunction.builder(5).setCapacity(0).build())
                .hasMessage("Capacity must be >= 1, was 0");
        assertThatThrownBy(() -> TemperatureCalibrationFunction.builder(5).setRefitEvery(0).build())
                .hasMessage("Refit interval must be >= 1 labelled example, was 0");
        assertThatThrownBy(() -> TemperatureCalibrationFunction.builder(5).setHalfLife(-1).build())
                .hasMessage("Half-life must be > 0 (in examples; Infinity for no decay), was -1.0");
        assertThatThrownBy(() -> TemperatureCalibrationFunction.builder(5).setInitialTemperature(200).build())
                .hasMessage("Initial temperature must be in [0.05, 100.0], was 200.0");
    }
}
