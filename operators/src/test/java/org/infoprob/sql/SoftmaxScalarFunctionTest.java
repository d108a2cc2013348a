package org.infoprob.sql;

import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.MapData;
import org.infoprob.math.ExactMath;
import org.infoprob.testing.ScoreEvents;
import org.infoprob.testing.VectorKernelExecution;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.infoprob.sql.SqlData.array;
import static org.infoprob.sql.SqlData.doubles;
import static org.infoprob.sql.SqlData.entries;
import static org.infoprob.sql.SqlData.map;
import static org.infoprob.sql.SqlData.opened;
import static org.infoprob.sql.SqlData.pairs;
import static org.infoprob.sql.SqlData.primitive;

/**
 * {@link SoftmaxScalarFunction} called as the planner calls it. Expected values are computed by
 * hand from {@code p_i = exp((s_i - m)/T) / sum_j exp((s_j - m)/T)}, as written next to them,
 * or by {@link ExactMath#softmax} (BigDecimal) for long vectors.
 */
class SoftmaxScalarFunctionTest {

    private static final double EPS = 1e-15;
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void arrayFollowsTheFormula() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        // {0, ln 3}: 1 : 3
        assertThat(doubles(softmax.eval(array(0.0, Math.log(3))))).containsExactly(new double[] {0.25, 0.75}, within(EPS));
        // NOT NULL elements (a primitive array) read alike; at T = 0.5: e^{2 ln 3} = 9, so 1 : 9
        assertThat(doubles(softmax.eval(primitive(0.0, Math.log(3)), 0.5))).containsExactly(new double[] {0.1, 0.9}, within(EPS));
        assertThat(softmax.rejectedRows()).isZero();
    }

    @Test
    void temperatureMayBeAnyNumber() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        // {0, ln 3} at T = 2: e^{ln 3 / 2} = sqrt 3, so 1 : sqrt 3
        double[] expected = {1 / (1 + Math.sqrt(3)), Math.sqrt(3) / (1 + Math.sqrt(3))};
        for (Number t : new Number[] {2, 2L, (short) 2, (byte) 2, 2.0f, 2.0, new BigDecimal("2.0")}) {
            assertThat(doubles(softmax.eval(array(0.0, Math.log(3)), t))).as("T = %s (%s)", t, t.getClass().getSimpleName())
                    .containsExactly(expected, within(EPS));
        }
    }

    @Test
    void mapKeepsItsKeysInTheirOrder() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        // {dog 1, cat 2} at T = 0.5: e^2 : e^4
        Map<String, Double> p = entries(softmax.eval(map("dog", 1.0, "cat", 2.0), 0.5));
        assertThat(p.keySet()).containsExactly("dog", "cat");
        assertThat(p.get("cat")).isCloseTo(1 / (1 + Math.exp(-2)), within(EPS));
        assertThat(p.get("dog")).isCloseTo(Math.exp(-2) / (1 + Math.exp(-2)), within(EPS));
        // a map of two arrays, as MAP_FROM_ARRAYS makes it
        Map<String, Double> q = entries(softmax.eval(pairs(new String[] {"b", "a"}, new double[] {0.0, Math.log(3)})));
        assertThat(q.keySet()).containsExactly("b", "a");
        assertThat(q.get("a")).isCloseTo(0.75, within(EPS));
    }

    @Test
    void infiniteScoresTakeTheirLimits() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        assertThat(doubles(softmax.eval(array(INF, 0.0, INF)))).containsExactly(0.5, 0.0, 0.5);
        assertThat(doubles(softmax.eval(array(Double.NEGATIVE_INFINITY, 0.0)))).containsExactly(0.0, 1.0);
        assertThat(softmax.rejectedRows()).isZero();
    }

    @Test
    void badRowsGiveNullAndAreCounted() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        assertThat(softmax.eval(array(1.0, NAN))).as("NaN").isNull();
        assertThat(softmax.eval(array(Double.NEGATIVE_INFINITY))).as("all -inf").isNull();
        assertThat(softmax.eval(array())).as("empty").isNull();
        assertThat(softmax.eval(array(1.0, null))).as("NULL entry").isNull();
        assertThat(softmax.eval(array(1.0), 0.0)).as("T = 0").isNull();
        assertThat(softmax.eval(array(1.0), -1)).as("T < 0").isNull();
        assertThat(softmax.eval(array(1.0), NAN)).as("T NaN").isNull();
        assertThat(softmax.eval(map("", 1.0))).as("empty class name").isNull();
        assertThat(softmax.eval(map(null, 1.0))).as("NULL class name").isNull();
        assertThat(softmax.eval(map("a", null))).as("NULL score").isNull();
        assertThat(softmax.eval(map())).as("empty map").isNull();
        assertThat(softmax.eval(pairs(new String[] {"a", "b", "a"}, new double[] {1, 2, 3}))).as("a name twice").isNull();
        assertThat(softmax.rejectedRows()).isEqualTo(12);
    }

    @Test
    void nullArgumentsGiveNullWithoutARejection() throws Exception {
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        assertThat(softmax.eval((ArrayData) null)).isNull();
        assertThat(softmax.eval(array(1.0), null)).isNull();
        assertThat(softmax.eval((MapData) null)).isNull();
        assertThat(softmax.eval(map("a", 1.0), null)).isNull();
        assertThat(softmax.rejectedRows()).isZero();
    }

    @Test
    void longNonUniformVectorsAfterALongerOneMatchTheExactValues() throws Exception {
        // K = 17 and 37 go through the vector kernel in the vector-kernel execution (8 lanes:
        // tails of 1 and 5 entries; 4 lanes: 1 and 1); the 64-score row first leaves the reused
        // buffer longer than n. Reference: ExactMath (BigDecimal), 4 ulp as for Softmax itself.
        VectorKernelExecution.assertVectorKernelTakes(17);
        SoftmaxScalarFunction softmax = opened(new SoftmaxScalarFunction());
        for (int k : new int[] {64, 37, 17, 37}) {
            double[] s = ScoreEvents.nonUniformScores(k, k);
            for (double t : new double[] {1.0, 0.7}) {
                BigDecimal[] expected = ExactMath.softmax(s, t);
                double[] p = doubles(softmax.eval(primitive(s), t));
                assertThat(p).as("K = %s", k).hasSize(k);
                for (int i = 0; i < k; i++) {
                    double ulps = ExactMath.ulpError(p[i], expected[i]);
                    assertThat(ulps).as("K = %s, T = %s: p[%s] = %s is %s ulp from %s", k, t, i, p[i], ulps, expected[i])
                            .isLessThanOrEqualTo(4.0);
                }
            }
        }
        assertThat(softmax.rejectedRows()).isZero();
    }
}
