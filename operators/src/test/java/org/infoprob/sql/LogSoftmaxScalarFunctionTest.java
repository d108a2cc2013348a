package org.infoprob.sql;

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
import static org.infoprob.sql.SqlData.primitive;

/**
 * {@link LogSoftmaxScalarFunction} called directly. Expected values from {@code ln p_i = (s_i -
 * m)/T - ln sum_j exp((s_j - m)/T)}, by hand or by {@link ExactMath#logSoftmax} (BigDecimal).
 */
class LogSoftmaxScalarFunctionTest {

    private static final double EPS = 1e-15;
    private static final double INF = Double.POSITIVE_INFINITY;

    @Test
    void tinyProbabilitiesKeepTheirLogarithm() throws Exception {
        LogSoftmaxScalarFunction logSoftmax = opened(new LogSoftmaxScalarFunction());
        // {0, -1000}: ln p = {-log1p(e^-1000), -1000 - log1p(e^-1000)} = {0, -1000}
        assertThat(doubles(logSoftmax.eval(array(0.0, -1000.0)))).containsExactly(new double[] {0.0, -1000.0}, within(EPS));
        // two +inf entries: -ln 2 each, the other -inf
        assertThat(doubles(logSoftmax.eval(array(INF, 1.0, INF))))
                .containsExactly(-Math.log(2), Double.NEGATIVE_INFINITY, -Math.log(2));
    }

    @Test
    void mapAtATemperature() throws Exception {
        LogSoftmaxScalarFunction logSoftmax = opened(new LogSoftmaxScalarFunction());
        // at T = 0.5: exponents 4, 2, -1: ln p_dog = 2 - ln(e^4 + e^2 + e^-1)
        Map<String, Double> logp = entries(logSoftmax.eval(map("cat", 2.0, "dog", 1.0, "bird", -0.5), 0.5));
        double lnZ = Math.log(Math.exp(4) + Math.exp(2) + Math.exp(-1));
        assertThat(logp.keySet()).containsExactly("cat", "dog", "bird");
        assertThat(logp.get("cat")).isCloseTo(4 - lnZ, within(EPS));
        assertThat(logp.get("dog")).isCloseTo(2 - lnZ, within(EPS));
        assertThat(logp.get("bird")).isCloseTo(-1 - lnZ, within(EPS));
    }

    @Test
    void badRowsGiveNullAndAreCounted() throws Exception {
        LogSoftmaxScalarFunction logSoftmax = opened(new LogSoftmaxScalarFunction());
        assertThat(logSoftmax.eval(array(Double.NaN))).isNull();
        assertThat(logSoftmax.eval(array(1.0), 0)).as("T = 0").isNull();
        assertThat(logSoftmax.eval(map("a", 1.0), null)).as("NULL T is no rejection").isNull();
        assertThat(logSoftmax.rejectedRows()).isEqualTo(2);
    }

    @Test
    void longNonUniformVectorsAfterALongerOneMatchTheExactValues() throws Exception {
        // As SoftmaxScalarFunctionTest: K = 17 and 37 on the vector kernel in the vector-kernel
        // execution, after a longer row. Reference: ExactMath (BigDecimal); 4 ulp, relative.
        VectorKernelExecution.assertVectorKernelTakes(17);
        LogSoftmaxScalarFunction logSoftmax = opened(new LogSoftmaxScalarFunction());
        for (int k : new int[] {64, 37, 17, 37}) {
            double[] s = ScoreEvents.nonUniformScores(k, k + 1);
            BigDecimal[] expected = ExactMath.logSoftmax(s, 1.5);
            double[] logp = doubles(logSoftmax.eval(primitive(s), 1.5));
            assertThat(logp).as("K = %s", k).hasSize(k);
            for (int i = 0; i < k; i++) {
                double ulps = ExactMath.ulpError(logp[i], expected[i]);
                assertThat(ulps).as("K = %s: ln p[%s] = %s is %s ulp from %s", k, i, logp[i], ulps, expected[i])
                        .isLessThanOrEqualTo(4.0);
            }
        }
    }
}
