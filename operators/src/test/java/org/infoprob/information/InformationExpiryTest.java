package org.infoprob.information;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.RarityEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event-time expiry of {@link InformationFunction}'s state: 64 half-lives after a key's last
 * event, or after the idle timeout, once the watermark passes; nothing on processing time.
 */
class InformationExpiryTest {

    @Test
    void aKeyIsRemoved64HalfLivesAfterItsLastEventAndReturnsFresh() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                harness(InformationFunction.builder().setHalfLife(Duration.ofSeconds(1)).build(), false);
        h.processElement(ClassEvent.of("a", 0L, "x"), 0);
        h.processElement(ClassEvent.of("a", 1_000L, "y"), 1_000);
        h.processElement(ClassEvent.of("a", 500L, "x"), 500); // late: "now" stays 1000
        h.processElement(ClassEvent.of("b", 2_000L, "x"), 2_000);
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        assertThat(h.numEventTimeTimers()).as("one expiry timer per key").isEqualTo(2);

        // a's timer, set at its first event for 0 + 64 s, finds a later event and moves to 65 s.
        h.processWatermark(64_999);
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        h.processWatermark(65_000);
        assertThat(h.numKeyedStateEntries()).as("a's total is 2^-64 of what it was at 1 s").isEqualTo(1);
        h.processWatermark(66_000);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).as("no timer left behind").isZero();

        h.processElement(ClassEvent.of("a", 70_000L, "x"), 70_000);
        RarityEvent back = last(h);
        assertThat(back.firstSeen).as("a returning key starts fresh").isTrue();
        assertThat(back.total).isZero();
        assertThat(back.distinct).isZero();
        assertThat(back.rarity).isZero();
        h.close();
    }

    @Test
    void withoutAHalfLifeTheIdleTimeoutExpiresKeysAndWithBothTheEarlierApplies() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                harness(InformationFunction.builder().setIdleTimeout(Duration.ofMinutes(1)).build(), false);
        h.processElement(ClassEvent.of("a", 0L, "x"), 0);
        h.processElement(ClassEvent.of("a", 30_000L, "x"), 30_000);
        h.processWatermark(89_999);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processWatermark(90_000);
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();

        assertThat(KeyExpiry.delayMillis(1_000, 0)).as("64 half-lives").isEqualTo(64_000);
        assertThat(KeyExpiry.delayMillis(1_000, 10_000)).as("the idle timeout is earlier").isEqualTo(10_000);
        assertThat(KeyExpiry.delayMillis(1_000, 100_000)).isEqualTo(64_000);
        assertThat(KeyExpiry.delayMillis(0, 0)).as("never").isZero();
    }

    @Test
    void processingTimeExpiresNothingWhileTheWatermarkStands() throws Exception {
        // An outage: hours of processing time pass, no event time does. A processing-time TTL
        // would drop every key here; event-time expiry keeps them.
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                harness(InformationFunction.builder().setHalfLife(Duration.ofSeconds(1)).build(), false);
        for (int k = 0; k < 10; k++) {
            h.processElement(ClassEvent.of("k" + k, 1_000L, "x"), 1_000);
        }
        h.processWatermark(1_000);
        h.setProcessingTime(Duration.ofHours(5).toMillis());
        h.setStateTtlProcessingTime(Duration.ofHours(5).toMillis());
        assertThat(h.numKeyedStateEntries()).isEqualTo(10);
        h.close();
    }

    /** System property: one-shot keys of the expiry test on both backends (default: see {@link #keys}). */
    static final String KEYS_PROPERTY = "infoprob.expiry.keys";

    /**
     * A million keys with one event each, in event-time order, with the watermark a second
     * behind (a replayed backlog: the harness's processing time never moves). The state holds
     * only the keys of the last 64 half-lives, and nothing once the watermark has passed them.
     * RocksDB takes about 85 s for a million keys, so a build runs it with 100,000 (every key
     * still expires: 64 s of event time are 64,000 keys); {@code operators/expiry-million-keys.sh}
     * runs both backends with a million ({@value #KEYS_PROPERTY}).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heap", "rocksdb"})
    void aMillionOneShotKeysLeaveNoStateOnceTheWatermarkPassesTheirExpiry(String backend) throws Exception {
        int keys = keys(backend);
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                harness(InformationFunction.builder().setHalfLife(Duration.ofSeconds(1)).build(), backend.equals("rocksdb"));
        long expiry = 64_000;
        int largestSeen = 0;
        for (int i = 0; i < keys; i++) {
            // One key per millisecond: 1,000 s of event time.
            h.processElement(ClassEvent.of("key-" + i, (long) i, "x"), i);
            if (i % 10_000 == 9_999) {
                h.processWatermark(i - 1_000);
                h.getOutput().clear();
                if (i % 20_000 == 19_999) {
                    int entries = entries(h, backend);
                    largestSeen = Math.max(largestSeen, entries);
                    if (i + 1 <= expiry) {
                        assertThat(entries).as("%s after %d keys: none expired yet", backend, i + 1).isEqualTo(i + 1);
                    } else {
                        assertThat(entries)
                                .as("%s after %d keys: those of the last 64 s and of the watermark's lag", backend, i + 1)
                                .isBetween((int) expiry, (int) expiry + 11_000);
                    }
                }
            }
        }
        assertThat(largestSeen).as("%s: the live keys peaked above 64 s of keys", backend).isGreaterThanOrEqualTo((int) expiry);
        h.processWatermark(keys - 1 + expiry);
        assertThat(entries(h, backend)).as("%s: every key expired", backend).isZero();
        assertThat(h.numEventTimeTimers()).as("%s: and left no timer", backend).isZero();
        h.close();
    }

    /** 1,000,000 on the heap, 100,000 on RocksDB, or the value of {@value #KEYS_PROPERTY}. */
    private static int keys(String backend) {
        String keys = System.getProperty(KEYS_PROPERTY);
        if (keys != null && !keys.isBlank()) {
            return Integer.parseInt(keys.trim());
        }
        return backend.equals("heap") ? 1_000_000 : 100_000;
    }

    /**
     * State entries: the harness counts them on the heap backend only; on RocksDB the backend
     * lists the keys that have the operator's state.
     */
    private static int entries(
            KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h, String backend) {
        if (backend.equals("heap")) {
            return h.numKeyedStateEntries();
        }
        KeyedStateBackend<String> state = h.getOperator().getKeyedStateBackend();
        try (Stream<String> keys = state.getKeys("class-counts", VoidNamespace.INSTANCE)) {
            return (int) keys.count();
        }
    }

    private static RarityEvent last(KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h) {
        List<RarityEvent> out = h.extractOutputValues();
        return out.get(out.size() - 1);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> harness(
            InformationFunction fn, boolean rocksDb) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(fn), ClassEvent.keySelector(), Types.STRING);
        if (rocksDb) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        h.open();
        return h;
    }
}
