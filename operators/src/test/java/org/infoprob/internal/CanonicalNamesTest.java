package org.infoprob.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalNamesTest {

    @Test
    void equalNamesComeBackAsTheFirstInstanceSeen() {
        CanonicalNames names = new CanonicalNames(10);
        String first = new String("login");
        String second = new String("login");

        assertThat(names.of(first)).as("a new name is kept as it is").isSameAs(first);
        assertThat(names.of(second)).as("an equal name returns the kept instance").isSameAs(first);
        assertThat(names.size()).as("one distinct name").isEqualTo(1);
    }

    @Test
    void pastCapacityNewNamesAreReturnedUnsharedAndNotKept() {
        CanonicalNames names = new CanonicalNames(1);
        names.of("a");
        String b = new String("b");

        assertThat(names.of(b)).as("a name past capacity is returned as is").isSameAs(b);
        assertThat(names.of(new String("b"))).as("and is not kept").isNotSameAs(b);
        assertThat(names.size()).as("the table stays at its capacity").isEqualTo(1);
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThatThrownBy(() -> new CanonicalNames(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Capacity must be >= 0, was -1");
    }
}
