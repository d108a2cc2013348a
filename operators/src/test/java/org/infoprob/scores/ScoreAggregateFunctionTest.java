package org.infoprob.scores;

import org.infoprob.math.Softmax;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.FunctionRun;
import org.infoprob.testing.ScoreEvents;
import org.infoprob.testing.VectorKernelExecution;
import org.infoprob.window.ScoreAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.infoprob.testing.Ulps.ulps;
import static org.infoprob.testing.ScoreEvents.event;

/**
 * Expected values are derived by hand from the strategy formulas in {@link CombineStrategy}:
 * softmax({0, ln 3}) = {1/4, 3/4}, softmax({0, 0}) = {1/2, 1/2}, sigmoid(ln 3) = 3/4,
 * sigmoid(2 ln 3) = 9/10; the derivation is in a comment at each test.
 */
class ScoreAggregateFunctionTest {

    private static final double LN3 = Math.log(3);
    private static final double NEG_INF = Double.NEGATIVE_INFINITY;
    private static final double POS_INF = Double.POSITIVE_INFINITY;

    // Two events over the same classes: p1 = {1/4, 3/4}, p2 = {1/2, 1/2}.
    private static final ScoreEvent QUARTER = event("k", 10, "a", 0.0, "b", LN3);
    private static final ScoreEvent HALF = event("k", 30, "a", 0.0, "b", 0.0);

    @Test
    void meanLogitsAveragesTheScoresThenTakesTheSoftmax() {
        // z = {0, ln(3)/2}: p_a = 1 / (1 + sqrt 3) = (sqrt 3 - 1) / 2.
        ProbabilityEvent out = combine(softmax(CombineStrategy.MEAN_LOGITS), QUARTER, HALF);
        double pa = (Math.sqrt(3) - 1) / 2;

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(pa, ulps(4, pa));
        assertThat(out.probabilities[1]).as("p(b)").isCloseTo(1 - pa, ulps(4, 1 - pa));
    }

    @Test
    void meanProbabilitiesAveragesTheDistributions() {
        // (1/4 + 1/2) / 2 = 3/8, (3/4 + 1/2) / 2 = 5/8.
        ProbabilityEvent out = combine(softmax(CombineStrategy.MEAN_PROBABILITIES), QUARTER, HALF);

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(0.375, ulps(2, 0.375));
        assertThat(out.probabilities[1]).as("p(b)").isCloseTo(0.625, ulps(2, 0.625));
    }

    @Test
    void productOfExpertsMultipliesTheDistributions() {
        // 1/4 * 1/2 : 3/4 * 1/2 = 1 : 3.
        ProbabilityEvent out = combine(softmax(CombineStrategy.PRODUCT_OF_EXPERTS), QUARTER, HALF);

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(0.25, ulps(4, 0.25));
        assertThat(out.probabilities[1]).as("p(b)").isCloseTo(0.75, ulps(4, 0.75));
    }

    @Test
    void resultCarriesKeyLatestEventTimeCountAndTheRequestedSummaries() {
        ScoreAggregateFunction mean =
                ScoreAggregateFunction.builder()
                        .setStrategy(CombineStrategy.MEAN_PROBABILITIES)
                        .setLogProbabilities(true)
                        .setTopK(1)
                        .build();

        ProbabilityEvent out = combine(mean, HALF, QUARTER);

        assertThat(out.key).as("key").isEqualTo("k");
        assertThat(out.ts).as("latest event time").isEqualTo(30L);
        assertThat(out.count).as("events combined").isEqualTo(2L);
        assertThat(out.top).as("top").isEqualTo("b");
        assertThat(out.topK).as("top 1").containsExactly("b");
        assertThat(out.logProbabilities[0]).as("ln 3/8").isCloseTo(Math.log(0.375), ulps(2, Math.log(0.375)));
        // -(3/8 ln 3/8 + 5/8 ln 5/8) = 0.6615632381579821 (Python 3 math).
        assertThat(out.entropy).as("entropy").isCloseTo(0.6615632381579821, ulps(4, 0.6615632381579821));
        assertThat(out.margin).as("5/8 - 3/8").isCloseTo(0.25, ulps(4, 0.25));
        assertThat(out.windowStart).as("set by ScoreWindowFunction, not here").isNull();
    }

    // Classes that differ between events: e1 = {a: ln 3, b: 0} (p = {3/4, 1/4}), e2 = {b: 0, c: 0}
    // (p = {1/2, 1/2}). The union is {a, b, c} in order of first appearance.
    private static final ScoreEvent AB = event("k", 1, "a", LN3, "b", 0.0);
    private static final ScoreEvent BC = event("k", 2, "b", 0.0, "c", 0.0);

