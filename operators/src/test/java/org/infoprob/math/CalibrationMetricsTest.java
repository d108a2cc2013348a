package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed values and merge laws of {@link LogLoss}, {@link BrierScore}, {@link CalibrationError}, {@link ConformalCoverage}. */
class CalibrationMetricsTest {

    private static final double EPS = 1e-15;

    @Test
    void logLossIsTheMeanNegativeLogProbabilityOfTheLabel() {
        // -ln 0.5 = 0.6931471805599453, -ln 0.25 = 1.3862943611198906; mean (3/2) ln 2 = 1.0397207708399179.
        LogLoss loss = new LogLoss();
        loss.accept(new double[] {0.5, 0.25, 0.25}, 0);
        loss.accept(new double[] {0.5, 0.25, 0.25}, 2);
        assertThat(loss.result()).isCloseTo(1.0397207708399179, within(EPS));
        assertThat(loss.count()).isEqualTo(2);
        loss.acceptProbability(0.0);
        assertThat(loss.result()).as("no clipping: p = 0 for the label is infinitely wrong").isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(new LogLoss().result()).isNaN();
    }

    @Test
    void brierSumsTheSquaredErrorsOverAllClasses() {
        // (0.5 - 1)^2 + 0.25^2 + 0.25^2 = 0.375; 0.5^2 + 0.25^2 + (0.25 - 1)^2 = 0.875; mean 0.625.
        // Two classes: p = (0.8, 0.2), label 1: 0.8^2 + 0.8^2 = 1.28, twice the one-column (0.2 - 1)^2 = 0.64.
        BrierScore brier = new BrierScore();
        brier.accept(new double[] {0.5, 0.25, 0.25}, 0);
        brier.accept(new double[] {0.5, 0.25, 0.25}, 2);
        assertThat(brier.result()).isCloseTo(0.625, within(EPS));
        BrierScore binary = new BrierScore();
        binary.accept(new double[] {0.8, 0.2}, 1);
        assertThat(binary.result()).isCloseTo(1.28, within(EPS));
        assertThat(new BrierScore().result()).isNaN();
    }

    @Test
    void eceOverEqualMassBinsMatchesTheHandComputation() {
        // B = 2, F = 10. Confidences (correct?): 0.55 (no), 0.65 (yes), 0.75 (no), 0.85 (yes), 0.95 (yes),
        // one per fine bin 5..9 with 0..4 events before them: coarse bin floor(2 * before / 5) = 0, 0, 0, 1, 1.
        // Bin 0: conf (0.55 + 0.65 + 0.75) / 3 = 0.65, acc 1/3; bin 1: conf 0.9, acc 1.
        // ECE = (3/5) |1/3 - 0.65| + (2/5) |1 - 0.9| = 0.19 + 0.04 = 0.23.
        CalibrationError ece = new CalibrationError(2, 10);
        double[] confidences = {0.95, 0.55, 0.85, 0.65, 0.75};
        boolean[] correct = {true, false, true, true, false};
        for (int i = 0; i < confidences.length; i++) {
            double c = confidences[i];
            ece.accept(new double[] {c, 1 - c}, correct[i] ? 0 : 1);
        }
        assertThat(ece.result()).isCloseTo(0.23, within(1e-15));
        ReliabilityDiagram d = ece.reliabilityDiagram();
        assertThat(d.count()).containsExactly(3, 2);
        assertThat(d.confidence()[0]).isCloseTo(0.65, within(EPS));
        assertThat(d.confidence()[1]).isCloseTo(0.9, within(EPS));
        assertThat(d.accuracy()).containsExactly(1 / 3.0, 1.0);
        assertThat(ece.accuracy()).isEqualTo(0.6);
        assertThat(ece.meanConfidence()).isCloseTo(0.75, within(EPS));
    }

    @Test
    void aCrowdedFineBinSwallowsTheEqualMassBinsItSpans() {
        // B = 5, F = 10: one event at 0.55, four in fine bin 9. Fine bin 9 has 1 event before it:
        // coarse bin floor(5 * 1 / 5) = 1; coarse bins 2..4 stay empty and are left out.
        // ECE = (1/5) |0 - 0.55| + (4/5) |1 - 0.95| = 0.11 + 0.04 = 0.15.
        CalibrationError ece = new CalibrationError(5, 10);
        ece.accept(0.55, false);
        for (double c : new double[] {0.92, 0.94, 0.96, 0.98}) {
            ece.accept(c, true);
        }
        assertThat(ece.reliabilityDiagram().count()).containsExactly(1, 4);
        assertThat(ece.result()).isCloseTo(0.15, within(1e-15));
    }

    @Test
    void perfectlyCalibratedBinsGiveZero() {
        // Confidence 0.5 and half right; confidence 1 and always right.
        CalibrationError ece = new CalibrationError();
        ece.accept(0.5, true);
        ece.accept(0.5, false);
        ece.accept(1.0, true);
        ece.accept(1.0, true);
        assertThat(ece.result()).isZero();
        assertThat(new CalibrationError().result()).isNaN();
        assertThat(new CalibrationError().reliabilityDiagram().count()).isEmpty();
    }

