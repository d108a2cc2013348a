package org.infoprob.serde;

import org.infoprob.model.ClassDistribution;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDistributionSerializerTest {

    /** Counts a = 2, b = 1 with additive smoothing a = 1: D = 3 + 1 * 3 = 6, p = 3/6, 2/6, unseen 1/6. */
    private static ClassDistribution twoClasses() {
        ClassDistribution d = new ClassDistribution();
        d.key = "user-1";
        d.classNames = new String[] {"a", "b"};
        d.counts = new double[] {2, 1};
        d.countErrors = new double[] {0, 0.5};
        d.probabilities = new double[] {0.5, 0.25};
        d.surprisals = new double[] {0.75, 1.5};
        d.scores = new double[] {0, 0.75};
        d.rarities = new double[] {0.125, 0.375};
        d.total = 3;
        d.distinct = 2;
        d.entropy = 1.25;
        d.unseenProbability = 0.25;
        d.unseenRarity = 0.5;
        d.countError = 0.0625;
        return d;
    }

    private static String json(ClassDistribution d) {
        return new String(new ClassDistributionSerializer().serialize(d), StandardCharsets.UTF_8);
    }

    @Test
    void runningDistributionHasNoWindowBoundsAndLeavesOutAMissingTime() {
        String classes = "\"classes\":[{\"class\":\"a\",\"count\":2.0,\"countError\":0.0,\"probability\":0.5,"
                + "\"surprisal\":0.75,\"score\":0.0,\"rarity\":0.125},{\"class\":\"b\",\"count\":1.0,\"countError\":0.5,"
                + "\"probability\":0.25,\"surprisal\":1.5,\"score\":0.75,\"rarity\":0.375}]}";
        String totals = "\"total\":3.0,\"distinct\":2,\"entropy\":1.25,\"unseenProbability\":0.25,\"unseenRarity\":0.5,"
                + "\"countError\":0.0625,";
        ClassDistribution d = twoClasses();
        assertThat(json(d)).as("no time").isEqualTo("{\"key\":\"user-1\"," + totals + classes);
        d.ts = 59_999L;
        assertThat(json(d)).as("with a time").isEqualTo("{\"key\":\"user-1\",\"ts\":59999," + totals + classes);
    }

    @Test
    void windowResultCarriesItsBoundsAfterTheTime() {
        ClassDistribution d = twoClasses();
        d.ts = 59_999L;
        d.windowStart = 0L;
        d.windowEnd = 60_000L;
        assertThat(json(d))
                .startsWith("{\"key\":\"user-1\",\"ts\":59999,\"windowStart\":0,\"windowEnd\":60000,\"total\":3.0,");
    }

    @Test
    void emptyDistributionWritesAnEmptyClassArray() {
        ClassDistribution d = twoClasses();
        d.classNames = new String[0];
        assertThat(json(d)).endsWith("\"countError\":0.0625,\"classes\":[]}");
    }
}
