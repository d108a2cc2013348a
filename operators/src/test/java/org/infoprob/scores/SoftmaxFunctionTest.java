package org.infoprob.scores;

import org.infoprob.internal.EventJson;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.FunctionRun;
import org.infoprob.testing.ScoreEvents;
import org.infoprob.testing.VectorKernelExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.infoprob.testing.Ulps.ulps;

/**
 * Softmax over {@code {0, ln 3}} is {@code {1/4, 3/4}}: {@code e^0 : e^{ln 3} = 1 : 3}. Its entropy
 * is {@code -(1/4 ln 1/4 + 3/4 ln 3/4) = 0.5623351446188083} and its log-probabilities are
 * {@code ln 1/4 = -2 ln 2 = -1.3862943611198906}, {@code ln 3/4 = -0.2876820724517809} (values of
 * these closed forms in double precision, Python 3 math.log). Most tests use it.
 */
class SoftmaxFunctionTest {

    private static final double LN3 = Math.log(3);
    private static final double H_QUARTER = 0.5623351446188083;

    @Test
    void scoresZeroAndLn3GiveAQuarterAndThreeQuarters() throws Exception {
        ProbabilityEvent out = single(SoftmaxFunction.builder().build(), event("cat", "dog", 0.0, LN3));

        assertThat(out.classes).as("classes").containsExactly("cat", "dog");
        assertThat(out.probabilities[0]).as("p(cat)").isCloseTo(0.25, ulps(2, 0.25));
        assertThat(out.probabilities[1]).as("p(dog)").isCloseTo(0.75, ulps(2, 0.75));
        assertThat(out.top).as("top").isEqualTo("dog");
        assertThat(out.topProbability).as("top probability").isCloseTo(0.75, ulps(2, 0.75));
        assertThat(out.entropy).as("entropy").isCloseTo(H_QUARTER, ulps(4, H_QUARTER));
        assertThat(out.margin).as("margin 3/4 - 1/4").isCloseTo(0.5, ulps(4, 0.5));
    }

    @Test
    void optionalOutputsAreOffByDefaultAndWindowFieldsAreNull() throws Exception {
        ProbabilityEvent out = single(SoftmaxFunction.builder().build(), event("cat", "dog", 0.0, LN3));

        assertThat(out.logProbabilities).as("log-probabilities").isNull();
        assertThat(out.topK).as("top-k").isNull();
        assertThat(out.topKProbabilities).as("top-k probabilities").isNull();
        assertThat(out.windowStart).as("window start").isNull();
        assertThat(out.windowEnd).as("window end").isNull();
        assertThat(out.count).as("count").isNull();
    }

    @Test
    void keepsKeyAndTimestampAndCopiesTheClassNames() throws Exception {
        ScoreEvent in = event("cat", "dog", 0.0, LN3);
        in.key = "sensor-7";
        in.ts = 1732752000000L;

        ProbabilityEvent out = single(SoftmaxFunction.builder().build(), in);

        assertThat(out.key).as("key").isEqualTo("sensor-7");
        assertThat(out.ts).as("ts").isEqualTo(1732752000000L);
        assertThat(out.classes).as("class names, copied").isEqualTo(in.classes).isNotSameAs(in.classes);
    }

    @Test
    void temperatureDividesTheScores() throws Exception {
        // {0, 2 ln 3} / 2 = {0, ln 3}.
        ProbabilityEvent out =
                single(SoftmaxFunction.builder().setTemperature(2.0).build(), event("a", "b", 0.0, 2 * LN3));

        assertThat(out.probabilities[0]).as("p(a)").isCloseTo(0.25, ulps(2, 0.25));
        assertThat(out.probabilities[1]).as("p(b)").isCloseTo(0.75, ulps(2, 0.75));
    }