    @Test
    void meanLogitsAveragesEachClassOverTheEventsThatHadIt() {
        // z = {a: ln 3, b: (0 + 0)/2, c: 0}: softmax = {3, 1, 1} / 5.
        ProbabilityEvent out = combine(softmax(CombineStrategy.MEAN_LOGITS), AB, BC);

        assertThat(out.classes).as("union").containsExactly("a", "b", "c");
        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(0.6, ulps(4, 0.6));
        assertThat(out.probabilities[1]).as("p(b)").isCloseTo(0.2, ulps(4, 0.2));
        assertThat(out.probabilities[2]).as("p(c)").isCloseTo(0.2, ulps(4, 0.2));
    }

    @Test
    void meanProbabilitiesIsTheMixtureOverAllEvents() {
        // A class an event does not name has probability 0 in it: a = 3/4 / 2, b = (1/4 + 1/2) / 2, c = 1/2 / 2.
        ProbabilityEvent out = combine(softmax(CombineStrategy.MEAN_PROBABILITIES), AB, BC);

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(0.375, ulps(2, 0.375));
        assertThat(out.probabilities[1]).as("p(b)").isCloseTo(0.375, ulps(2, 0.375));
        assertThat(out.probabilities[2]).as("p(c)").isCloseTo(0.25, ulps(2, 0.25));
        assertThat(out.probabilities[0] + out.probabilities[1] + out.probabilities[2]).as("sum").isEqualTo(1.0);
    }

    @Test
    void productOfExpertsLetsAnEventAbstainOnAClassItDoesNotName() {
        // a: 3/4 (e2 abstains), b: 1/4 * 1/2 = 1/8, c: 1/2 (e1 abstains): {6, 1, 4} / 11.
        ProbabilityEvent out = combine(softmax(CombineStrategy.PRODUCT_OF_EXPERTS), AB, BC);

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(6.0 / 11, ulps(4, 6.0 / 11));
        assertThat(out.probabilities[1]).as("p(b)").isCloseTo(1.0 / 11, ulps(4, 1.0 / 11));
        assertThat(out.probabilities[2]).as("p(c), favoured by fewer factors").isCloseTo(4.0 / 11, ulps(4, 4.0 / 11));
    }

    @Test
    void temperatureAppliesToTheScoresOfEveryStrategy() {
        // {0, 2 ln 3} at T = 2 is {1/4, 3/4} per event.
        ScoreEvent e = event("k", 0, "a", 0.0, "b", 2 * LN3);

        ProbabilityEvent meanLogits = combine(softmaxAt(CombineStrategy.MEAN_LOGITS, 2), e, e);
        ProbabilityEvent meanProbabilities = combine(softmaxAt(CombineStrategy.MEAN_PROBABILITIES, 2), e, e);
        // (1/4)^2 : (3/4)^2 = 1 : 9.
        ProbabilityEvent experts = combine(softmaxAt(CombineStrategy.PRODUCT_OF_EXPERTS, 2), e, e);

        assertThat(meanLogits.probabilities[1]).as("mean logits").isCloseTo(0.75, ulps(4, 0.75));
        assertThat(meanProbabilities.probabilities[1]).as("mean probabilities").isCloseTo(0.75, ulps(4, 0.75));
        assertThat(experts.probabilities[1]).as("product of experts").isCloseTo(0.9, ulps(4, 0.9));
    }

    // Sigmoid: e1 = {a: ln 3}, e2 = {a: ln 3, b: 0}.
    private static final ScoreEvent A = event("k", 1, "a", LN3);
    private static final ScoreEvent AB0 = event("k", 2, "a", LN3, "b", 0.0);

    @Test
    void sigmoidMeanLogitsTakesTheSigmoidOfEachClassMean() {
        // a: sigmoid(ln 3) = 3/4, b: sigmoid(0) = 1/2.
        ProbabilityEvent out = combine(sigmoid(CombineStrategy.MEAN_LOGITS), A, AB0);

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(0.75, ulps(2, 0.75));
        assertThat(out.probabilities[1]).as("p(b)").isEqualTo(0.5);
        // H_2(3/4) + H_2(1/2) = 0.5623351446188083 + ln 2 (Python 3 math).
        assertThat(out.entropy).as("sum of binary entropies").isCloseTo(1.2554823251787535, ulps(4, 1.2554823251787535));
    }

