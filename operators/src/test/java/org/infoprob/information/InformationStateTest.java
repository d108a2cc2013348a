package org.infoprob.information;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.CheckpointOptions;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.CheckpointStreamFactory;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFinalizer;
import org.apache.flink.streaming.api.operators.OperatorSnapshotFutures;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.infoprob.model.ClassDistribution;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.RarityEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** State of {@link InformationFunction}: TTL, snapshot and restore, rescaling. */
class InformationStateTest {

    private static final int MAX_PARALLELISM = 128;

    @Test
    void stateTtlRemovesIdleKeys() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                InformationFunctionTest.harness(
                        InformationFunction.builder().setStateTtl(Duration.ofMinutes(1)).build());
        h.setStateTtlProcessingTime(0);
        h.processElement(ClassEvent.of("a", 1L, "x"), 1);
        h.processElement(ClassEvent.of("b", 2L, "x"), 2);
        h.processElement(ClassEvent.of("b", 3L, "y"), 3);
        assertThat(h.numKeyedStateEntries()).as("one entry per key, not per class").isEqualTo(2);

        h.setStateTtlProcessingTime(30_000);
        h.processElement(ClassEvent.of("b", 4L, "x"), 4);
        h.setStateTtlProcessingTime(61_000);
        assertThat(recordsUntilEntriesDropTo(h, 1)).as("a expired, b still fresh").isLessThan(1000);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);

        h.setStateTtlProcessingTime(91_000);
        assertThat(recordsUntilEntriesDropTo(h, 0)).as("b expired too").isLessThan(1000);
        assertThat(h.numKeyedStateEntries()).as("all expired state cleaned up").isZero();

        h.processElement(ClassEvent.of("b", 7L, "x"), 7);
        List<RarityEvent> out = h.extractOutputValues();
        RarityEvent fresh = out.get(out.size() - 1);
        assertThat(fresh.firstSeen).as("b starts over").isTrue();
        assertThat(fresh.total).isEqualTo(0.0);
        h.close();
    }

    @Test
    void snapshotAndRestoreGiveIdenticalSubsequentOutputs() throws Exception {
        List<ClassEvent> events = randomEvents(11, 600, 4, 12);
        int cut = 250;
        InformationFunction fn =
                InformationFunction.builder()
                        .setHalfLife(Duration.ofSeconds(2))
                        .setMaxClassesPerKey(8)
                        .setDistributionEveryEvents(7)
                        .setDistributionInterval(Duration.ofSeconds(5))
                        .build();

        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> original =
                harness(fn, 1, 0);
        original.open();
        feed(original, events.subList(0, cut));
        OperatorSubtaskState snapshot = original.snapshot(1L, 1L);
        original.getOutput().clear();
        original.getSideOutput(InformationFunction.DISTRIBUTIONS).clear();
        feed(original, events.subList(cut, events.size()));
        List<RarityEvent> expected = original.extractOutputValues();
        List<ClassDistribution> expectedDistributions = InformationFunctionTest.distributions(original);
        original.close();

        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> restored =
                restoreAndFeed(fn, snapshot, events.subList(cut, events.size()));
        assertThat(restored.extractOutputValues()).as("outputs after restore").isEqualTo(expected);
        // Timers of different keys with the same time may fire in another order after a
        // restore (Flink's timer queue), so distributions are compared key by key.
        List<ClassDistribution> distributions = InformationFunctionTest.distributions(restored);
        assertThat(distributions).as("distributions after restore").hasSameSizeAs(expectedDistributions);
        for (int k = 0; k < 4; k++) {
            String key = "key-" + k;
            assertThat(distributions.stream().filter(d -> d.key.equals(key)))
                    .as("distributions of %s after restore, per count and per timer", key)
                    .isNotEmpty()
                    .containsExactlyElementsOf(
                            expectedDistributions.stream().filter(d -> d.key.equals(key)).collect(Collectors.toList()));
        }
        restored.close();
    }

    @Test
    void aHalfLifeChangedOnRestoreDecaysTheCountsOfTheSnapshotWithTheNewOneFromThenOn() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> original =
                harness(InformationFunction.builder().setHalfLife(Duration.ofSeconds(1)).build(), 1, 0);
        original.open();
        original.processElement(ClassEvent.of("k", 0L, "a"), 0);
        original.processElement(ClassEvent.of("k", 1_000L, "b"), 1_000);
        OperatorSubtaskState snapshot = original.snapshot(1L, 1L);
        original.close();

        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> restored =
                harness(InformationFunction.builder().setHalfLife(Duration.ofSeconds(4)).build(), 1, 0);
        restored.initializeState(snapshot);
        restored.open();
        restored.processElement(ClassEvent.of("k", 5_000L, "a", 0.0), 5_000);
        restored.processElement(ClassEvent.of("k", 5_000L, "b", 0.0), 5_000);
        List<RarityEvent> out = restored.extractOutputValues();
        // As of the last event (1 s) under h = 1 s: a = 2^-1 = 0.5, b = 1. From then on h = 4 s:
        // 4 s later one half-life has passed: a = 0.25, b = 0.5.
        assertThat(out.get(0).count).isCloseTo(0.25, within(1e-15));
        assertThat(out.get(1).count).isCloseTo(0.5, within(1e-15));
        assertThat(out.get(1).total).isCloseTo(0.75, within(1e-15));
        // Expiry follows the new half-life too: the timer set for 0 + 64 s under h = 1 s finds
        // 5 s + 64 * 4 s and waits for it.
        restored.processWatermark(64_000);
        assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
        restored.processWatermark(5_000 + 64 * 4_000 - 1);
        assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
        restored.processWatermark(5_000 + 64 * 4_000);
        assertThat(restored.numKeyedStateEntries()).isZero();
        restored.close();
    }

    @Test
    void anAsynchronousSnapshotSeesNoneOfTheChangesMadeAfterIt() throws Exception {
        // On the heap backend value() hands out the stored object, and the operator changes it
        // in place before update(). The snapshot's asynchronous part (serialization) runs here
        // only after 350 more events have changed the same keys: the restored state must be the
        // one of the moment of the snapshot (Flink copies an entry a snapshot still holds on
        // access, with ClassCountsSerializer.copy), so the restored operator repeats the
        // original's outputs. A copy() that returns its argument makes this fail.
        List<ClassEvent> events = randomEvents(29, 600, 4, 12);
        int cut = 250;
        InformationFunction fn = InformationFunction.builder().setHalfLife(Duration.ofSeconds(2)).build();

        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> original =
                harness(fn, 1, 0);
        original.open();
        feed(original, events.subList(0, cut));
        CheckpointStreamFactory streams =
                new JobManagerCheckpointStorage()
                        .createCheckpointStorage(new JobID())
                        .resolveCheckpointStorageLocation(
                                1L, CheckpointOptions.forCheckpointWithDefaultLocation().getTargetLocation());
        OperatorSnapshotFutures pending =
                original.getOperator()
                        .snapshotState(1L, 1L, CheckpointOptions.forCheckpointWithDefaultLocation(), streams);
        original.getOutput().clear();
        feed(original, events.subList(cut, events.size()));
        List<RarityEvent> expected = original.extractOutputValues();
        OperatorSubtaskState snapshot = OperatorSnapshotFinalizer.create(pending).getJobManagerOwnedState();
        original.close();

        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> restored =
                restoreAndFeed(fn, snapshot, events.subList(cut, events.size()));
        assertThat(restored.extractOutputValues())
                .as("outputs after restoring the snapshot taken before them")
                .isEqualTo(expected);
        restored.close();
    }

    @Test
    void restoreAtParallelismTwoKeepsEveryKeysCounts() throws Exception {
        List<ClassEvent> events = randomEvents(5, 2000, 30, 6);
        Map<String, Map<String, Double>> counts = new HashMap<>();
        for (ClassEvent e : events) {
            counts.computeIfAbsent(e.key, k -> new HashMap<>()).merge(e.className, e.weight, Double::sum);
        }
        InformationFunction fn = InformationFunction.builder().build();
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> single = harness(fn, 1, 0);
        single.open();
        feed(single, events);
        OperatorSubtaskState snapshot = single.snapshot(1L, 1L);
        single.close();

        int keysSeen = 0;
        for (int subtask = 0; subtask < 2; subtask++) {
            OperatorSubtaskState part =
                    AbstractStreamOperatorTestHarness.repartitionOperatorState(
                            snapshot, MAX_PARALLELISM, 1, 2, subtask);
            KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h =
                    harness(fn, 2, subtask);
            h.initializeState(part);
            h.open();
            int owned = 0;
            for (Map.Entry<String, Map<String, Double>> key : counts.entrySet()) {
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(key.getKey(), MAX_PARALLELISM, 2) != subtask) {
                    continue;
                }
                owned++;
                double total = key.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
                for (Map.Entry<String, Double> cls : key.getValue().entrySet()) {
                    h.processElement(ClassEvent.of(key.getKey(), 10_000L, cls.getKey(), 0.0), 10_000);
                    RarityEvent r = last(h);
                    assertThat(r.count).as("%s/%s on subtask %d", key.getKey(), cls.getKey(), subtask)
                            .isEqualTo(cls.getValue(), within(1e-9));
                    assertThat(r.total).isEqualTo(total, within(1e-9));
                    assertThat(r.distinct).isEqualTo(key.getValue().size());
                    assertThat(r.firstSeen).isFalse();
                }
            }
            assertThat(owned).as("subtask %d owns keys", subtask).isPositive();
            assertThat(h.numKeyedStateEntries()).as("subtask %d holds only its keys", subtask).isEqualTo(owned);
            keysSeen += owned;
            h.close();
        }
        assertThat(keysSeen).isEqualTo(counts.size());
    }

    /**
     * The heap backend drops expired entries incrementally, a few per record (the TTL is set to
     * clean up on every record): feeds invalid records, which write no state of their own, until
     * the entry count drops to {@code target}; returns how many it took (1000 = gave up).
     */
    private static int recordsUntilEntriesDropTo(
            KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h, int target)
            throws Exception {
        int records = 0;
        while (h.numKeyedStateEntries() > target && records < 1000) {
            h.processElement(ClassEvent.of("other-key", 5L, ""), 5);
            records++;
        }
        return records;
    }

    private static RarityEvent last(KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h) {
        List<RarityEvent> out = h.extractOutputValues();
        return out.get(out.size() - 1);
    }

    private static List<ClassEvent> randomEvents(long seed, int n, int keys, int classes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<ClassEvent> events = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < n; i++) {
            t += rnd.nextLong(0, 400);
            long ts = rnd.nextInt(10) == 0 ? t - rnd.nextLong(0, 3000) : t;
            int k = Math.min(classes - 1, (int) Math.floor(-Math.log(rnd.nextDouble()) * 3));
            events.add(ClassEvent.of("key-" + rnd.nextInt(keys), ts, "c" + k, 0.25 + rnd.nextDouble()));
        }
        return events;
    }

    /** A new operator restored from {@code snapshot}, fed {@code events}: one output per event. */
    private static KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> restoreAndFeed(
            InformationFunction fn, OperatorSubtaskState snapshot, List<ClassEvent> events) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> restored = harness(fn, 1, 0);
        restored.initializeState(snapshot);
        restored.open();
        feed(restored, events);
        assertThat(restored.extractOutputValues()).as("one output per event after restore").hasSize(events.size());
        return restored;
    }

    /** Events with their timestamps, and a watermark after each (so timers fire in between). */
    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> h, List<ClassEvent> events)
            throws Exception {
        long watermark = Long.MIN_VALUE;
        for (ClassEvent e : events) {
            h.processElement(e, e.ts);
            if (e.ts - 3000 > watermark) {
                watermark = e.ts - 3000;
                h.processWatermark(watermark);
            }
        }
        assertThat(h.getSideOutput(DeadLetter.TAG)).as("all events valid").isNull();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> harness(
            InformationFunction fn, int parallelism, int subtask) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(fn),
                ClassEvent.keySelector(),
                Types.STRING,
                MAX_PARALLELISM,
                parallelism,
                subtask);
    }
}
