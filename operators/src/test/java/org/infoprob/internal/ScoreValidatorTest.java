package org.infoprob.internal;

import org.infoprob.model.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreValidatorTest {

    private static final double NEG_INF = Double.NEGATIVE_INFINITY;

    private final ScoreValidator any = ScoreValidator.create(null, 4);
    private final ScoreValidator fixed = ScoreValidator.create(new String[] {"cat", "dog", "bird"}, 4);

    @Test
    void acceptsAWellFormedRecord() {
        assertThat(any.check(new String[] {"a", "b"}, new double[] {1, NEG_INF})).as("valid record").isNull();
    }

    @Test
    void rejectsNullArraysAsMissingField() {
        assertThat(any.check(null, new double[] {1}).reason()).as("null classes").isEqualTo(Reason.MISSING_FIELD);
        assertThat(any.check(new String[] {"a"}, null).reason()).as("null scores").isEqualTo(Reason.MISSING_FIELD);
    }

    @Test
    void rejectsALengthMismatchWithBothLengths() {
        DeadLetterCause r = any.check(new String[] {"a", "b", "c"}, new double[] {1, 2});

        assertThat(r.reason()).as("reason").isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(r.message()).as("message").isEqualTo("Classes and scores must have the same length, was 3 classes and 2 scores");
    }

    @Test
    void rejectsAnEmptyRecord() {
        assertThat(any.check(new String[0], new double[0]).reason()).as("no classes").isEqualTo(Reason.EMPTY_SCORES);
    }

    @Test
    void rejectsMoreClassesThanTheLimit() {
        DeadLetterCause r = any.check(new String[] {"a", "b", "c", "d", "e"}, new double[5]);

        assertThat(r.reason()).as("reason").isEqualTo(Reason.TOO_MANY_CLASSES);
        assertThat(r.message()).as("message").isEqualTo("Classes must number at most 4, was 5");
    }

    @Test
    void rejectsNullAndEmptyNamesWithTheirIndex() {
        DeadLetterCause nullName = any.check(new String[] {"a", null}, new double[2]);
        DeadLetterCause emptyName = any.check(new String[] {"", "a"}, new double[2]);

        assertThat(nullName.reason()).as("null name").isEqualTo(Reason.EMPTY_CLASS_NAME);
        assertThat(nullName.message()).as("null name message").isEqualTo("Class names must be non-empty, was null at index 1");
        assertThat(emptyName.reason()).as("empty name").isEqualTo(Reason.EMPTY_CLASS_NAME);
        assertThat(emptyName.message()).as("empty name message").isEqualTo("Class names must be non-empty, was '' at index 0");
    }

    @Test
    void rejectsARepeatedNameWithBothPositions() {
        DeadLetterCause r = any.check(new String[] {"a", "b", "a"}, new double[3]);

        assertThat(r.reason()).as("reason").isEqualTo(Reason.DUPLICATE_CLASS);
        assertThat(r.message()).as("message").isEqualTo("Class names must be unique, was 'a' at index 0 and 2");
    }

    @Test
    void fixedListAcceptsAnySubsetInAnyOrder() {
        assertThat(fixed.check(new String[] {"bird", "cat"}, new double[2])).as("subset").isNull();
    }

    @Test
    void fixedListRejectsAnUnknownClass() {
        DeadLetterCause r = fixed.check(new String[] {"cat", "cow"}, new double[2]);

        assertThat(r.reason()).as("reason").isEqualTo(Reason.UNKNOWN_CLASS);
        assertThat(r.message()).as("message").isEqualTo("Class 'cow' at index 1 is not one of the 3 fixed classes [cat, dog, bird]");
    }

    @Test
    void checksRunInTheDocumentedOrder() {
        // Unknown, repeated and too many at once: the limit is checked first, then names, then membership.
        DeadLetterCause r = fixed.check(new String[] {"cow", "cow", "x", "y", "z"}, new double[5]);

        assertThat(r.reason()).as("first failing check").isEqualTo(Reason.TOO_MANY_CLASSES);
        assertThat(fixed.check(new String[] {"cow", "cow"}, new double[2]).reason())
                .as("duplicate before unknown")
                .isEqualTo(Reason.DUPLICATE_CLASS);
    }

    @Test
    void scoresWithNaNAreNonFiniteWithTheIndexFromTheMathCore() {
        DeadLetterCause r = ScoreValidator.checkScores(new double[] {0, 1, Double.NaN}, 3, true);

        assertThat(r.reason()).as("reason").isEqualTo(Reason.NON_FINITE_SCORE);
        assertThat(r.message()).as("message").isEqualTo("Scores must not be NaN, was NaN at index 2");
    }

    @Test
    void allNegativeInfinityIsRejectedOnlyWhenADistributionIsNeeded() {
        double[] scores = {NEG_INF, NEG_INF};

        assertThat(ScoreValidator.checkScores(scores, 2, false).reason())
                .as("softmax needs one finite score")
                .isEqualTo(Reason.ALL_NEGATIVE_INFINITY);
        assertThat(ScoreValidator.checkScores(scores, 2, true)).as("independent sigmoids accept it").isNull();
        assertThat(ScoreValidator.checkScores(new double[] {NEG_INF, Double.POSITIVE_INFINITY}, 2, false))
                .as("one +inf entry")
                .isNull();
    }

    @Test
    void creationRejectsBadSettingsWithReadableMessages() {
        assertThatThrownBy(() -> ScoreValidator.create(null, 0))
                .as("max classes 0")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Max classes must be >= 1, was 0");
        assertThatThrownBy(() -> ScoreValidator.create(new String[0], 5))
                .as("empty fixed list")
                .hasMessage("Fixed classes must hold at least one class name, was empty");
        assertThatThrownBy(() -> ScoreValidator.create(new String[] {"a", "b", "c"}, 2))
                .as("fixed list above the limit")
                .hasMessage("Fixed classes must number at most max classes (2), was 3");
        assertThatThrownBy(() -> ScoreValidator.create(new String[] {"a", ""}, 5))
                .as("empty fixed name")
                .hasMessage("Fixed class names must be non-empty, was '' at index 1");
        assertThatThrownBy(() -> ScoreValidator.create(new String[] {"a", "b", "a"}, 5))
                .as("repeated fixed name")
                .hasMessage("Fixed class names must be unique, was 'a' at index 0 and 2");
    }

    @Test
    void longFixedListsAreAbbreviatedInMessages() {
        String[] classes = new String[12];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = "c" + i;
        }
        ScoreValidator v = ScoreValidator.create(classes, 100);

        assertThat(v.check(new String[] {"x"}, new double[1]).message())
                .as("message")
                .isEqualTo("Class 'x' at index 0 is not one of the 12 fixed classes [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, ...]");
    }

    @Test
    void theFixedListIsCopiedOnCreation() {
        String[] classes = {"a", "b"};
        ScoreValidator v = ScoreValidator.create(classes, 5);
        classes[0] = "z";

        assertThat(v.check(new String[] {"a"}, new double[1])).as("'a' still accepted").isNull();
    }
}
