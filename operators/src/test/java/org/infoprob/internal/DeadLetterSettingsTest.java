package org.infoprob.internal;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterSettingsTest {

    @Test
    void opensDeadLettersWithItsNameAndLimits() {
        DeadLetters letters = new DeadLetterSettings("softmax-uid", DeadLetterLimits.DEFAULT.withMaxPayloadBytes(2))
                .open(new UnregisteredMetricsGroup());
        DeadLetter d = letters.reject(new DeadLetterCause(Reason.INVALID_JSON, "m"), null, new byte[] {'a', 'b', 'c'}, null, "t", 0, 0L);
        assertThat(d.rejectedBy).isEqualTo("softmax-uid");
        assertThat(d.payload).isEqualTo("ab");
    }

    @Test
    void refusesAnEmptyNameAndNullLimits() {
        assertThatThrownBy(() -> new DeadLetterSettings("", DeadLetterLimits.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Name must not be null or empty, was ");
        assertThatThrownBy(() -> new DeadLetterSettings(null, DeadLetterLimits.DEFAULT))
                .hasMessage("Name must not be null or empty, was null");
        assertThatThrownBy(() -> new DeadLetterSettings("n", null)).hasMessage("Dead letter limits must not be null");
    }
}
