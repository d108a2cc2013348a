package org.infoprob.calibration;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.LabelEvent;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The label join, through Flink's keyed two-input operator harness: every row of the outcome
 * table of {@link LabelJoinFunction}, and that nothing of an id is left in state or timers once
 * the watermark passes its wait.
 */
class LabelJoinFunctionTest {

    private static final long TIMEOUT = 60_000;
    private static final String[] CLASSES = {"cat", "dog", "bird"};

    static KeyedTwoInputStreamOperatorTestHarness<String, ScoreEvent, LabelEvent, LabelledScores> harness(
            LabelJoinFunction<ScoreEvent> fn) throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, ScoreEvent, LabelEvent, LabelledScores> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(fn), e -> e.id, l -> l.id, Types.STRING);
        return h;
    }

    private static LabelJoinFunction<ScoreEvent> join() {
        return LabelJoinFunction.forScores().setLabelTimeout(Duration.ofMillis(TIMEOUT)).setName("label-join").build();
    }

    private static ScoreEvent event(String id, long ts) {
        ScoreEvent e = ScoreEvent.of("sensor-7", ts, CLASSES.clone(), new double[] {2.0, 1.0, -0.5});
        e.id = id;
        return e;
    }

    private static List<String> reasons(KeyedTwoInputStreamOperatorTestHarness<?, ?, ?, ?> h) {
        return h.getSideOutput(DeadLetter.TAG) == null ? List.of()
                : h.getSideOutput(DeadLetter.TAG).stream().map(r -> r.getValue().reason).collect(Collectors.toList());
    }

    @Test
    void aLabelAfterItsEventGivesTheTrueClassIndexAndClearsTheWaitAtTheTimeout() throws Exception {
        var h = harness(join());
        h.open();
        h.processElement1(event("e-1", 1_000), 1_000);
        assertThat(h.numKeyedStateEntries()).as("event and deadline").isEqualTo(2);
        h.processElement2(LabelEvent.ofClass("e-1", 5_000, "dog"), 5_000);
        assertThat(h.extractOutputValues())
                .containsExactly(LabelledScores.of("sensor-7", "e-1", 1_000, CLASSES, new double[] {2.0, 1.0, -0.5}, 1));
        assertThat(h.numKeyedStateEntries()).as("only the matched marker (deadline) is left").isEqualTo(1);
        h.processBothWatermarks(new Watermark(1_000 + TIMEOUT - 1));
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processBothWatermarks(new Watermark(1_000 + TIMEOUT));
        assertThat(h.numKeyedStateEntries()).as("nothing left after the timeout").isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(reasons(h)).isEmpty();
        h.close();
    }

    @Test
    void aLabelBeforeItsEventWaitsForIt() throws Exception {
        var h = harness(join());
        h.open();
        h.processElement2(LabelEvent.ofClass("e-2", 900, "bird"), 900);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processElement1(event("e-2", 1_000), 1_000);
        assertThat(h.extractOutputValues()).extracting(x -> x.label).containsExactly(2);
        h.processBothWatermarks(new Watermark(900 + TIMEOUT));
        assertThat(h.numKeyedStateEntries()).as("the wait counts from the first of the pair").isZero();
        h.close();
    }

    @Test
    void anEventWhoseLabelNeverComesCostsNothingAfterTheTimeout() throws Exception {
        var h = harness(join());
        h.open();
        for (int i = 0; i < 100; i++) {
            h.processElement1(event("never-" + i, 1_000 + i), 1_000 + i);
        }
        assertThat(h.numKeyedStateEntries()).isEqualTo(200);
        assertThat(h.numEventTimeTimers()).isEqualTo(100);
        h.processBothWatermarks(new Watermark(1_049 + TIMEOUT));
        assertThat(h.numKeyedStateEntries()).as("the first 50 waits are over").isEqualTo(100);
        h.processBothWatermarks(new Watermark(2_000 + TIMEOUT));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(reasons(h)).as("an unlabelled event is not an error").isEmpty();
        h.close();
    }

    @Test
    void aLabelWithoutItsEventIsADeadLetterAtTheTimeout() throws Exception {
        var h = harness(join());
        h.open();
        h.processElement2(LabelEvent.ofClass("ghost", 3_000, "cat"), 3_000);
        h.processBothWatermarks(new Watermark(3_000 + TIMEOUT - 1));
        assertThat(reasons(h)).isEmpty();
        h.processBothWatermarks(new Watermark(3_000 + TIMEOUT));
        assertThat(reasons(h)).containsExactly(Reason.LABEL_WITHOUT_EVENT.name());
        DeadLetter d = h.getSideOutput(DeadLetter.TAG).peek().getValue();
        assertThat(d.rejectedBy).isEqualTo("label-join");
        assertThat(d.key).as("a label's id stands for its key").isEqualTo("ghost");
        assertThat(d.payload).isEqualTo("{\"id\":\"ghost\",\"ts\":3000,\"label\":\"cat\"}");
        assertThat(d.error).contains("within the label timeout of PT1M");
        assertThat(h.numKeyedStateEntries()).isZero();
        h.processElement1(event("ghost", 70_000), 70_000);
        assertThat(h.extractOutputValues()).as("a late event does not find the expired label").isEmpty();
        h.close();
    }

    @Test
    void aSecondLabelIsADuplicateWhileTheIdIsWaitingOrMatched() throws Exception {
        var h = harness(join());
        h.open();
        h.processElement2(LabelEvent.ofClass("d", 1_000, "cat"), 1_000);
        h.processElement2(LabelEvent.ofClass("d", 1_001, "dog"), 1_001);
        h.processElement1(event("d", 1_002), 1_002);
        h.processElement2(LabelEvent.ofClass("d", 1_003, "dog"), 1_003);
        assertThat(h.extractOutputValues()).extracting(x -> x.label).as("the first label counts").containsExactly(0);
        assertThat(reasons(h)).containsExactly(Reason.DUPLICATE_LABEL.name(), Reason.DUPLICATE_LABEL.name());
        h.processBothWatermarks(new Watermark(1_000 + TIMEOUT));
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void aSecondEventWithTheSameIdIsADuplicate() throws Exception {
        var h = harness(join());
        h.open();
        h.processElement1(event("x", 1_000), 1_000);
        h.processElement1(event("x", 1_500), 1_500);
        h.processElement2(LabelEvent.ofClass("x", 2_000, "cat"), 2_000);
        h.processElement1(event("x", 2_500), 2_500);
        assertThat(h.extractOutputValues()).extracting(x -> x.ts).as("the first event is labelled").containsExactly(1_000L);
        assertThat(reasons(h)).containsExactly(Reason.DUPLICATE_ID.name(), Reason.DUPLICATE_ID.name());
        assertThat(h.getSideOutput(DeadLetter.TAG).peek().getValue().payload).contains("\"id\":\"x\"");
        h.close();
    }

    @Test
    void aLabelItsEventCannotHaveIsRejectedAndTheEventWaitsOn() throws Exception {
        var h = harness(join());
        h.open();
        h.processElement1(event("u", 1_000), 1_000);
        h.processElement2(LabelEvent.ofClass("u", 1_100, "horse"), 1_100);
        h.processElement2(LabelEvent.ofBinary("u", 1_200, true), 1_200);
        assertThat(reasons(h)).containsExactly(Reason.UNKNOWN_LABEL.name(), Reason.UNKNOWN_LABEL.name());
        assertThat(h.getSideOutput(DeadLetter.TAG).peek().getValue().error)
                .isEqualTo("Label 'horse' of id 'u' is not one of the event's 3 classes");
        h.processElement2(LabelEvent.ofClass("u", 1_300, "cat"), 1_300);
        assertThat(h.extractOutputValues()).extracting(x -> x.label).containsExactly(0);

        h.processElement2(LabelEvent.ofClass("v", 2_000, "horse"), 2_000);
        h.processElement1(event("v", 2_100), 2_100);
        assertThat(reasons(h)).hasSize(3).endsWith(Reason.UNKNOWN_LABEL.name());
        h.processElement2(LabelEvent.ofClass("v", 2_200, "bird"), 2_200);
        assertThat(h.extractOutputValues()).extracting(x -> x.label).containsExactly(0, 2);
        h.processBothWatermarks(new Watermark(2_000 + TIMEOUT));
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void binaryScoresTakeYesNoLabels() throws Exception {
        LabelJoinFunction<BinaryScoreEvent> fn = LabelJoinFunction.forBinaryScores().setLabelTimeout(Duration.ofMillis(TIMEOUT)).build();
        KeyedTwoInputStreamOperatorTestHarness<String, BinaryScoreEvent, LabelEvent, LabelledScores> h =
                new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(fn), e -> e.id, l -> l.id, Types.STRING);
        h.open();
        BinaryScoreEvent yes = BinaryScoreEvent.of("k", 1_000, 1.5);
        yes.id = "b-1";
        BinaryScoreEvent no = BinaryScoreEvent.of("k", 1_000, -0.5);
        no.id = "b-2";
        h.processElement1(yes, 1_000);
        h.processElement1(no, 1_000);
        h.processElement2(LabelEvent.ofBinary("b-1", 2_000, true), 2_000);
        h.processElement2(LabelEvent.ofClass("b-2", 2_000, "cat"), 2_000);
        h.processElement2(LabelEvent.ofBinary("b-2", 2_000, false), 2_000);
        assertThat(h.extractOutputValues()).containsExactly(
                LabelledScores.of("k", "b-1", 1_000, null, new double[] {1.5}, 1),
                LabelledScores.of("k", "b-2", 1_000, null, new double[] {-0.5}, 0));
        assertThat(reasons(h)).containsExactly(Reason.UNKNOWN_LABEL.name());
        h.close();
    }

    @Test
    void waitsSurviveASnapshotAndRestore() throws Exception {
        LabelJoinFunction<ScoreEvent> fn = join();
        var original = harness(fn);
        original.open();
        original.processElement1(event("a", 1_000), 1_000);
        original.processElement2(LabelEvent.ofClass("b", 1_000, "cat"), 1_000);
        OperatorSubtaskState snapshot = original.snapshot(1L, 1L);
        original.close();

        var restored = harness(fn);
        restored.initializeState(snapshot);
        restored.open();
        assertThat(restored.numKeyedStateEntries()).isEqualTo(4);
        restored.processElement2(LabelEvent.ofClass("a", 2_000, "dog"), 2_000);
        restored.processElement1(event("b", 2_000), 2_000);
        assertThat(restored.extractOutputValues()).extracting(x -> x.id + ":" + x.label).containsExactly("a:1", "b:0");
        restored.processBothWatermarks(new Watermark(1_000 + TIMEOUT));
        assertThat(restored.numKeyedStateEntries()).as("restored timers clean up").isZero();
        restored.close();
    }

    @Test
    void builderRejectsABadTimeout() {
        assertThatThrownBy(() -> LabelJoinFunction.forScores().setLabelTimeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Label timeout must be > 0, was PT0S");
        assertThatThrownBy(() -> LabelJoinFunction.forScores().setLabelTimeout(Duration.ofNanos(10)).build())
                .hasMessage("Label timeout must be at least 1 ms, was PT0.00000001S");
        assertThatThrownBy(() -> LabelJoinFunction.forScores().setLabelTimeout(null).build())
                .hasMessage("Label timeout must be > 0, was null");
        assertThat(LabelJoinFunction.forScores().build().labelTimeoutMillis()).isEqualTo(3_600_000L);
    }
}