    @Test
    void sigmoidMeanProbabilitiesAveragesEachClassOverTheEventsThatHadIt() {
        // a: (3/4 + 3/4) / 2, b: 1/2 over its one event (not 1/4: a missing class is no "no").
        ProbabilityEvent out = combine(sigmoid(CombineStrategy.MEAN_PROBABILITIES), A, AB0);

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(0.75, ulps(2, 0.75));
        assertThat(out.probabilities[1]).as("p(b)").isEqualTo(0.5);
        assertThat(out.entropy).as("sum of binary entropies").isCloseTo(1.2554823251787535, ulps(8, 1.2554823251787535));
    }

    @Test
    void sigmoidProductOfExpertsAddsTheLogits() {
        // a: 3/4 * 3/4 : 1/4 * 1/4 = 9 : 1, i.e. sigmoid(2 ln 3) = 9/10; b: sigmoid(0).
        ProbabilityEvent out = combine(sigmoid(CombineStrategy.PRODUCT_OF_EXPERTS), A, AB0);

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(0.9, ulps(4, 0.9));
        assertThat(out.probabilities[1]).as("p(b)").isEqualTo(0.5);
    }

    @Test
    void sigmoidAcceptsAllNegativeInfinity() {
        ProbabilityEvent out =
                combine(sigmoid(CombineStrategy.MEAN_LOGITS), event("k", 0, "a", NEG_INF, "b", NEG_INF));

        assertThat(out.probabilities).as("no label present").containsExactly(0.0, 0.0);
    }

    @Test
    void expertsThatVetoEachOthersClassesLeaveNoDistribution() {
        // ln p = {0, -inf} and {-inf, 0}: every class sums to -inf.
        ProbabilityEvent out =
                combine(
                        softmax(CombineStrategy.PRODUCT_OF_EXPERTS),
                        event("k", 0, "a", POS_INF, "b", 0.0),
                        event("k", 1, "a", 0.0, "b", POS_INF));

        assertThat(out.probabilities).as("probabilities").isNull();
        assertThat(out.top).as("top").isNull();
        assertThat(out.classes).as("classes still listed").containsExactly("a", "b");
        assertThat(out.count).as("events combined").isEqualTo(2L);
    }

    @Test
    void averagingPlusAndMinusInfinityLeavesNoDistribution() {
        ProbabilityEvent out =
                combine(
                        softmax(CombineStrategy.MEAN_LOGITS),
                        event("k", 0, "a", POS_INF, "b", 0.0),
                        event("k", 1, "a", NEG_INF, "b", 0.0));

        assertThat(out.probabilities).as("mean of +inf and -inf is undefined").isNull();
    }

    @ParameterizedTest
    @EnumSource(CombineStrategy.class)
    void anInvalidEventThatReachesTheAggregateIsCountedNotCombinedAndNeverThrows(CombineStrategy strategy) {
        ScoreAggregateFunction f = softmax(strategy);
        ScoreAccumulator acc = f.createAccumulator();
        ScoreEvent[] invalid = {
            event("k", 1, "a", Double.NaN),
            event("k", 1, "a", NEG_INF, "b", NEG_INF),
            event("k", 1, "a", 0.0, "a", 1.0),
            ScoreEvent.of("k", 1, new String[] {"a", "b"}, new double[] {1}),
            ScoreEvent.of("k", 1, null, null),
            ScoreEvent.of("k", 1, new String[0], new double[0])
        };

        f.add(QUARTER, acc);
        for (ScoreEvent e : invalid) {
            f.add(e, acc);
        }
        ProbabilityEvent out = f.getResult(acc);

        assertThat(acc.invalid).as("invalid events").isEqualTo(invalid.length);
        assertThat(acc.count).as("valid events").isEqualTo(1);
        assertThat(acc.classes).as("classes of the valid event only").containsExactly("a", "b");
        assertThat(out.probabilities).as("no distribution for a window with invalid events").isNull();
    }

    @Test
    void compensatedSumsKeepTheMeanOfAMillionEventsExact() {
        // The mean of N copies of x is x; a plain running sum of 0.1-ish values drifts by ~1e-11 relative.
        ScoreEvent e = event("k", 0, "a", 0.0, "b", Math.log(9));
        double[] single = Softmax.probabilities(e.scores);
        ScoreAggregateFunction f = softmax(CombineStrategy.MEAN_PROBABILITIES);
        ScoreAccumulator acc = f.createAccumulator();

        for (int i = 0; i < 1_000_000; i++) {
            f.add(e, acc);
        }
        ProbabilityEvent out = f.getResult(acc);

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(single[0], ulps(1, single[0]));
        assertThat(out.probabilities[1]).as("p(b)").isCloseTo(single[1], ulps(1, single[1]));
    }

