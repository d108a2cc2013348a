package org.infoprob.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputOptionsTest {

    @Test
    void temperatureMustBeFiniteAndPositive() {
        for (double t : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new OutputOptions(t, false, 0, true, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Temperature must be finite and > 0, was " + t);
        }
        assertThat(new OutputOptions(Double.MIN_VALUE, false, 0, true, true).temperature).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void topKMustNotBeNegative() {
        assertThatThrownBy(() -> new OutputOptions(1.0, false, -1, true, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Top-k must be >= 0 (0 = off), was -1");
    }

    @Test
    void logProbabilitiesAreNeededForTheirOutputOrTheEntropy() {
        assertThat(new OutputOptions(1.0, true, 0, false, true).needsLogProbabilities()).isTrue();
        assertThat(new OutputOptions(1.0, false, 0, true, true).needsLogProbabilities()).isTrue();
        assertThat(new OutputOptions(1.0, false, 0, false, true).needsLogProbabilities()).isFalse();
    }
}
