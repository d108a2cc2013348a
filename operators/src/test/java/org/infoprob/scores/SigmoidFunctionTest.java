package org.infoprob.scores;

import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.infoprob.testing.FunctionRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.infoprob.testing.Ulps.ulps;

/**
 * sigmoid(ln 3) = 1 / (1 + 1/3) = 3/4; the negative class gets sigmoid(-ln 3) = 1/4. Entropy
 * -(1/4 ln 1/4 + 3/4 ln 3/4) = 0.5623351446188083 (closed form evaluated with Python 3 math).
 */
class SigmoidFunctionTest {

    private static final double LN3 = Math.log(3);
    private static final double H_QUARTER = 0.5623351446188083;

    @Test
    void scoreLn3GivesThreeQuartersToThePositiveClass() throws Exception {
        ProbabilityEvent out = single(SigmoidFunction.builder().build(), BinaryScoreEvent.of("k", 3, LN3));

        assertThat(out.classes).as("default labels").containsExactly("negative", "positive");
        assertThat(out.probabilities[0]).as("p(negative)").isCloseTo(0.25, ulps(2, 0.25));
        assertThat(out.probabilities[1]).as("p(positive)").isCloseTo(0.75, ulps(2, 0.75));
        assertThat(out.top).as("top").isEqualTo("positive");
        assertThat(out.entropy).as("entropy").isCloseTo(H_QUARTER, ulps(4, H_QUARTER));
        assertThat(out.margin).as("margin").isCloseTo(0.5, ulps(4, 0.5));
        assertThat(out.key).as("key").isEqualTo("k");
        assertThat(out.ts).as("ts").isEqualTo(3L);
    }

    @Test
    void labelsAndTemperatureAreConfigurable() throws Exception {
        // 2 ln 3 / T with T = 2 is ln 3.
        ProbabilityEvent out =
                single(
                        SigmoidFunction.builder().setLabels("ok", "fraud").setTemperature(2.0).build(),
                        BinaryScoreEvent.of("k", 0, 2 * LN3));

        assertThat(out.classes).as("labels").containsExactly("ok", "fraud");
        assertThat(out.probabilities[1]).as("p(fraud)").isCloseTo(0.75, ulps(2, 0.75));
    }

    @Test
    void bothProbabilitiesComeFromTheScoreSoTheSmallOneKeepsItsAccuracy() throws Exception {
        // sigmoid(-40) = e^-40 / (1 + e^-40) = 4.248354255291589E-18 (1 - sigmoid(40) would be 0);
        // log-sigmoid(-1000) = -1000 exactly in double; log-sigmoid(1000) = -log1p(e^-1000) is
        // +0.0, never -0.0 (the math package returns no negative zero).
        ProbabilityEvent at40 =
                single(SigmoidFunction.builder().setLogProbabilities(true).build(), BinaryScoreEvent.of("k", 0, 40));
        ProbabilityEvent at1000 =
                single(SigmoidFunction.builder().setLogProbabilities(true).build(), BinaryScoreEvent.of("k", 0, 1000));

        assertThat(at40.probabilities[0]).as("p(negative) at 40").isCloseTo(4.248354255291589E-18, ulps(4, 4.248354255291589E-18));
        assertThat(at1000.probabilities).as("probabilities at 1000").containsExactly(0.0, 1.0);
        assertThat(at1000.logProbabilities).as("log-probabilities at 1000").containsExactly(-1000.0, 0.0);
    }

    @Test
    void infiniteScoresAreCertainties() throws Exception {
        FunctionRun<ProbabilityEvent> run =
                FunctionRun.of(
                        SigmoidFunction.builder().build(),
                        BinaryScoreEvent.of("k", 0, Double.POSITIVE_INFINITY),
                        BinaryScoreEvent.of("k", 1, Double.NEGATIVE_INFINITY));

        assertThat(run.outputs.get(0).probabilities).as("+inf").containsExactly(0.0, 1.0);
        assertThat(run.outputs.get(1).probabilities).as("-inf").containsExactly(1.0, 0.0);
        assertThat(run.outputs.get(0).entropy).as("entropy of a certainty").isZero();
    }

