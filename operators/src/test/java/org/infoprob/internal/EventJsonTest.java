package org.infoprob.internal;

import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.LabelEvent;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dead-letter payloads: every field, escapes, null and non-finite values. */
class EventJsonTest {

    @Test
    void classEventRendersEveryFieldWithTheClassField() {
        ClassEvent e = ClassEvent.of("user \"1\"", 5L, "a\\b\n", Double.NaN);
        e.topic = "t";
        e.partition = 3;
        e.offset = 42L;
        assertThat(EventJson.of(e))
                .isEqualTo(
                        "{\"key\":\"user \\\"1\\\"\",\"ts\":5,\"class\":\"a\\\\b\\n\","
                                + "\"weight\":\"NaN\"}");
        assertThat(EventJson.of(ClassEvent.of(null, null, "x", 2.0)))
                .as("null fields are written as null, like the score events do")
                .isEqualTo("{\"key\":null,\"ts\":null,\"class\":\"x\",\"weight\":2.0}");
    }

    @Test
    void scoreEventJsonKeepsParallelArraysAndShowsNonFiniteScoresAsStrings() {
        ScoreEvent e = ScoreEvent.of("se\"n\\s", 1L, new String[] {"a", "a", null}, new double[] {0.5, Double.NaN});

        assertThat(EventJson.of(e))
                .as("rendering of a record with a repeated name, a null name and a length mismatch")
                .isEqualTo("{\"key\":\"se\\\"n\\\\s\",\"ts\":1,\"classes\":[\"a\",\"a\",null],\"scores\":[0.5,\"NaN\"]}");
    }

    @Test
    void binaryScoreEventJsonUsesTheKafkaFormat() {
        assertThat(EventJson.of(BinaryScoreEvent.of("k", 2L, Double.NEGATIVE_INFINITY)))
                .as("binary score rendering")
                .isEqualTo("{\"key\":\"k\",\"ts\":2,\"score\":\"-Infinity\"}");
    }

    @Test
    void anIdIsWrittenAfterTheKeyOnlyWhenSet() {
        ScoreEvent e = ScoreEvent.of("k", 1L, new String[] {"a"}, new double[] {0.5});
        e.id = "e-42";
        assertThat(EventJson.of(e)).isEqualTo("{\"key\":\"k\",\"id\":\"e-42\",\"ts\":1,\"classes\":[\"a\"],\"scores\":[0.5]}");
        BinaryScoreEvent b = BinaryScoreEvent.of("k", 2L, 1.0);
        b.id = "7";
        assertThat(EventJson.of(b)).isEqualTo("{\"key\":\"k\",\"id\":\"7\",\"ts\":2,\"score\":1.0}");
    }

    @Test
    void labelsRenderTheirLabelAsItCame() {
        assertThat(EventJson.of(LabelEvent.ofClass("e-42", 3L, "cat")))
                .isEqualTo("{\"id\":\"e-42\",\"ts\":3,\"label\":\"cat\"}");
        assertThat(EventJson.of(LabelEvent.ofBinary("e-43", 4L, false)))
                .isEqualTo("{\"id\":\"e-43\",\"ts\":4,\"label\":false}");
    }

    @Test
    void probabilityEventJsonShowsEveryField() {
        ProbabilityEvent e = new ProbabilityEvent();
        e.key = "k";
        e.classes = new String[] {"a"};
        e.probabilities = new double[] {1.0};
        e.top = "a";
        e.topProbability = 1.0;
        e.entropy = 0.0;
        e.margin = Double.NaN;
        e.count = 3L;

        assertThat(EventJson.of(e))
                .as("probability rendering")
                .isEqualTo(
                        "{\"key\":\"k\",\"ts\":0,\"classes\":[\"a\"],\"probabilities\":[1.0],"
                                + "\"logProbabilities\":null,\"top\":\"a\",\"topProbability\":1.0,"
                                + "\"topK\":null,\"topKProbabilities\":null,\"entropy\":0.0,"
                                + "\"margin\":\"NaN\",\"windowStart\":null,\"windowEnd\":null,\"count\":3}");
    }
}
