package org.infoprob.serde;

import org.infoprob.model.ProbabilityEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProbabilityEventSerializerTest {

    @Test
    void writesProbabilitiesInClassOrderAndOnlyTheOptionalPartsThatExist() {
        ProbabilityEvent e = new ProbabilityEvent();
        e.key = "sensor-7";
        e.ts = 17;
        e.classes = new String[] {"cat", "dog"};
        e.probabilities = new double[] {0.75, 0.25};
        e.top = "cat";
        e.topProbability = 0.75;
        e.entropy = 0.5;
        e.margin = Double.NaN;
        ProbabilityEventSerializer json = new ProbabilityEventSerializer();
        assertThat(new String(json.serialize(e), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"key\":\"sensor-7\",\"ts\":17,\"probabilities\":{\"cat\":0.75,\"dog\":0.25},"
                                + "\"top\":\"cat\",\"topProbability\":0.75,\"entropy\":0.5}");
        e.logProbabilities = new double[] {-0.25, Double.NEGATIVE_INFINITY};
        e.topK = new String[] {"cat"};
        e.topKProbabilities = new double[] {0.75};
        e.windowStart = 0L;
        e.windowEnd = 60_000L;
        e.count = 3L;
        assertThat(new String(json.serialize(e), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"key\":\"sensor-7\",\"ts\":17,\"probabilities\":{\"cat\":0.75,\"dog\":0.25},"
                                + "\"logProbabilities\":{\"cat\":-0.25,\"dog\":\"-Infinity\"},"
                                + "\"top\":\"cat\",\"topProbability\":0.75,\"topK\":[{\"class\":\"cat\",\"probability\":0.75}],"
                                + "\"entropy\":0.5,\"windowStart\":0,\"windowEnd\":60000,\"count\":3}");
    }
}
