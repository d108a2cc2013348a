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

    /**
     * The rule of operators/README.md ("changing the half-life on restore keeps the counts as of
     * the key's last event and decays them with the new half-life from then on") through the
     * operator, every output field by hand. Snapshot under h = 1 s after a@0 and b@1 s: a =
     * 2^-1 = 0.5, b = 1 as of 1 s. Restored with h = 4 s:
     * <ul>
     *   <li>a@5 s: 4 s = one new half-life later a = 0.25, b = 0.5, C = 0.75, V = 2; a = 1 (alpha):
     *       denominator C + a(V + 1) = 3.75, p_a = 1.25/3.75 = 1/3, p_b = 1.5/3.75 = 2/5 (the
     *       reference), unseen 1/3.75 = 4/15; surprisal ln 3, score ln(p_b/p_a) = ln 1.2; rarity
     *       (1/q_a) / (1/q_a + 1/q_b + 1) with q = c + 1: 0.8 / (0.8 + 2/3 + 1) = 12/37; entropy
     *       -(1/3 ln 1/3 + 2/5 ln 2/5 + 4/15 ln 4/15) = 1.0851886129676505 (Python 3 math.log).
     *       Then a = 1.25.</li>
     *   <li>b@3 s, late by 2 s: scored at now = 5 s, b = 0.5, C = 1.75: p_b = 1.5/4.75 = 6/19;
     *       counted with weight 2^{-2/4} = 0.7071067811865476 at now, so b = 1.2071067811865475.</li>
     *   <li>c@9 s, weight 0: one more half-life, a = 0.625, b = 0.6035533905932737, C =
     *       1.2285533905932737; c is new: p_c = 1 / (C + 3) = 0.23648749528019986.</li>
     * </ul>
     * Had the restore kept h = 1 s, the first event would see a = 2^-5, b = 2^-4.
     */
    @Test
    void aHalfLifeChangedOnRestoreGivesTheHandComputedOutputsOfTheNewHalfLife() throws Exception {
        OperatorSubtaskState snapshot = snapshotAfterAAndB(Duration.ofSeconds(1));
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> restored =
                harness(InformationFunction.builder().setHalfLife(Duration.ofSeconds(4)).build(), 1, 0);
        restored.initializeState(snapshot);
        restored.open();
        restored.processElement(ClassEvent.of("k", 5_000L, "a"), 5_000);
        restored.processElement(ClassEvent.of("k", 3_000L, "b"), 3_000);
        restored.processElement(ClassEvent.of("k", 9_000L, "c", 0.0), 9_000);
        List<RarityEvent> out = restored.extractOutputValues();
        assertThat(out).hasSize(3);

        RarityEvent a = out.get(0);
        assertThat(a.count).as("a: 0.5 as of 1 s, one 4 s half-life later").isCloseTo(0.25, within(1e-16));
        assertThat(a.total).isCloseTo(0.75, within(1e-16));
        assertThat(a.distinct).isEqualTo(2);
        assertThat(a.probability).isCloseTo(1.0 / 3, within(1e-16));
        assertThat(a.surprisal).isCloseTo(Math.log(3), within(1e-15));
        assertThat(a.surprisalBits).isCloseTo(Math.log(3) / Math.log(2), within(1e-15));
        assertThat(a.oneIn).isCloseTo(3.0, within(1e-15));
        assertThat(a.reference).isEqualTo("b");
        assertThat(a.score).isCloseTo(Math.log(1.2), within(1e-15));
        assertThat(a.rarity).isCloseTo(12.0 / 37, within(1e-16));
        assertThat(a.entropy).isCloseTo(1.0851886129676505, within(1e-15));
        assertThat(a.firstSeen).isFalse();
        assertThat(a.countError).isZero();

        RarityEvent late = out.get(1);
        assertThat(late.ts).isEqualTo(3_000L);
        assertThat(late.count).isCloseTo(0.5, within(1e-16));
        assertThat(late.total).isCloseTo(1.75, within(1e-16));
        assertThat(late.probability).isCloseTo(6.0 / 19, within(1e-16));

        RarityEvent c = out.get(2);
        assertThat(c.firstSeen).isTrue();
        assertThat(c.count).isZero();
        assertThat(c.total).as("(1.25 + 0.5 + 2^-1/2) / 2").isCloseTo(1.2285533905932737, within(1e-15));
        assertThat(c.distinct).isEqualTo(2);
        assertThat(c.probability).isCloseTo(0.23648749528019986, within(1e-16));
        assertThat(c.reference).as("a = 0.625 against b = 0.6036").isEqualTo("a");
        restored.close();
    }

    /**
     * The same rule with decay switched off and on. Off: the counts as of the last event (a = 0.5,
     * b = 1 under h = 1 s) stay as they are, however late the next event. On: counts of a job
     * without decay (a = b = 1 at 1 s) decay from the key's last event, so 4 s later under h =
     * 2 s they are 1/4 each.
     */
    @Test
    void decaySwitchedOffOrOnAtARestoreStartsFromTheCountsAsOfTheLastEvent() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> off =
                harness(InformationFunction.builder().build(), 1, 0);
        off.initializeState(snapshotAfterAAndB(Duration.ofSeconds(1)));
        off.open();
        off.processElement(ClassEvent.of("k", 100_000L, "a", 0.0), 100_000);
        RarityEvent frozen = last(off);
        assertThat(frozen.count).isCloseTo(0.5, within(1e-16));
        assertThat(frozen.total).isCloseTo(1.5, within(1e-16));
        off.close();

        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> on =
                harness(InformationFunction.builder().setHalfLife(Duration.ofSeconds(2)).build(), 1, 0);
        on.initializeState(snapshotAfterAAndB(Duration.ZERO));
        on.open();
        on.processElement(ClassEvent.of("k", 5_000L, "a", 0.0), 5_000);
        RarityEvent decayed = last(on);
        assertThat(decayed.count).isCloseTo(0.25, within(1e-16));
        assertThat(decayed.total).isCloseTo(0.5, within(1e-16));
        on.close();
    }

    /** A snapshot of key k after a@0 and b@1 s, with half-life {@code halfLife} (zero: no decay). */
    private static OperatorSubtaskState snapshotAfterAAndB(Duration halfLife) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, ClassEvent, RarityEvent> original =
                harness(InformationFunction.builder().setHalfLife(halfLife).build(), 1, 0);
        original.open();
        original.processElement(ClassEvent.of("k", 0L, "a"), 0);
        original.processElement(ClassEvent.of("k", 1_000L, "b"), 1_000);
        OperatorSubtaskState snapshot = original.snapshot(1L, 1L);
        original.close();
        return snapshot;
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
