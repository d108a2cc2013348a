package org.infoprob.calibration;

import org.infoprob.model.CalibrationMetrics;
import org.infoprob.model.LabelledProbabilities;
import org.infoprob.testing.AggregateContract;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The metrics aggregate: hand-computed values, rejected rows, and the merge contract of every
 * accumulator ({@link AggregateContract}).
 */
class CalibrationMetricsAggregateTest
        extends AggregateContract<LabelledProbabilities, CalibrationMetricsAccumulator, CalibrationMetrics> {

    private static final CalibrationMetricsAggregate METRICS = new CalibrationMetricsAggregate();

    private static CalibrationMetrics of(LabelledProbabilities... rows) {
        CalibrationMetricsAccumulator acc = METRICS.createAccumulator();
        for (LabelledProbabilities x : rows) {
            acc = METRICS.add(x, acc);
        }
        return METRICS.getResult(acc);
    }

    private static LabelledProbabilities row(int label, double... p) {
        return LabelledProbabilities.of("m", 1L, null, p, label);
    }

    @Test
    void twoPredictionsByHand() {
        CalibrationMetrics m = of(row(0, 0.9, 0.1), row(0, 0.3, 0.7));
        // Hand computation from the formulas of CalibrationMetrics:
        // log loss (-ln 0.9 - ln 0.3) / 2; Brier ((0.1^2 + 0.1^2) + (0.7^2 + 0.7^2)) / 2 = 0.5;
        // two rows, 15 equal-mass bins: one row per bin, ECE (|1 - 0.9| + |0 - 0.7|) / 2 = 0.4.
        assertThat(m.count).isEqualTo(2);
        assertThat(m.logLoss).isCloseTo((-Math.log(0.9) - Math.log(0.3)) / 2, within(1e-15));
        assertThat(m.brier).isCloseTo(0.5, within(1e-15));
        assertThat(m.ece).isCloseTo(0.4, within(1e-15));
        assertThat(m.accuracy).isEqualTo(0.5);
        assertThat(m.meanConfidence).isCloseTo(0.8, within(1e-15));
        assertThat(m.reliabilityConfidence).containsExactly(new double[] {0.7, 0.9}, within(1e-15));
        assertThat(m.reliabilityAccuracy).containsExactly(0.0, 1.0);
        assertThat(m.reliabilityCount).containsExactly(1L, 1L);
        assertThat(m.segment).isEqualTo("m");
        assertThat(m.windowStart).isNull();
    }

    @Test
    void rowsTheMetricsCannotTakeAreCountedApart() {
        CalibrationMetrics m = of(row(0, 0.5, 0.5), row(0, Double.NaN, 0.5), row(2, 0.5, 0.5), row(0, 1.5, -0.5),
                LabelledProbabilities.of("m", 1L, null, null, 0));
        assertThat(m.count).isEqualTo(1);
        assertThat(m.rejected).isEqualTo(4);
        assertThat(m.logLoss).isCloseTo(Math.log(2), within(1e-15));
        assertThat(m.brier).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void aZeroProbabilityForTheTrueClassGivesInfiniteLogLoss() {
        assertThat(of(row(1, 1.0, 0.0)).logLoss).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void badBinsAreRefused() {
        assertThatThrownBy(() -> new CalibrationMetricsAggregate(0, 10)).hasMessage("Bins must be >= 1, was 0");
        assertThatThrownBy(() -> new CalibrationMetricsAggregate(20, 10)).hasMessage("Fine bins must be >= 20, was 10");
    }

    @Override
    protected Stream<Aggregate<LabelledProbabilities, CalibrationMetricsAccumulator, CalibrationMetrics>> aggregates() {
        return Stream.of(Aggregate.of("default bins", METRICS), Aggregate.of("4 of 40 bins", new CalibrationMetricsAggregate(4, 40)));
    }

    @Override
    protected List<List<LabelledProbabilities>> windows(Random random) {
        List<List<LabelledProbabilities>> windows = new ArrayList<>();
        for (int w = 0; w < 5; w++) {
            List<LabelledProbabilities> rows = new ArrayList<>();
            for (int n = 0; n < 1 + random.nextInt(30); n++) {
                double[] s = new double[3];
                for (int i = 0; i < 3; i++) {
                    s[i] = 2 * random.nextGaussian();
                }
                rows.add(row(random.nextInt(3), CalibrationData.softmax(s, 1.0)));
            }
            if (w == 2) {
                rows.add(row(0, Double.NaN, 1.0, 0.0));
            }
            windows.add(rows);
        }
        return windows;
    }

    @Override
    protected void assertSameResult(CalibrationMetrics expected, CalibrationMetrics actual, String what) {
        assertThat(actual.count).as(what).isEqualTo(expected.count);
        assertThat(actual.rejected).as(what).isEqualTo(expected.rejected);
        assertThat(actual.logLoss).as(what).isCloseTo(expected.logLoss, within(1e-12));
        assertThat(actual.brier).as(what).isCloseTo(expected.brier, within(1e-12));
        assertThat(actual.ece).as(what).isCloseTo(expected.ece, within(1e-12));
        assertThat(actual.reliabilityCount).as(what).isEqualTo(expected.reliabilityCount);
    }

    @Override
    protected void assertEmptyResult(CalibrationMetrics empty) {
        assertThat(empty.count).isZero();
        assertThat(empty.logLoss).isNaN();
        assertThat(empty.brier).isNaN();
        assertThat(empty.ece).isNaN();
        assertThat(empty.reliabilityCount).isEmpty();
    }
}
