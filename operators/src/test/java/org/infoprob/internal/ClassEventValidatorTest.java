package org.infoprob.internal;

import org.infoprob.model.ClassEvent;
import org.infoprob.model.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClassEventValidatorTest {

    @Test
    void aNamedEventOfFiniteWeightPasses() {
        assertThat(ClassEventValidator.check(ClassEvent.of("k", 5L, "login"), 5L, true)).isNull();
        assertThat(ClassEventValidator.check(ClassEvent.of("k", null, "login", 0.0), null, false))
                .as("weight 0 and no time where none is needed")
                .isNull();
        assertThat(ClassEventValidator.check(ClassEvent.of("k", 5L, "x", ClassEventValidator.MAX_WEIGHT), 5L, false))
                .as("the largest weight")
                .isNull();
    }

    @Test
    void aMissingOrEmptyClassNameIsRejectedFirst() {
        DeadLetterCause none = ClassEventValidator.check(ClassEvent.of("k", null, null, Double.NaN), null, true);
        assertThat(none.reason()).isEqualTo(Reason.EMPTY_CLASS_NAME);
        assertThat(none.message()).isEqualTo("Class name must not be null or empty, was null");
        DeadLetterCause empty = ClassEventValidator.check(ClassEvent.of("k", 1L, ""), 1L, false);
        assertThat(empty.message()).isEqualTo("Class name must not be null or empty, was \"\"");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, -1e-300, -1.0, 2e100})
    void aWeightOutsideZeroToMaxIsRejected(double weight) {
        DeadLetterCause cause = ClassEventValidator.check(ClassEvent.of("k", 1L, "x", weight), 1L, false);
        assertThat(cause.reason()).isEqualTo(Reason.INVALID_WEIGHT);
        assertThat(cause.message()).isEqualTo("Weight must be finite and in [0, 1.0E100], was " + weight);
    }

    @Test
    void noTimestampIsRejectedOnlyWhereTimeIsRequired() {
        ClassEvent e = ClassEvent.of("k", null, "x");
        assertThat(ClassEventValidator.check(e, null, false)).isNull();
        assertThat(ClassEventValidator.check(e, null, true).reason()).isEqualTo(Reason.MISSING_TIMESTAMP);
        assertThat(ClassEventValidator.check(e, 7L, true)).as("the record's time stands in").isNull();
    }
}
