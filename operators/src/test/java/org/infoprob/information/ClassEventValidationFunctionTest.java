package org.infoprob.information;

import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.testing.FunctionRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClassEventValidationFunctionTest {

    @Test
    void passesValidEventsAndRejectsOthersWithItsChecks() throws Exception {
        ClassEvent ok = ClassEvent.of("k", 1L, "a");
        ClassEvent recordTime = ClassEvent.of("k", null, "a");
        FunctionRun<ClassEvent> run = FunctionRun.of(
                new ClassEventValidationFunction(true),
                ok, ClassEvent.of("k", 2L, ""), ClassEvent.of("k", 3L, "a", -1), recordTime);
        assertThat(run.outputs)
                .as("the record timestamp of the run (0, 1, 2, 3) stands in for a missing ts")
                .containsExactly(ok, recordTime);
        assertThat(run.rejected).extracting(d -> d.reason).containsExactly("EMPTY_CLASS_NAME", "INVALID_WEIGHT");
        assertThat(run.rejected).allSatisfy(d -> assertThat(d.rejectedBy).isEqualTo("class-event-validation"));
    }

    @Test
    void deadLettersCarryTheGivenNameAndLimits() throws Exception {
        FunctionRun<ClassEvent> run = FunctionRun.of(
                new ClassEventValidationFunction(false, "validate-classes", DeadLetterLimits.DEFAULT.withMaxPayloadBytes(4)),
                ClassEvent.of("k", 2L, ""));
        DeadLetter d = run.rejected.get(0);
        assertThat(d.rejectedBy).isEqualTo("validate-classes");
        assertThat(d.payload).isEqualTo("{\"ke");
        assertThat(d.payloadTruncated).isTrue();
        assertThatThrownBy(() -> new ClassEventValidationFunction(false, null, DeadLetterLimits.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Name must not be null or empty, was null");
    }
}