    @Test
    void oneByOneEqualsSplitThenCombineForEveryMetric() {
        checkMerge("log loss", LogLoss::new, (m, e) -> m.accept(e.p, e.label), LogLoss::combine,
                m -> new double[] {m.result(), m.count()});
        checkMerge("Brier", BrierScore::new, (m, e) -> m.accept(e.p, e.label), BrierScore::combine,
                m -> new double[] {m.result(), m.count()});
        checkMerge("ECE", CalibrationError::new, (m, e) -> m.accept(e.p, e.label), CalibrationError::combine,
                m -> {
                    ReliabilityDiagram d = m.reliabilityDiagram();
                    double[] r = new double[3 + 3 * d.count().length];
                    r[0] = m.result();
                    r[1] = m.accuracy();
                    r[2] = m.meanConfidence();
                    for (int b = 0; b < d.count().length; b++) {
                        r[3 + 3 * b] = d.confidence()[b];
                        r[4 + 3 * b] = d.accuracy()[b];
                        r[5 + 3 * b] = d.count()[b];
                    }
                    return r;
                });
        checkMerge("coverage", ConformalCoverage::new, (m, e) -> m.accept(e.label == 0, e.label + 1),
                ConformalCoverage::combine, m -> new double[] {m.coverage(), m.meanSetSize(), m.count()});
    }

    @Test
    void stateRoundTripsThroughTheFactories() {
        LogLoss loss = new LogLoss();
        loss.accept(new double[] {0.5, 0.5}, 1);
        assertThat(LogLoss.of(loss.count(), loss.sum()).result()).isEqualTo(loss.result());
        CalibrationError ece = new CalibrationError(3, 30);
        ece.accept(0.7, true);
        ece.accept(0.4, false);
        CalibrationError restored = CalibrationError.of(ece.bins(), ece.counts().clone(), ece.correct().clone(),
                ece.confidenceSums().clone());
        assertThat(restored.result()).isEqualTo(ece.result());
        assertThatThrownBy(() -> ece.combine(new CalibrationError()))
                .hasMessage("Cannot combine ECE accumulators with different bins: 3/30 and 15/1000");
        assertThatThrownBy(() -> ConformalCoverage.of(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badPredictionsAreRejectedWithTheProjectsExceptions() {
        LogLoss loss = new LogLoss();
        BrierScore brier = new BrierScore();
        CalibrationError ece = new CalibrationError();
        assertThatThrownBy(() -> loss.accept(new double[] {Double.NaN, 1.0}, 0))
                .isInstanceOfSatisfying(InvalidScoresException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidScoresException.Kind.NAN));
        assertThatThrownBy(() -> brier.accept(new double[0], 0))
                .isInstanceOfSatisfying(InvalidScoresException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidScoresException.Kind.EMPTY));
        assertThatThrownBy(() -> ece.accept(new double[] {1.5, -0.5}, 0))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Probability must be in [0, 1], was 1.5 at index 0");
        assertThatThrownBy(() -> brier.accept(new double[] {0.5, 0.5}, 2))
                .hasMessage("Label must be in [0, 2), was 2");
        assertThatThrownBy(() -> new CalibrationError(10, 5)).hasMessage("Fine bins must be >= 10, was 5");
        assertThat(loss.count() + brier.count() + ece.count()).isZero();
        // One class: p = (1), always right.
        ece.accept(new double[] {1.0}, 0);
        loss.accept(new double[] {1.0}, 0);
        assertThat(ece.result()).isZero();
        assertThat(loss.result()).isZero();
    }

    /** One random K = 4 prediction with a label. */
    private record Event(double[] p, int label) {}

    private static Event[] events(int n) {
        SplittableRandom random = new SplittableRandom(99L);
        Event[] events = new Event[n];
        for (int i = 0; i < n; i++) {
            double[] p = Synthetic.softmax(Synthetic.logits(random, 4, 2.0), 1.0);
            events[i] = new Event(p, Synthetic.draw(random, p));
        }
        return events;
    }

    /**
     * One-by-one over 1,000 events equals the same events split in two and in three (uneven)
     * parts and combined, with empty parts combined in on either side; the empty accumulator
     * combined with an empty one stays empty (NaN results).
     */
    private static <A> void checkMerge(String name, Supplier<A> create, BiConsumer<A, Event> accept,
            BinaryOperator<A> combine, Function<A, double[]> results) {
        Event[] events = events(1_000);
        A whole = create.get();
        for (Event e : events) {
            accept.accept(whole, e);
        }
        double[] expected = results.apply(whole);
        int[][] splits = {{0, 400, 1_000}, {0, 1, 650, 1_000}, {0, 0, 1_000, 1_000}};
        for (int[] cuts : splits) {
            A merged = create.get();
            for (int part = 0; part + 1 < cuts.length; part++) {
                A piece = create.get();
                for (int i = cuts[part]; i < cuts[part + 1]; i++) {
                    accept.accept(piece, events[i]);
                }
                merged = combine.apply(merged, piece);
            }
            merged = combine.apply(create.get(), merged);
            double[] actual = results.apply(merged);
            assertThat(actual.length).as("%s, %d parts", name, cuts.length - 1).isEqualTo(expected.length);
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("%s, %d parts, result %d", name, cuts.length - 1, i)
                        .isCloseTo(expected[i], within(1e-12 * Math.max(1, Math.abs(expected[i]))));
            }
        }
        double[] empty = results.apply(combine.apply(create.get(), create.get()));
        assertThat(empty[0]).as("%s of nothing", name).isNaN();
    }
}