    @Test
    void agreesWithTheSoftmaxOfZeroAndTheScore() throws Exception {
        double[] scores = {-30, -2.5, -1e-9, 0, 0.3, LN3, 17};
        BinaryScoreEvent[] binary = new BinaryScoreEvent[scores.length];
        ScoreEvent[] pairs = new ScoreEvent[scores.length];
        for (int i = 0; i < scores.length; i++) {
            binary[i] = BinaryScoreEvent.of("k", i, scores[i]);
            pairs[i] = ScoreEvent.of("k", i, new String[] {"negative", "positive"}, new double[] {0, scores[i]});
        }

        FunctionRun<ProbabilityEvent> sigmoid =
                FunctionRun.of(SigmoidFunction.builder().setLogProbabilities(true).build(), binary);
        FunctionRun<ProbabilityEvent> softmax =
                FunctionRun.of(SoftmaxFunction.builder().setLogProbabilities(true).build(), pairs);

        for (int i = 0; i < scores.length; i++) {
            ProbabilityEvent s = sigmoid.outputs.get(i);
            ProbabilityEvent m = softmax.outputs.get(i);
            for (int c = 0; c < 2; c++) {
                assertThat(s.probabilities[c]).as("p[%s] at %s", c, scores[i]).isCloseTo(m.probabilities[c], ulps(2, m.probabilities[c]));
                assertThat(s.logProbabilities[c]).as("ln p[%s] at %s", c, scores[i])
                        .isCloseTo(m.logProbabilities[c], ulps(4, m.logProbabilities[c]));
            }
            assertThat(s.entropy).as("entropy at %s", scores[i]).isCloseTo(m.entropy, ulps(4, m.entropy));
        }
    }

    @Test
    void nanScoreGoesToTheSideOutputAndIsCounted() throws Exception {
        BinaryScoreEvent bad = BinaryScoreEvent.of("k", 8, Double.NaN);
        bad.topic = "binary";
        bad.partition = 0;
        bad.offset = 12L;

        FunctionRun<ProbabilityEvent> run =
                FunctionRun.of(SigmoidFunction.builder().build(), BinaryScoreEvent.of("k", 7, 0), bad);

        assertThat(run.outputs).as("the valid record").hasSize(1);
        assertThat(run.outputs.get(0).probabilities).as("sigmoid(0)").containsExactly(0.5, 0.5);
        DeadLetter dead = run.rejected.get(0);
        assertThat(run.rejected).as("side output").hasSize(1);
        assertThat(dead.reason).as("reason").isEqualTo("NON_FINITE_SCORE");
        assertThat(dead.error).as("error").isEqualTo("Scores must not be NaN, was NaN at index 0");
        assertThat(dead.rejectedBy).as("rejected by").isEqualTo("SigmoidFunction");
        assertThat(dead.ts).as("ts").isEqualTo(8L);
        assertThat(dead.topic + "/" + dead.partition + "@" + dead.offset).as("origin").isEqualTo("binary/0@12");
        assertThat(dead.payload).as("payload").isEqualTo("{\"key\":\"k\",\"ts\":8,\"score\":\"NaN\"}");
        assertThat(run.metrics.count("deadLetters")).as("deadLetters").isEqualTo(1);
        assertThat(run.metrics.count("reason.NON_FINITE_SCORE.deadLetters")).as("per reason").isEqualTo(1);
    }

    @Test
    void builderRejectsBadLabels() {
        assertThatThrownBy(() -> SigmoidFunction.builder().setLabels("yes", "yes").build())
                .as("same label twice").isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Labels must differ, was 'yes' for both");
        assertThatThrownBy(() -> SigmoidFunction.builder().setLabels("", "yes").build())
                .as("empty label").hasMessage("Labels must be non-empty, was negative=, positive=yes");
        assertThatThrownBy(() -> SigmoidFunction.builder().setTemperature(-2).build())
                .as("negative temperature").hasMessage("Temperature must be finite and > 0, was -2.0");
    }

    private static ProbabilityEvent single(SigmoidFunction function, BinaryScoreEvent in) throws Exception {
        FunctionRun<ProbabilityEvent> run = FunctionRun.of(function, in);
        assertThat(run.rejected).as("rejected records").isEmpty();
        return run.outputs.get(0);
    }
}