    @Test
    void logProbabilitiesAreOutputWhenAsked() throws Exception {
        ProbabilityEvent out =
                single(SoftmaxFunction.builder().setLogProbabilities(true).build(), event("a", "b", 0.0, LN3));

        assertThat(out.logProbabilities[0]).as("ln p(a) = -2 ln 2").isCloseTo(-1.3862943611198906, ulps(4, 1.3862943611198906));
        assertThat(out.logProbabilities[1]).as("ln p(b) = ln 3/4").isCloseTo(-0.2876820724517809, ulps(4, 0.2876820724517809));
    }

    @Test
    void logProbabilityOfADominatedClassStaysFiniteWhereItsProbabilityUnderflows() throws Exception {
        // ln softmax({0, -1000})_1 = -1000 - ln(1 + e^-1000) = -1000 exactly in double; p_1 = e^-1000 = 0.
        ProbabilityEvent out =
                single(SoftmaxFunction.builder().setLogProbabilities(true).build(), event("a", "b", 0.0, -1000.0));

        assertThat(out.probabilities).as("probabilities").containsExactly(1.0, 0.0);
        assertThat(out.logProbabilities).as("log-probabilities").containsExactly(0.0, -1000.0);
        assertThat(out.entropy).as("entropy of a certain outcome").isZero();
        assertThat(out.margin).as("margin").isEqualTo(1.0);
    }

    @Test
    void equalScoresGiveAUniformDistributionWithTheFirstClassOnTop() throws Exception {
        ProbabilityEvent out =
                single(
                        SoftmaxFunction.builder().build(),
                        ScoreEvent.of("k", 0, new String[] {"x", "y", "z"}, new double[] {7, 7, 7}));

        assertThat(out.probabilities).as("uniform").containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
        assertThat(out.top).as("tie goes to the first class").isEqualTo("x");
        assertThat(out.entropy).as("ln 3").isCloseTo(LN3, ulps(4, LN3));
        assertThat(out.margin).as("margin of a tie").isZero();
    }

    @Test
    void positiveInfinitiesShareTheMassAndNegativeInfinityGetsNone() throws Exception {
        double inf = Double.POSITIVE_INFINITY;
        ProbabilityEvent out =
                single(
                        SoftmaxFunction.builder().setLogProbabilities(true).build(),
                        ScoreEvent.of("k", 0, new String[] {"a", "b", "c", "d"}, new double[] {inf, 0, inf, -inf}));

        assertThat(out.probabilities).as("probabilities").containsExactly(0.5, 0.0, 0.5, 0.0);
        assertThat(out.logProbabilities[0]).as("ln 1/2").isCloseTo(-0.6931471805599453, ulps(1, 0.6931471805599453));
        assertThat(out.logProbabilities[3]).as("ln 0").isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(out.entropy).as("ln 2").isCloseTo(0.6931471805599453, ulps(2, 0.6931471805599453));
    }

    @Test
    void topKListsTheMostProbableClassesFirst() throws Exception {
        // softmax(ln 1, ln 2, ln 3, ln 4) = {1, 2, 3, 4} / 10.
        ProbabilityEvent out =
                single(
                        SoftmaxFunction.builder().setTopK(2).build(),
                        ScoreEvent.of(
                                "k",
                                0,
                                new String[] {"a", "b", "c", "d"},
                                new double[] {0.0, Math.log(2), LN3, Math.log(4)}));

        assertThat(out.topK).as("top 2").containsExactly("d", "c");
        assertThat(out.topKProbabilities[0]).as("p(d)").isCloseTo(0.4, ulps(4, 0.4));
        assertThat(out.topKProbabilities[1]).as("p(c)").isCloseTo(0.3, ulps(4, 0.3));
        // -sum p ln p for p = {.1, .2, .3, .4} (Python 3 math): 1.2798542258336676.
        assertThat(out.entropy).as("entropy").isCloseTo(1.2798542258336676, ulps(8, 1.2798542258336676));
        assertThat(out.margin).as("0.4 - 0.3").isCloseTo(0.1, ulps(8, 0.1));
    }

