package org.infoprob.scores;

import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.FunctionRun;
import org.infoprob.testing.ScoreEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.infoprob.testing.Ulps.ulps;

/**
 * Each class gets its own sigmoid: sigmoid(0) = 1/2, sigmoid(ln 3) = 3/4. The entropy is the
 * sum of binary entropies: H_2(1/2) = ln 2 = 0.6931471805599453 and H_2(3/4) =
 * 0.5623351446188083, together 1.2554823251787535 (Python 3 math).
 */
class MultiLabelSigmoidFunctionTest {

    private static final double LN3 = Math.log(3);

    @Test
    void eachClassGetsItsOwnSigmoid() throws Exception {
        ProbabilityEvent out = single(MultiLabelSigmoidFunction.builder().build(), new double[] {0, LN3});

        assertThat(out.probabilities[0]).as("sigmoid(0)").isEqualTo(0.5);
        assertThat(out.probabilities[1]).as("sigmoid(ln 3)").isCloseTo(0.75, ulps(2, 0.75));
        assertThat(out.top).as("top").isEqualTo("b");
        assertThat(out.margin).as("3/4 - 1/2").isCloseTo(0.25, ulps(4, 0.25));
        assertThat(out.entropy).as("sum of binary entropies").isCloseTo(1.2554823251787535, ulps(4, 1.2554823251787535));
    }

    @Test
    void probabilitiesNeedNotSumToOne() throws Exception {
        ProbabilityEvent out = single(MultiLabelSigmoidFunction.builder().build(), new double[] {LN3, LN3});

        assertThat(out.probabilities[0] + out.probabilities[1]).as("3/4 + 3/4").isCloseTo(1.5, ulps(4, 1.5));
    }

    @Test
    void allScoresNegativeInfinityMeansNoLabelAndIsValid() throws Exception {
        double negInf = Double.NEGATIVE_INFINITY;
        ProbabilityEvent out = single(MultiLabelSigmoidFunction.builder().build(), new double[] {negInf, negInf});

        assertThat(out.probabilities).as("probabilities").containsExactly(0.0, 0.0);
        assertThat(out.entropy).as("entropy of certainties").isZero();
        assertThat(out.top).as("tie goes to the first class").isEqualTo("a");
    }

    @Test
    void logProbabilitiesTopKAndTemperature() throws Exception {
        // {0, 2 ln 3, -2 ln 3} / T with T = 2 is {0, ln 3, -ln 3}: p = {1/2, 3/4, 1/4}.
        ProbabilityEvent out =
                FunctionRun.of(
                                MultiLabelSigmoidFunction.builder()
                                        .setTemperature(2)
                                        .setLogProbabilities(true)
                                        .setTopK(2)
                                        .build(),
                                ScoreEvent.of("k", 0, new String[] {"a", "b", "c"}, new double[] {0, 2 * LN3, -2 * LN3}))
                        .outputs
                        .get(0);

        assertThat(out.probabilities[2]).as("p(c)").isCloseTo(0.25, ulps(2, 0.25));
        assertThat(out.logProbabilities[0]).as("ln 1/2").isCloseTo(-0.6931471805599453, ulps(2, 0.6931471805599453));
        assertThat(out.logProbabilities[2]).as("ln 1/4").isCloseTo(-1.3862943611198906, ulps(4, 1.3862943611198906));
        assertThat(out.topK).as("top 2").containsExactly("b", "a");
        assertThat(out.topKProbabilities[1]).as("p(a)").isEqualTo(0.5);
    }

