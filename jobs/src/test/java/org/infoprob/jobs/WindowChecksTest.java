package org.infoprob.jobs;

import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.ScoreEvent;
import org.infoprob.serde.JsonRecordReader;
import org.infoprob.testing.CapturedMetrics;
import org.infoprob.testing.FunctionRun;

import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checks around the windows: {@link WindowTimeCheck} before (what the assigner cannot take
 * becomes a dead letter, not an exception) and {@link LateEventFunction} after (late events
 * become dead letters naming the watermark).
 */
class WindowChecksTest {

    private static final DeadLetterLimits LIMITS = DeadLetterLimits.DEFAULT;

    @Test
    void eventsWithoutATimestampTheWindowCanTakeAreDeadLettersBeforeIt() throws Exception {
        WindowTimeCheck<ClassEvent> check =
                new WindowTimeCheck<>(Duration.ofMinutes(1), EventRejection.CLASS_EVENTS, "window-time", LIMITS);
        long max = JsonRecordReader.MAX_TIMESTAMP;
        Run run = run(check, null, Long.MIN_VALUE, -1L, 0L, max, max + 1, Long.MAX_VALUE);

        assertThat(run.passed).containsExactly(0L, max);
        assertThat(run.rejected).extracting(d -> d.reason)
                .containsExactly("MISSING_TIMESTAMP", "MISSING_TIMESTAMP", "MISSING_TIMESTAMP", "TIMESTAMP_OUT_OF_RANGE",
                        "TIMESTAMP_OUT_OF_RANGE");
        assertThat(run.rejected).extracting(d -> d.rejectedBy).containsOnly("window-time");
        assertThat(run.rejected.get(1).error).isEqualTo("An event-time window needs a timestamp, the event has -9223372036854775808 (none)");
        assertThat(run.rejected.get(3).ts).isEqualTo(max + 1);
        assertThat(run.metrics.count("reason.MISSING_TIMESTAMP.deadLetters")).isEqualTo(3);
    }

    /** A session window of an event at t ends at t + gap; when that overflows, Flink's window ends before it starts. */
    @Test
    void anEventWhoseWindowWouldEndAfterLongMaxValueIsADeadLetter() throws Exception {
        Duration gap = Duration.ofMillis(Long.MAX_VALUE - 1000);
        EventTimeSessionWindows sessions = EventTimeSessionWindows.withGap(gap);
        TimeWindow fits = sessions.assignWindows(null, 1000, null).iterator().next();
        TimeWindow overflows = sessions.assignWindows(null, 1001, null).iterator().next();
        assertThat(fits.getEnd()).isEqualTo(Long.MAX_VALUE);
        assertThat(overflows.getEnd()).as("overflowed").isLessThan(overflows.getStart());

        Run run = run(new WindowTimeCheck<>(gap, EventRejection.CLASS_EVENTS, "window-time", LIMITS), 1000L, 1001L);

        assertThat(run.passed).containsExactly(1000L);
        assertThat(run.rejected).singleElement().satisfies(d -> {
            assertThat(d.reason).isEqualTo("TIMESTAMP_OUT_OF_RANGE");
            assertThat(d.error).isEqualTo("Event time must be at most 1000 to be put into a window of up to 9223372036854774807 ms"
                    + " (later is past 9999-12-31T23:59:59.999Z, or the window's end overflows), was 1001");
        });
    }

    @Test
    void lateEventsAreDeadLettersNamingTheWatermarkTheyMissed() throws Exception {
        LateEventFunction<ScoreEvent> late =
                new LateEventFunction<>("window-softmax-tumbling", Duration.ofSeconds(5), EventRejection.SCORE_EVENTS, LIMITS);
        ScoreEvent e = ScoreEvent.of("sensor-7", 1_000L, new String[] {"cat"}, new double[] {1.0});
        e.topic = "scores";
        e.partition = 1;
        e.offset = 42L;
        CapturedMetrics metrics = new CapturedMetrics();
        try (MockEnvironment environment = metrics.environment();
                OneInputStreamOperatorTestHarness<ScoreEvent, DeadLetter> harness =
                        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(late), environment)) {
            harness.open();
            harness.processWatermark(new Watermark(70_000L));
            harness.processElement(e, 1_000L);
            List<DeadLetter> out = harness.extractOutputValues();
            assertThat(out).singleElement().satisfies(d -> {
                assertThat(d.reason).isEqualTo("LATE_EVENT");
                assertThat(d.rejectedBy).isEqualTo("window-softmax-tumbling");
                assertThat(d.error).isEqualTo("Event time 1000 (1970-01-01T00:00:01Z) arrived after the watermark 70000"
                        + " (1970-01-01T00:01:10Z) had passed the end of every window it belongs to plus the allowed lateness"
                        + " of 5000 ms: those windows were already emitted");
                assertThat(d.key).isEqualTo("sensor-7");
                assertThat(d.ts).isEqualTo(1_000L);
                assertThat(d.topic).isEqualTo("scores");
                assertThat(d.partition).isEqualTo(1);
                assertThat(d.offset).isEqualTo(42L);
            });
        }
        assertThat(metrics.count("reason.LATE_EVENT.deadLetters")).isEqualTo(1);
    }

    private record Run(List<Long> passed, List<DeadLetter> rejected, CapturedMetrics metrics) {}

    /** Class events with these stream timestamps (null: none) through {@code check}; the timestamps that passed. */
    private static Run run(ProcessFunction<ClassEvent, ClassEvent> check, Long... timestamps) throws Exception {
        CapturedMetrics metrics = new CapturedMetrics();
        try (MockEnvironment environment = metrics.environment();
                OneInputStreamOperatorTestHarness<ClassEvent, ClassEvent> harness =
                        new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(check), environment)) {
            harness.open();
            for (Long ts : timestamps) {
                ClassEvent e = ClassEvent.of("user-1", null, "login", 1.0);
                harness.processElement(ts == null ? new StreamRecord<>(e) : new StreamRecord<>(e, ts));
            }
            List<Long> passed = harness.getOutput().stream()
                    .filter(o -> o instanceof StreamRecord)
                    .map(o -> ((StreamRecord<?>) o).getTimestamp())
                    .toList();
            return new Run(passed, FunctionRun.sideOutput(harness), metrics);
        }
    }
}
