package org.infoprob.scores;

import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.FunctionRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreValidationFunctionTest {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    @Test
    void validRecordsPassThroughUnchanged() throws Exception {
        ScoreEvent valid = ScoreEvent.of("k", 0, new String[] {"a", "b"}, new double[] {NEG_INF, 1});
        valid.topic = "scores";
        valid.partition = 2;
        valid.offset = 7L;

        FunctionRun<ScoreEvent> run = FunctionRun.of(ScoreValidationFunction.builder().build(), valid);

        // Compared with a record built apart: the function gets `valid` itself, so comparing with
        // it would pass whatever the function changed in it. (That it forwards the same object,
        // allocating nothing, is PerRecordAllocationTest's.)
        ScoreEvent expected = ScoreEvent.of("k", 0, new String[] {"a", "b"}, new double[] {NEG_INF, 1});
        expected.topic = "scores";
        expected.partition = 2;
        expected.offset = 7L;
        assertThat(run.outputs).as("forwarded").hasSize(1);
        assertThat(run.outputs.get(0)).as("forwarded record").isEqualTo(expected);
        assertThat(run.metrics.count("deadLetters")).as("deadLetters").isZero();
    }

    @Test
    void aNullKeyIsRejectedBecauseWindowsKeyByIt() throws Exception {
        FunctionRun<ScoreEvent> run =
                FunctionRun.of(
                        ScoreValidationFunction.builder().build(),
                        ScoreEvent.of(null, 0, new String[] {"a"}, new double[] {1}));

        assertThat(run.outputs).as("main output").isEmpty();
        assertThat(run.rejected.get(0).reason).as("reason").isEqualTo("MISSING_FIELD");
        assertThat(run.rejected.get(0).error).as("error").isEqualTo("Key must not be null: the window operators key by it");
        assertThat(run.rejected.get(0).rejectedBy).as("rejected by").isEqualTo("ScoreValidationFunction");
    }

    @Test
    void theNameOfItsDeadLettersComesFromItsBuilderOrTheAggregates() throws Exception {
        ScoreEvent keyless = ScoreEvent.of(null, 0, new String[] {"a"}, new double[] {1});
        assertThat(FunctionRun.of(ScoreValidationFunction.builder().setName("validate-scores").build(), keyless)
                        .rejected.get(0).rejectedBy)
                .isEqualTo("validate-scores");
        ScoreAggregateFunction aggregate = ScoreAggregateFunction.builder().setName("validate-window").build();
        assertThat(FunctionRun.of(aggregate.validationFunction(), keyless).rejected.get(0).rejectedBy)
                .isEqualTo("validate-window");
        assertThat(FunctionRun.of(ScoreAggregateFunction.builder().build().validationFunction(), keyless).rejected.get(0).rejectedBy)
                .as("default")
                .isEqualTo("ScoreValidationFunction");
    }

    @Test
    void allNegativeInfinityIsRejectedUnlessAllowed() throws Exception {
        ScoreEvent allNegInf = ScoreEvent.of("k", 0, new String[] {"a", "b"}, new double[] {NEG_INF, NEG_INF});

        FunctionRun<ScoreEvent> softmaxLike = FunctionRun.of(ScoreValidationFunction.builder().build(), allNegInf);
        FunctionRun<ScoreEvent> sigmoidLike =
                FunctionRun.of(ScoreValidationFunction.builder().setAllowAllNegativeInfinity(true).build(), allNegInf);

        assertThat(softmaxLike.rejected).extracting(e -> e.reason).as("default").containsExactly("ALL_NEGATIVE_INFINITY");
        assertThat(sigmoidLike.outputs).as("allowed, unchanged")
                .containsExactly(ScoreEvent.of("k", 0, new String[] {"a", "b"}, new double[] {NEG_INF, NEG_INF}));
    }

    @Test
    void shapeValuesAndFixedClassesAreChecked() throws Exception {
        FunctionRun<ScoreEvent> run =
                FunctionRun.of(
                        ScoreValidationFunction.builder().setClasses("a", "b").setMaxClasses(2).build(),
                        ScoreEvent.of("k", 0, new String[] {"a", "b"}, new double[] {1, Double.NaN}),
                        ScoreEvent.of("k", 1, new String[] {"a", "c"}, new double[] {1, 2}),
                        ScoreEvent.of("k", 2, new String[] {"a", "b", "c"}, new double[] {1, 2, 3}),
                        ScoreEvent.of("k", 3, new String[] {"b"}, new double[] {1}));

        assertThat(run.rejected).extracting(e -> e.reason).as("reasons")
                .containsExactly("NON_FINITE_SCORE", "UNKNOWN_CLASS", "TOO_MANY_CLASSES");
        assertThat(run.outputs).extracting(e -> e.ts).as("valid records").containsExactly(3L);
        assertThat(run.metrics.count("deadLetters")).as("deadLetters").isEqualTo(3);
    }
}
