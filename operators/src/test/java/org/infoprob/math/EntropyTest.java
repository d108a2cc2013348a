package org.infoprob.math;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EntropyTest {

    @Test
    void handValues() {
        // H(1/2, 1/2) = ln 2 nats = 1 bit; H(1/4, 1/4, 1/2) = 1.5 bits; H(1, 0) = 0
        assertThat(Entropy.nats(new double[] {0.5, 0.5})).isCloseTo(Math.log(2), within(2e-16));
        assertThat(Entropy.bits(new double[] {0.5, 0.5})).isCloseTo(1.0, within(2e-16));
        assertThat(Entropy.bits(new double[] {0.25, 0.25, 0.5})).isCloseTo(1.5, within(3e-16));
        assertThat(Entropy.nats(new double[] {1.0, 0.0})).isEqualTo(0.0);
        assertThat(Entropy.toBits(Math.log(8))).isCloseTo(3.0, within(5e-16));
    }

    @Test
    void uniformOverKClassesHasEntropyLnK() {
        for (int k : new int[] {1, 2, 10, 1000}) {
            double[] p = Softmax.probabilities(new double[k]);
            assertThat(Entropy.nats(p)).as("K=%d", k).isCloseTo(Math.log(k), within(1e-13));
        }
    }

    @Test
    void fromLogProbabilitiesAgreesAndIgnoresZeroMass() {
        double[] s = {2.0, 1.0, -0.5, Double.NEGATIVE_INFINITY};
        double[] p = Softmax.probabilities(s);
        double[] logp = Softmax.logProbabilities(s);
        assertThat(Entropy.natsFromLogProbabilities(p, logp, 4)).isCloseTo(Entropy.nats(p), within(1e-15));
    }

    @Test
    void rejectsValuesThatAreNotProbabilities() {
        assertThatThrownBy(() -> Entropy.nats(new double[] {0.5, 1.5}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Probabilities must be in [0, 1], was 1.5 at index 1");
        assertThatThrownBy(() -> Entropy.nats(new double[] {Double.NaN}))
                .hasMessage("Probabilities must be in [0, 1], was NaN at index 0");
        assertThatThrownBy(() -> Entropy.natsFromLogProbabilities(new double[2], new double[1], 2))
                .hasMessage("logProbabilities must have length >= 2 (the number of scores), was 1");
    }
}
