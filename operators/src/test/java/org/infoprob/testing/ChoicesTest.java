package org.infoprob.testing;

import com.code_intelligence.jazzer.driver.FuzzedDataProviderImpl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Choices.Recording} writes data from which Jazzer's own {@code FuzzedDataProvider} (the
 * one the {@code @FuzzTest} targets get) returns exactly the recorded choices: the committed
 * seed corpus and the hex data of a failing pseudo-random input depend on it.
 */
class ChoicesTest {

    @Test
    void jazzersProviderReplaysRecordedChoices() {
        SplittableRandom script = new SplittableRandom(7);
        for (int run = 0; run < 200; run++) {
            long seed = script.nextLong();
            Choices.Recording recording = Choices.recording(new SplittableRandom(seed));
            List<Object> recorded = choose(recording, new SplittableRandom(seed));
            try (FuzzedDataProviderImpl data = FuzzedDataProviderImpl.withJavaData(recording.bytes())) {
                List<Object> replayed = choose(Choices.of(data), new SplittableRandom(seed));
                assertThat(replayed).as("run %d", run).isEqualTo(recorded);
            }
        }
    }

    @Test
    void writtenChoicesReplayToo() {
        Choices.Recording c = Choices.recording();
        c.integer(5, 6);
        c.integer(300, 300);
        c.integer(-2L, -1L);
        c.bytes(new byte[] {1, 2, 3});
        c.rest(new byte[] {9, 8});
        try (FuzzedDataProviderImpl data = FuzzedDataProviderImpl.withJavaData(c.bytes())) {
            Choices replay = Choices.of(data);
            assertThat(replay.nextInt(7)).isEqualTo(5);
            assertThat(replay.nextInt(301)).isEqualTo(300);
            assertThat(replay.nextLong()).isEqualTo(-2L);
            assertThat(replay.bytes(3)).containsExactly(1, 2, 3);
            assertThat(replay.rest(10)).containsExactly(9, 8);
        }
    }

    @Test
    void noChoiceAfterTheRest() {
        Choices.Recording c = Choices.recording(new SplittableRandom(1));
        c.rest(5);
        assertThatThrownBy(() -> c.nextInt(2)).isInstanceOf(IllegalStateException.class);
    }

    /** A mix of every kind of choice, the kinds and bounds drawn from {@code script}. */
    private static List<Object> choose(Choices c, SplittableRandom script) {
        List<Object> out = new ArrayList<>();
        for (int n = script.nextInt(30); n > 0; n--) {
            switch (script.nextInt(4)) {
                case 0:
                    out.add(c.nextInt(1 + script.nextInt(Integer.MAX_VALUE)));
                    break;
                case 1:
                    out.add(c.nextInt(1 + script.nextInt(300)));
                    break;
                case 2:
                    out.add(script.nextBoolean() ? c.nextLong() : c.nextLong(1 + script.nextLong(Long.MAX_VALUE)));
                    break;
                default:
                    out.add(Arrays.toString(c.bytes(script.nextInt(40))));
            }
        }
        out.add(Arrays.toString(c.rest(script.nextInt(60))));
        return out;
    }
}
