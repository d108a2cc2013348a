package org.infoprob.calibration;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.CalibratedEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Platt scaling through the operator (Flink's keyed two-input harness). */
class PlattCalibrationFunctionTest {

    private static KeyedTwoInputStreamOperatorTestHarness<String, BinaryScoreEvent, LabelledScores, CalibratedEvent> harness(
            PlattCalibrationFunction fn) throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(fn), e -> e.key, x -> x.key, Types.STRING);
    }

    private static void label(KeyedTwoInputStreamOperatorTestHarness<String, BinaryScoreEvent, LabelledScores, CalibratedEvent> h,
            List<LabelledScores> data) throws Exception {
        for (LabelledScores x : data) {
            h.processElement2(x, x.ts);
        }
    }

    private static CalibratedEvent last(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, CalibratedEvent> h) {
        List<CalibratedEvent> out = h.extractOutputValues();
        return out.get(out.size() - 1);
    }

    @Test
    void slopeAndInterceptAreWithinThreeStandardErrorsOfTwoAndMinusOneAfterFiveThousandLabels() throws Exception {
        List<LabelledScores> data = CalibrationData.platt(15, 5_000, 2.0, -1.0);
        var h = harness(PlattCalibrationFunction.builder()
                .setCapacity(5_000).setHalfLife(Double.POSITIVE_INFINITY).setRefitEvery(1_000).setLabels("ok", "fraud").build());
        h.open();
        label(h, data);
        h.processElement1(CalibrationData.binaryEvent(0.8, 9_000), 9_000);
        CalibratedEvent c = last(h);
        // Reference: the inverse Fisher information of (a, b) at the fit, by plain loops.
        double[] se = CalibrationData.plattStandardErrors(data, c.slope, c.intercept);
        System.out.printf("Platt fit after 5000 labels: a = %.4f (se %.4f), b = %.4f (se %.4f)%n",
                c.slope, se[0], c.intercept, se[1]);
        assertThat(c.fitStatus).isEqualTo("FITTED");
        assertThat(Math.abs(c.slope - 2.0)).isLessThan(3 * se[0]);
        assertThat(Math.abs(c.intercept + 1.0)).isLessThan(3 * se[1]);
        assertThat(c.standardError).as("the operator's slope error is the Fisher one").isCloseTo(se[0], within(1e-3 * se[0]));
        double z = c.slope * 0.8 + c.intercept;
        assertThat(c.classes).containsExactly("ok", "fraud");
        assertThat(c.probabilities[1]).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-15));
        assertThat(c.probabilities[0]).isCloseTo(1 / (1 + Math.exp(z)), within(1e-15));
        assertThat(c.temperature).isNaN();
        assertThat(c.segment).isEqualTo("m");
        h.close();
    }

    @Test
    void slopeAndInterceptAreWithinFiveHundredthsAfterFiftyThousandLabels() throws Exception {
        var h = harness(PlattCalibrationFunction.builder()
                .setCapacity(50_000).setHalfLife(Double.POSITIVE_INFINITY).setRefitEvery(25_000).build());
        h.open();
        label(h, CalibrationData.platt(16, 50_000, 2.0, -1.0));
        h.processElement1(CalibrationData.binaryEvent(0.0, 1), 1);
        CalibratedEvent c = last(h);
        System.out.printf("Platt fit after 50000 labels: a = %.4f, b = %.4f%n", c.slope, c.intercept);
        assertThat(c.slope).isCloseTo(2.0, within(0.05));
        assertThat(c.intercept).isCloseTo(-1.0, within(0.05));
        h.close();
    }

    @Test
    void beforeAFitThePlainSigmoidIsApplied() throws Exception {
        var h = harness(PlattCalibrationFunction.builder().build());
        h.open();
        h.processElement1(CalibrationData.binaryEvent(Math.log(3), 1), 1);
        CalibratedEvent c = last(h);
        assertThat(c.probabilities).containsExactly(new double[] {0.25, 0.75}, within(1e-15));
        assertThat(c.slope).isEqualTo(1.0);
        assertThat(c.intercept).isEqualTo(0.0);
        assertThat(c.top).isEqualTo("positive");
        assertThat(c.fitStatus).isNull();
        h.close();
    }

    @Test
    void nonBinaryExamplesAndNaNScoresAreDeadLetters() throws Exception {
        var h = harness(PlattCalibrationFunction.builder().build());
        h.open();
        h.processElement2(LabelledScores.of("m", "a", 1, new String[] {"x"}, new double[] {1.0}, 0), 1);
        h.processElement2(LabelledScores.of("m", "b", 1, null, new double[] {1.0}, 2), 1);
        h.processElement2(LabelledScores.of("m", "c", 1, null, new double[] {Double.NaN}, 1), 1);
        h.processElement1(CalibrationData.binaryEvent(Double.NaN, 1), 1);
        assertThat(h.getSideOutput(DeadLetter.TAG).stream().map(r -> r.getValue().reason)).containsExactly(
                Reason.TOO_MANY_CLASSES.name(), Reason.UNKNOWN_LABEL.name(), Reason.NON_FINITE_SCORE.name(),
                Reason.NON_FINITE_SCORE.name());
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void segmentsAreCalibratedApartAndSurviveARestore() throws Exception {
        List<LabelledScores> steep = CalibrationData.platt(21, 2_000, 3.0, 0.0);
        List<LabelledScores> flat = CalibrationData.platt(22, 2_000, 0.5, 1.0);
        flat.forEach(x -> x.key = "flat");
        PlattCalibrationFunction fn = PlattCalibrationFunction.builder().setRefitEvery(400).build();
        var original = harness(fn);
        original.open();
        label(original, steep.subList(0, 1_000));
        label(original, flat.subList(0, 1_000));
        OperatorSubtaskState snapshot = original.snapshot(1L, 1L);
        label(original, steep.subList(1_000, 2_000));
        label(original, flat.subList(1_000, 2_000));
        original.processElement1(CalibrationData.binaryEvent(1.0, 5), 5);
        BinaryScoreEvent f = BinaryScoreEvent.of("flat", 5, 1.0);
        original.processElement1(f, 5);
        List<CalibratedEvent> expected = original.extractOutputValues();
        original.close();
        assertThat(expected.get(0).slope).as("steep segment").isGreaterThan(2.0);
        assertThat(expected.get(1).slope).as("flat segment").isLessThan(1.0);

        var restored = harness(fn);
        restored.initializeState(snapshot);
        restored.open();
        label(restored, steep.subList(1_000, 2_000));
        label(restored, flat.subList(1_000, 2_000));
        restored.processElement1(CalibrationData.binaryEvent(1.0, 5), 5);
        restored.processElement1(f, 5);
        assertThat(restored.extractOutputValues()).isEqualTo(expected);
        restored.close();
    }

    @Test
    void builderChecksItsSettings() {
        assertThatThrownBy(() -> PlattCalibrationFunction.builder().setLabels("a", "a").build())
                .hasMessage("Labels must differ, was 'a' for both");
        assertThatThrownBy(() -> PlattCalibrationFunction.builder().setMinExamples(0).build())
                .hasMessage("Minimum examples must be >= 1, was 0");
    }
}