    @Test
    void longNonUniformRecordsAfterALongerOneMatchTheExactValues() throws Exception {
        // K = 17 and 37 after a record of 64 classes: the reused scratch buffers of the entropy
        // (ln p, 1 - p, ln(1 - p)) are then longer than the record. The sigmoid has no vector
        // kernel (only Softmax has), so the vector-kernel execution runs this on the scalar code
        // again. Reference: ExactMath (BigDecimal, 70 digits) in ExactProbabilities.
        int[] ks = {64, 17, 37, 17};
        ScoreEvent[] records = new ScoreEvent[ks.length];
        for (int r = 0; r < ks.length; r++) {
            records[r] = ScoreEvent.of("k", r, ExactProbabilities.classNames(ks[r]), ScoreEvents.nonUniformScores(ks[r], r));
        }
        MultiLabelSigmoidFunction[] functions = {
            MultiLabelSigmoidFunction.builder().build(),
            MultiLabelSigmoidFunction.builder().setTemperature(0.7).setLogProbabilities(true).setTopK(5).build()
        };
        double[] temperatures = {1.0, 0.7};
        for (int f = 0; f < functions.length; f++) {
            FunctionRun<ProbabilityEvent> run = FunctionRun.of(functions[f], records);
            assertThat(run.rejected).as("rejected").isEmpty();
            assertThat(run.outputs).as("outputs").hasSize(ks.length);
            for (int r = 0; r < ks.length; r++) {
                ExactProbabilities.assertMultiLabel(
                        run.outputs.get(r), records[r].classes, records[r].scores, temperatures[f], f == 0 ? 0 : 5, f == 1);
            }
        }
    }

    static Stream<Arguments> invalidRecords() {
        return Stream.of(
                Arguments.of(new String[] {"a", "b"}, new double[] {Double.NaN, 0}, Reason.NON_FINITE_SCORE),
                Arguments.of(new String[] {"a", "b"}, new double[] {0}, Reason.LENGTH_MISMATCH),
                Arguments.of(new String[0], new double[0], Reason.EMPTY_SCORES),
                Arguments.of(new String[] {"b", "b"}, new double[2], Reason.DUPLICATE_CLASS),
                Arguments.of(new String[] {"a", "x"}, new double[2], Reason.UNKNOWN_CLASS),
                Arguments.of(new String[] {null}, new double[1], Reason.EMPTY_CLASS_NAME),
                Arguments.of(null, new double[1], Reason.MISSING_FIELD));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidRecords")
    void invalidRecordGoesToTheSideOutputAndIsCounted(String[] classes, double[] scores, Reason reason)
            throws Exception {
        FunctionRun<ProbabilityEvent> run =
                FunctionRun.of(
                        MultiLabelSigmoidFunction.builder().setClasses("a", "b").build(),
                        ScoreEvent.of("k", 1, classes, scores),
                        ScoreEvent.of("k", 2, new String[] {"a"}, new double[] {0}));

        assertThat(run.outputs).as("only the valid record").hasSize(1);
        assertThat(run.outputs.get(0).probabilities).as("sigmoid(0)").containsExactly(0.5);
        assertThat(run.rejected).as("side output").hasSize(1);
        DeadLetter dead = run.rejected.get(0);
        assertThat(dead.reason).as("reason").isEqualTo(reason.name());
        assertThat(dead.rejectedBy).as("rejected by").isEqualTo("MultiLabelSigmoidFunction");
        assertThat(dead.ts).as("ts").isEqualTo(1L);
        assertThat(run.metrics.count("reason." + reason.name() + ".deadLetters")).as("per reason").isEqualTo(1);
        assertThat(run.metrics.count("deadLetters")).as("deadLetters").isEqualTo(1);
    }

    @Test
    void nanIsReportedAtItsOwnIndex() throws Exception {
        FunctionRun<ProbabilityEvent> run =
                FunctionRun.of(
                        MultiLabelSigmoidFunction.builder().build(),
                        ScoreEvent.of("k", 0, new String[] {"a", "b", "c"}, new double[] {0, 1, Double.NaN}));

        assertThat(run.rejected.get(0).error).as("error").isEqualTo("Scores must not be NaN, was NaN at index 2");
    }

    private static ProbabilityEvent single(MultiLabelSigmoidFunction function, double[] scores) throws Exception {
        String[] names = new String[scores.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.valueOf((char) ('a' + i));
        }
        FunctionRun<ProbabilityEvent> run = FunctionRun.of(function, ScoreEvent.of("k", 0, names, scores));
        assertThat(run.rejected).as("rejected records").isEmpty();
        return run.outputs.get(0);
    }
}