    @Test
    void validationFunctionChecksWhatTheAggregateAccepts() throws Exception {
        ScoreAggregateFunction fixed =
                ScoreAggregateFunction.builder().setClasses("a", "b").setMaxClasses(3).build();
        ScoreAggregateFunction sigmoid = sigmoid(CombineStrategy.MEAN_LOGITS);
        ScoreEvent unknown = event("k", 0, "a", 0.0, "z", 0.0);
        ScoreEvent allNegInf = event("k", 0, "a", NEG_INF);

        ScoreValidationFunction fixedStage = fixed.validationFunction();

        assertThat(FunctionRun.of(fixedStage, unknown, allNegInf).rejected)
                .extracting(r -> r.reason)
                .as("fixed classes, softmax")
                .containsExactly("UNKNOWN_CLASS", "ALL_NEGATIVE_INFINITY");
        assertThat(FunctionRun.of(sigmoid.validationFunction(), allNegInf).outputs)
                .as("sigmoid accepts all -inf")
                .hasSize(1);
    }

    @Test
    void builderHasDefaultsAndRejectsMissingChoices() {
        ScoreAggregateFunction defaults = ScoreAggregateFunction.builder().build();

        assertThat(defaults.strategy()).as("default strategy").isEqualTo(CombineStrategy.MEAN_LOGITS);
        assertThat(defaults.normalization()).as("default normalization").isEqualTo(Normalization.SOFTMAX);
        assertThatThrownBy(() -> ScoreAggregateFunction.builder().setStrategy(null).build())
                .as("null strategy").isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Strategy must be one of MEAN_LOGITS, MEAN_PROBABILITIES, PRODUCT_OF_EXPERTS, was null");
        assertThatThrownBy(() -> ScoreAggregateFunction.builder().setNormalization(null).build())
                .as("null normalization").hasMessage("Normalization must be SOFTMAX or SIGMOID, was null");
        assertThatThrownBy(() -> ScoreAggregateFunction.builder().setTemperature(0).build())
                .as("temperature").hasMessage("Temperature must be finite and > 0, was 0.0");
    }

    @Test
    void windowsOfLongNonUniformEventsAfterALongerOneMatchTheExactSoftmaxOnTheVectorKernel() {
        // One event per window, so MEAN_LOGITS gives softmax(s; T) and MEAN_PROBABILITIES the
        // mean of one softmax(s; T): both the exact softmax, within 4 ulp. K = 17 and 37 after a
        // window of 64 classes: the function's reused buffers (the log-probabilities, the
        // per-event probabilities) are longer than the window's classes. In the vector-kernel
        // execution they take the vector kernel, as assertVectorKernelTakes checks. Reference:
        // ExactMath (BigDecimal) in ExactProbabilities.
        VectorKernelExecution.assertVectorKernelTakes(17);
        ScoreAggregateFunction meanLogits = ScoreAggregateFunction.builder()
                .setStrategy(CombineStrategy.MEAN_LOGITS).setTemperature(0.7).setLogProbabilities(true).setTopK(5).build();
        ScoreAggregateFunction meanProbabilities = ScoreAggregateFunction.builder()
                .setStrategy(CombineStrategy.MEAN_PROBABILITIES).setTemperature(0.7).build();
        for (int k : new int[] {64, 17, 37, 17}) {
            String[] classes = ExactProbabilities.classNames(k);
            double[] s = ScoreEvents.nonUniformScores(k, k + 2);
            ScoreEvent e = ScoreEvent.of("k", k, classes, s);
            ExactProbabilities.assertSoftmax(combine(meanLogits, e), classes, s, 0.7, 5, true);
            ExactProbabilities.assertSoftmax(combine(meanProbabilities, e), classes, s, 0.7, 0, false);
        }
    }

    static ScoreAggregateFunction softmax(CombineStrategy strategy) {
        return ScoreAggregateFunction.builder().setStrategy(strategy).build();
    }

    static ScoreAggregateFunction softmaxAt(CombineStrategy strategy, double temperature) {
        return ScoreAggregateFunction.builder().setStrategy(strategy).setTemperature(temperature).build();
    }

    static ScoreAggregateFunction sigmoid(CombineStrategy strategy) {
        return ScoreAggregateFunction.builder()
                .setStrategy(strategy)
                .setNormalization(Normalization.SIGMOID)
                .build();
    }

    static ProbabilityEvent combine(ScoreAggregateFunction f, ScoreEvent... events) {
        ScoreAccumulator acc = f.createAccumulator();
        for (ScoreEvent e : events) {
            acc = f.add(e, acc);
        }
        return f.getResult(acc);
    }
}