    @Test
    void topKLargerThanTheClassesListsThemAll() throws Exception {
        ProbabilityEvent out = single(SoftmaxFunction.builder().setTopK(5).build(), event("a", "b", 0.0, LN3));

        assertThat(out.topK).as("both classes, most probable first").containsExactly("b", "a");
    }

    @Test
    void entropyAndMarginCanBeTurnedOff() throws Exception {
        ProbabilityEvent out =
                single(SoftmaxFunction.builder().setEntropy(false).setMargin(false).build(), event("a", "b", 0.0, LN3));

        assertThat(out.entropy).as("entropy off").isNaN();
        assertThat(out.margin).as("margin off").isNaN();
        assertThat(out.probabilities[1]).as("p(b) unaffected").isCloseTo(0.75, ulps(2, 0.75));
    }

    static Stream<Arguments> invalidRecords() {
        double nan = Double.NaN;
        double negInf = Double.NEGATIVE_INFINITY;
        return Stream.of(
                Arguments.of("NaN score", names("a", "b"), new double[] {0, nan}, Reason.NON_FINITE_SCORE,
                        "Scores must not be NaN, was NaN at index 1"),
                Arguments.of("all -inf", names("a", "b"), new double[] {negInf, negInf}, Reason.ALL_NEGATIVE_INFINITY,
                        "Scores must hold at least one entry > -Infinity, all 2 entries were -Infinity"),
                Arguments.of("length mismatch", names("a", "b"), new double[] {1}, Reason.LENGTH_MISMATCH,
                        "Classes and scores must have the same length, was 2 classes and 1 scores"),
                Arguments.of("empty", names(), new double[0], Reason.EMPTY_SCORES,
                        "Scores must hold at least one class, was empty"),
                Arguments.of("duplicate class", names("a", "b", "a"), new double[3], Reason.DUPLICATE_CLASS,
                        "Class names must be unique, was 'a' at index 0 and 2"),
                Arguments.of("unknown class", names("a", "zebra"), new double[2], Reason.UNKNOWN_CLASS,
                        "Class 'zebra' at index 1 is not one of the 3 fixed classes [a, b, c]"),
                Arguments.of("empty class name", names("a", ""), new double[2], Reason.EMPTY_CLASS_NAME,
                        "Class names must be non-empty, was '' at index 1"),
                Arguments.of("too many classes", names("a", "b", "c", "d", "e"), new double[5], Reason.TOO_MANY_CLASSES,
                        "Classes must number at most 4, was 5"),
                Arguments.of("null scores", names("a"), null, Reason.MISSING_FIELD, "Scores must not be null"));
    }

