package org.infoprob.sql;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.functions.FunctionContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Edge cases of the scalar functions, calling {@code eval} directly. Expected values are
 * computed by hand from each function's formula, as written next to them.
 */
class ScalarFunctionsTest {

    private static final double EPS = 1e-15;
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static <F extends InfoprobScalarFunction> F opened(F function) throws Exception {
        // Outside a job the metric group is an unregistered one; the counts are still kept.
        function.open(new FunctionContext(null));
        return function;
    }

    private static ArrayData array(Double... values) {
        return new GenericArrayData(values);
    }

    private static Map<String, Double> map(Object... nameValue) {
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Double) nameValue[i + 1]);
        }
        return m;
    }

    @Test
    void softmaxOfArrayAndMapFollowsTheFormula() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        // {0, ln 3}: 1 : 3
        assertThat(softmax.eval(array(0.0, Math.log(3)))).containsExactly(new double[] {0.25, 0.75}, within(EPS));
        // primitive arrays from NOT NULL columns read alike
        assertThat(softmax.eval(new GenericArrayData(new double[] {0.0, Math.log(3)}), 0.5))
                .containsExactly(new double[] {0.1, 0.9}, within(EPS));
        // {cat 2, dog 1} at T = 0.5: e^4 : e^2
        Map<String, Double> p = softmax.eval(map("cat", 2.0, "dog", 1.0), 0.5);
        assertThat(p).containsOnlyKeys("cat", "dog");
        assertThat(p.get("cat")).isCloseTo(1 / (1 + Math.exp(-2)), within(EPS));
        assertThat(p.get("dog")).isCloseTo(Math.exp(-2) / (1 + Math.exp(-2)), within(EPS));
        assertThat(softmax.rejectedRows()).isZero();
    }

    @Test
    void softmaxTakesTheLimitsOfInfiniteScores() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        assertThat(softmax.eval(array(INF, 0.0, INF))).containsExactly(0.5, 0.0, 0.5);
        assertThat(softmax.eval(array(Double.NEGATIVE_INFINITY, 0.0))).containsExactly(0.0, 1.0);
        assertThat(softmax.rejectedRows()).isZero();
    }

    @Test
    void softmaxRejectsBadRowsWithNullAndCountsThem() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        assertThat(softmax.eval(array(1.0, NAN))).as("NaN").isNull();
        assertThat(softmax.eval(array(Double.NEGATIVE_INFINITY))).as("all -inf").isNull();
        assertThat(softmax.eval(array())).as("empty").isNull();
        assertThat(softmax.eval(array(1.0, null))).as("NULL entry").isNull();
        assertThat(softmax.eval(array(1.0), 0.0)).as("T = 0").isNull();
        assertThat(softmax.eval(array(1.0), -1.0)).as("T < 0").isNull();
        assertThat(softmax.eval(array(1.0), NAN)).as("T NaN").isNull();
        assertThat(softmax.eval(map("", 1.0))).as("empty class name").isNull();
        assertThat(softmax.eval(map(null, 1.0))).as("NULL class name").isNull();
        assertThat(softmax.eval(map("a", null))).as("NULL score").isNull();
        assertThat(softmax.eval(map())).as("empty map").isNull();
        assertThat(softmax.rejectedRows()).isEqualTo(11);
    }

    @Test
    void nullArgumentsGiveNullWithoutARejection() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        LogSoftmaxScalarFunction logSoftmax = opened(new LogSoftmaxScalarFunction());
        SigmoidScalarFunction sigmoid = opened(new SigmoidScalarFunction());
        TopKScalarFunction topK = opened(new TopKScalarFunction());
        SurprisalScalarFunction surprisal = opened(new SurprisalScalarFunction());
        assertThat(softmax.eval((ArrayData) null)).isNull();
        assertThat(softmax.eval(array(1.0), null)).isNull();
        assertThat(softmax.eval((Map<String, Double>) null)).isNull();
        assertThat(logSoftmax.eval(map("a", 1.0), null)).isNull();
        assertThat(sigmoid.eval(null)).isNull();
        assertThat(sigmoid.eval(1.0, null)).isNull();
        assertThat(topK.eval(array(1.0), null)).isNull();
        assertThat(surprisal.eval(1.0, null, 2.0)).isNull();
        assertThat(softmax.rejectedRows() + logSoftmax.rejectedRows() + sigmoid.rejectedRows()
                        + topK.rejectedRows() + surprisal.rejectedRows())
                .isZero();
    }

    @Test
    void logSoftmaxKeepsTinyProbabilitiesInTheLogDomain() throws Exception {
        LogSoftmaxScalarFunction logSoftmax = opened(new LogSoftmaxScalarFunction());
        // {0, -1000}: ln p = {-log1p(e^-1000), -1000 - log1p(e^-1000)} = {0, -1000}
        assertThat(logSoftmax.eval(array(0.0, -1000.0))).containsExactly(new double[] {0.0, -1000.0}, within(EPS));
        // two +inf entries: -ln 2 each, the other -inf
        assertThat(logSoftmax.eval(array(INF, 1.0, INF)))
                .containsExactly(-Math.log(2), Double.NEGATIVE_INFINITY, -Math.log(2));
        // map at T = 0.5: exponents 4, 2, -1: ln p_dog = 2 - ln(e^4 + e^2 + e^-1)
        Map<String, Double> logp = logSoftmax.eval(map("cat", 2.0, "dog", 1.0, "bird", -0.5), 0.5);
        double lnZ = Math.log(Math.exp(4) + Math.exp(2) + Math.exp(-1));
        assertThat(logp.get("cat")).isCloseTo(4 - lnZ, within(EPS));
        assertThat(logp.get("dog")).isCloseTo(2 - lnZ, within(EPS));
        assertThat(logp.get("bird")).isCloseTo(-1 - lnZ, within(EPS));
        assertThat(logSoftmax.eval(array(NAN))).isNull();
        assertThat(logSoftmax.rejectedRows()).isEqualTo(1);
    }

    @Test
    void sigmoidFamilyFollowsTheFormulaAndRejectsNaNAndBadTemperatures() throws Exception {
        SigmoidScalarFunction sigmoid = opened(new SigmoidScalarFunction());
        LogSigmoidScalarFunction logSigmoid = opened(new LogSigmoidScalarFunction());
        LogitScalarFunction logit = opened(new LogitScalarFunction());
        assertThat(sigmoid.eval(0.0)).isEqualTo(0.5);
        assertThat(sigmoid.eval(2.0, 2.0)).isCloseTo(1 / (1 + Math.exp(-1)), within(EPS));
        assertThat(sigmoid.eval(INF)).isEqualTo(1.0);
        assertThat(sigmoid.eval(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(logSigmoid.eval(-1000.0)).isEqualTo(-1000.0);
        // -log1p(e^-40) = -e^-40 (1 - e^-40 / 2 ...) = -e^-40 to double precision
        assertThat(logSigmoid.eval(40.0)).isCloseTo(-Math.exp(-40), within(1e-30));
        assertThat(logit.eval(0.75)).isCloseTo(Math.log(3), within(EPS));
        assertThat(logit.eval(0.75, 2.0)).isCloseTo(2 * Math.log(3), within(EPS));
        assertThat(logit.eval(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(logit.eval(1.0)).isEqualTo(INF);

        assertThat(sigmoid.eval(NAN)).isNull();
        assertThat(sigmoid.eval(1.0, 0.0)).isNull();
        assertThat(sigmoid.eval(1.0, INF)).isNull();
        assertThat(logSigmoid.eval(NAN)).isNull();
        assertThat(logit.eval(1.5)).isNull();
        assertThat(logit.eval(-0.1)).isNull();
        assertThat(logit.eval(NAN)).isNull();
        assertThat(sigmoid.rejectedRows()).isEqualTo(3);
        assertThat(logSigmoid.rejectedRows()).isEqualTo(1);
        assertThat(logit.rejectedRows()).isEqualTo(3);
    }

    @Test
    void entropyOfArrayAndMapInNats() throws Exception {
        EntropyScalarFunction entropy = opened(new EntropyScalarFunction());
        assertThat(entropy.eval(array(0.5, 0.5))).isCloseTo(Math.log(2), within(EPS));
        // {1/4, 1/4, 1/2}: 2 * 1/4 ln 4 + 1/2 ln 2 = 1.5 ln 2
        assertThat(entropy.eval(array(0.25, 0.25, 0.5))).isCloseTo(1.5 * Math.log(2), within(EPS));
        assertThat(entropy.eval(array(1.0, 0.0))).isEqualTo(0.0);
        assertThat(entropy.eval(array())).as("empty: 0, the math core's policy").isEqualTo(0.0);
        assertThat(entropy.eval(map("a", 0.5, "b", 0.5))).isCloseTo(Math.log(2), within(EPS));
        assertThat(entropy.rejectedRows()).isZero();
        assertThat(entropy.eval(array(1.5))).as("p > 1").isNull();
        assertThat(entropy.eval(array(NAN))).as("NaN").isNull();
        assertThat(entropy.eval(array(0.5, null))).as("NULL entry").isNull();
        assertThat(entropy.rejectedRows()).isEqualTo(3);
    }

    @Test
    void argmaxIsOneBasedAndBreaksTiesTowardsTheFirst() throws Exception {
        ArgmaxScalarFunction argmax = opened(new ArgmaxScalarFunction());
        assertThat(argmax.eval(array(0.2, 0.5, 0.3))).isEqualTo(2);
        assertThat(argmax.eval(array(1.0, 3.0, 3.0))).as("tie").isEqualTo(2);
        assertThat(argmax.eval(array(Double.NEGATIVE_INFINITY, -1e308))).isEqualTo(2);
        assertThat(argmax.eval(map("cat", 2.0, "dog", 1.0))).isEqualTo("cat");
        assertThat(argmax.eval(map("dog", 1.0, "cat", 1.0, "emu", 0.0))).as("tie: smaller name").isEqualTo("cat");
        assertThat(argmax.rejectedRows()).isZero();
        assertThat(argmax.eval(array())).as("empty").isNull();
        assertThat(argmax.eval(array(1.0, NAN))).as("NaN").isNull();
        assertThat(argmax.eval(map())).as("empty map").isNull();
        assertThat(argmax.rejectedRows()).isEqualTo(3);
    }

    @Test
    void topKIsOneBasedLargestFirstAndCappedAtTheLength() throws Exception {
        TopKScalarFunction topK = opened(new TopKScalarFunction());
        assertThat(topK.eval(array(0.2, 0.5, 0.3), 2)).containsExactly(2, 3);
        assertThat(topK.eval(array(0.2, 0.5, 0.3), 5)).containsExactly(2, 3, 1);
        assertThat(topK.eval(array(1.0, 1.0), 1)).as("tie").containsExactly(1);
        assertThat(topK.eval(array(), 2)).as("empty: empty, the math core's policy").isEmpty();
        assertThat(topK.eval(map("cat", 2.0, "dog", 1.0, "bird", -0.5), 2)).containsExactly("cat", "dog");
        assertThat(topK.eval(map("y", 1.0, "x", 1.0), 2)).as("tie: smaller name first").containsExactly("x", "y");
        assertThat(topK.rejectedRows()).isZero();
        assertThat(topK.eval(array(1.0), 0)).as("k = 0").isNull();
        assertThat(topK.eval(map("a", 1.0), -1)).as("k < 0").isNull();
        assertThat(topK.eval(array(NAN, 1.0), 1)).as("NaN").isNull();
        assertThat(topK.rejectedRows()).isEqualTo(3);
    }

    @Test
    void surprisalFollowsTheSmoothedEstimate() throws Exception {
        SurprisalScalarFunction surprisal = opened(new SurprisalScalarFunction());
        // C = 4, V = 2, a = 1: denominator 4 + 3 = 7
        assertThat(surprisal.eval(1.0, 4.0, 2.0)).isCloseTo(Math.log(3.5), within(EPS));
        assertThat(surprisal.eval(0.0, 4.0, 2.0)).as("new class, p = 1/7").isCloseTo(Math.log(7), within(4e-16));
        assertThat(surprisal.eval(5.0, 10.0, 2.0, 0.0)).as("a = 0: p = 1/2").isCloseTo(Math.log(2), within(EPS));
        assertThat(surprisal.eval(0.0, 10.0, 2.0, 0.0)).as("a = 0, unseen").isEqualTo(INF);
        assertThat(surprisal.rejectedRows()).isZero();
        assertThat(surprisal.eval(5.0, 4.0, 2.0)).as("count > total").isNull();
        assertThat(surprisal.eval(-1.0, 4.0, 2.0)).as("negative count").isNull();
        assertThat(surprisal.eval(1.0, 4.0, 2.0, -0.5)).as("negative alpha").isNull();
        assertThat(surprisal.eval(0.0, 0.0, 0.0, 0.0)).as("nothing seen, no smoothing").isNull();
        assertThat(surprisal.rejectedRows()).isEqualTo(4);
    }

    @Test
    void buffersGrowForLongVectors() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        Double[] scores = new Double[100];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = 0.0;
        }
        // 100 equal scores: 1/100 each
        double[] p = softmax.eval(array(scores));
        assertThat(p).hasSize(100).containsOnly(0.01);
        assertThat(softmax.eval(array(0.0, Math.log(3)))).as("a short row after a long one")
                .containsExactly(new double[] {0.25, 0.75}, within(EPS));
    }
}
