package org.infoprob.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterLimitsTest {

    @Test
    void defaultsAreSixtyFourKibOfPayloadAndOneKibOfKeyAndError() {
        assertThat(DeadLetterLimits.DEFAULT).isEqualTo(new DeadLetterLimits(65_536, 1024, 1024));
        assertThat(DeadLetterLimits.DEFAULT.withMaxPayloadBytes(0)).isEqualTo(new DeadLetterLimits(0, 1024, 1024));
    }

    @Test
    void refusesNegativeCapsNamingThem() {
        assertThatThrownBy(() -> new DeadLetterLimits(-1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Max payload bytes must be >= 0, was -1");
        assertThatThrownBy(() -> new DeadLetterLimits(0, -2, 0)).hasMessage("Max key bytes must be >= 0, was -2");
        assertThatThrownBy(() -> new DeadLetterLimits(0, 0, -3)).hasMessage("Max error bytes must be >= 0, was -3");
    }
}