    @Test
    void deadLettersCarryTheNameAndLimitsOfTheBuilder() throws Exception {
        ScoreEvent bad = ScoreEvent.of("k", 5, new String[] {"a", "b"}, new double[] {Double.NaN, 1});
        SoftmaxFunction softmax = SoftmaxFunction.builder()
                .setName("softmax-uid")
                .setDeadLetterLimits(DeadLetterLimits.DEFAULT.withMaxPayloadBytes(10))
                .build();
        DeadLetter dead = FunctionRun.of(softmax, bad).rejected.get(0);
        assertThat(dead.rejectedBy).isEqualTo("softmax-uid");
        assertThat(dead.payload).isEqualTo(EventJson.of(bad).substring(0, 10));
        assertThat(dead.payloadTruncated).isTrue();
        assertThat(dead.originalSize).isEqualTo(EventJson.of(bad).length());
        assertThatThrownBy(() -> SoftmaxFunction.builder().setName("").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Name must not be null or empty, was ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void invalidRecordGoesToTheSideOutputWithItsReasonAndIsCounted(
            String what, String[] classes, double[] scores, Reason reason, String error) throws Exception {
        ScoreEvent bad = ScoreEvent.of("k", 5, classes, scores);
        bad.topic = "scores";
        bad.partition = 1;
        bad.offset = 99L;
        SoftmaxFunction softmax = SoftmaxFunction.builder().setClasses("a", "b", "c").setMaxClasses(4).build();

        FunctionRun<ProbabilityEvent> run = FunctionRun.of(softmax, bad);

        assertThat(run.outputs).as("main output").isEmpty();
        assertThat(run.rejected).as("side output").hasSize(1);
        DeadLetter dead = run.rejected.get(0);
        assertThat(dead.reason).as("reason").isEqualTo(reason.name());
        assertThat(dead.error).as("error").isEqualTo(error);
        assertThat(dead.rejectedBy).as("rejected by").isEqualTo("SoftmaxFunction");
        assertThat(dead.key).as("key").isEqualTo("k");
        assertThat(dead.ts).as("ts").isEqualTo(5L);
        assertThat(dead.topic).as("topic").isEqualTo("scores");
        assertThat(dead.partition).as("partition").isEqualTo(1);
        assertThat(dead.offset).as("offset").isEqualTo(99L);
        assertThat(dead.payload).as("payload").isEqualTo(EventJson.of(bad));
        assertThat(run.metrics.count("deadLetters")).as("deadLetters").isEqualTo(1);
        assertThat(run.metrics.count("reason." + reason.name() + ".deadLetters")).as("reason.%s.deadLetters", reason).isEqualTo(1);
    }

    @Test
    void validRecordsAroundInvalidOnesAreUnaffected() throws Exception {
        FunctionRun<ProbabilityEvent> run =
                FunctionRun.of(
                        SoftmaxFunction.builder().build(),
                        event("a", "b", 0.0, LN3),
                        event("a", "b", Double.NaN, 0.0),
                        event("a", "a", 0.0, 0.0),
                        event("a", "b", LN3, 0.0));

        assertThat(run.outputs).as("valid outputs").hasSize(2);
        assertThat(run.outputs.get(0).probabilities[1]).as("first p(b)").isCloseTo(0.75, ulps(2, 0.75));
        assertThat(run.outputs.get(1).probabilities[0]).as("second p(a)").isCloseTo(0.75, ulps(2, 0.75));
        assertThat(run.rejected).extracting(e -> e.reason).as("reasons")
                .containsExactly("NON_FINITE_SCORE", "DUPLICATE_CLASS");
        assertThat(run.metrics.count("deadLetters")).as("deadLetters").isEqualTo(2);
        assertThat(run.metrics.count("reason.NON_FINITE_SCORE.deadLetters")).as("NaN count").isEqualTo(1);
        assertThat(run.metrics.count("reason.DUPLICATE_CLASS.deadLetters")).as("duplicate count").isEqualTo(1);
    }

    @Test
    void aFixedClassListAcceptsSubsetsInRecordOrder() throws Exception {
        ProbabilityEvent out =
                single(SoftmaxFunction.builder().setClasses("x", "y", "z").build(), event("z", "x", 0.0, LN3));

        assertThat(out.classes).as("record order").containsExactly("z", "x");
        assertThat(out.probabilities[1]).as("p(x)").isCloseTo(0.75, ulps(2, 0.75));
    }

    @Test
    void recordsWithMoreClassesThanAnyBeforeAreHandled() throws Exception {
        // Scratch buffers grow: a 2-class record, then a 4-class one, then 2 classes again.
        FunctionRun<ProbabilityEvent> run =
                FunctionRun.of(
                        SoftmaxFunction.builder().setTopK(4).build(),
                        event("a", "b", 0.0, LN3),
                        ScoreEvent.of("k", 0, names("a", "b", "c", "d"), new double[] {0, 0, 0, 0}),
                        event("a", "b", LN3, 0.0));

        assertThat(run.outputs.get(1).probabilities).as("uniform over 4").containsExactly(0.25, 0.25, 0.25, 0.25);
        assertThat(run.outputs.get(1).topK).as("top 4").containsExactly("a", "b", "c", "d");
        assertThat(run.outputs.get(2).topK).as("top of 2").containsExactly("a", "b");
    }

    @Test
    void longNonUniformRecordsAfterALongerOneMatchTheExactValuesOnTheVectorKernel() throws Exception {
        // K = 17 and 37 after a record of 64 classes: the reused log-probability scratch (the
        // entropy's, when log-probabilities are not output) is then longer than the record. In
        // the vector-kernel execution they go through the vector kernel (8 lanes: full vectors
        // and tails of 1 and 5), which assertVectorKernelTakes checks. Reference: ExactMath
        // (BigDecimal, 70 digits) in ExactProbabilities, every output field.
        VectorKernelExecution.assertVectorKernelTakes(17);
        int[] ks = {64, 17, 37, 17};
        ScoreEvent[] records = new ScoreEvent[ks.length];
        for (int r = 0; r < ks.length; r++) {
            records[r] = ScoreEvent.of("k", r, ExactProbabilities.classNames(ks[r]), ScoreEvents.nonUniformScores(ks[r], r));
        }
        SoftmaxFunction[] functions = {
            SoftmaxFunction.builder().build(),
            SoftmaxFunction.builder().setTemperature(0.7).setLogProbabilities(true).setTopK(5).build()
        };
        double[] temperatures = {1.0, 0.7};
        for (int f = 0; f < functions.length; f++) {
            FunctionRun<ProbabilityEvent> run = FunctionRun.of(functions[f], records);
            assertThat(run.rejected).as("rejected").isEmpty();
            assertThat(run.outputs).as("outputs").hasSize(ks.length);
            for (int r = 0; r < ks.length; r++) {
                ExactProbabilities.assertSoftmax(
                        run.outputs.get(r), records[r].classes, records[r].scores, temperatures[f], f == 0 ? 0 : 5, f == 1);
            }
        }
    }

    @Test
    void builderRejectsBadSettingsWithReadableMessages() {
        assertThatThrownBy(() -> SoftmaxFunction.builder().setTemperature(0).build())
                .as("T = 0").isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Temperature must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> SoftmaxFunction.builder().setTemperature(-1).build())
                .as("T = -1").hasMessage("Temperature must be finite and > 0, was -1.0");
        assertThatThrownBy(() -> SoftmaxFunction.builder().setTemperature(Double.NaN).build())
                .as("T = NaN").hasMessage("Temperature must be finite and > 0, was NaN");
        assertThatThrownBy(() -> SoftmaxFunction.builder().setTemperature(Double.POSITIVE_INFINITY).build())
                .as("T = inf").hasMessage("Temperature must be finite and > 0, was Infinity");
        assertThatThrownBy(() -> SoftmaxFunction.builder().setTopK(-1).build())
                .as("k = -1").hasMessage("Top-k must be >= 0 (0 = off), was -1");
        assertThatThrownBy(() -> SoftmaxFunction.builder().setMaxClasses(0).build())
                .as("max classes 0").hasMessage("Max classes must be >= 1, was 0");
        assertThatThrownBy(() -> SoftmaxFunction.builder().setClasses("a", "a").build())
                .as("repeated fixed class").hasMessage("Fixed class names must be unique, was 'a' at index 0 and 1");
    }

    static ScoreEvent event(String a, String b, double sa, double sb) {
        return ScoreEvent.of("k", 0, new String[] {a, b}, new double[] {sa, sb});
    }

    static String[] names(String... names) {
        return names;
    }

    static ProbabilityEvent single(SoftmaxFunction function, ScoreEvent in) throws Exception {
        FunctionRun<ProbabilityEvent> run = FunctionRun.of(function, in);
        assertThat(run.rejected).as("rejected records").isEmpty();
        assertThat(run.outputs).as("outputs").hasSize(1);
        return run.outputs.get(0);
    }
}
