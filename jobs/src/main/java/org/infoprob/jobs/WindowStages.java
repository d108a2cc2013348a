package org.infoprob.jobs;

import org.infoprob.jobs.options.EventTimeOptions;
import org.infoprob.jobs.options.WindowOptions;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The stages both window jobs put around their window, with their uids (savepoints depend on
 * them): event time and the {@link WindowTimeCheck} before the window, and the late events
 * turned into dead letters ({@link LateEventFunction}) after it.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ScoreEvent> timed =
 *         WindowStages.timed(scores, eventTime, (e, t) -> e.ts, window, EventRejection.SCORE_EVENTS, limits);
 * DataStream<DeadLetter> late = WindowStages.lateEvents(windows, lateTag, name, window, EventRejection.SCORE_EVENTS, limits);
 * }</pre>
 */
final class WindowStages {

    private WindowStages() {}

    /**
     * {@code events} with watermarks from {@code eventTime} ({@code "event-time"}), then the events
     * without a time a window can take sent to the dead letters ({@code "window-time"}).
     */
    static <E> SingleOutputStreamOperator<E> timed(
            DataStream<E> events,
            EventTimeOptions eventTime,
            SerializableTimestampAssigner<E> timestamps,
            WindowOptions window,
            EventRejection<E> rejection,
            DeadLetterLimits limits) {
        return events.assignTimestampsAndWatermarks(eventTime.watermarks(timestamps))
                .name("event-time")
                .uid("event-time")
                .process(new WindowTimeCheck<>(window.length(), rejection, "window-time", limits))
                .name("window-time")
                .uid("window-time");
    }

    /** The events {@code windows} put out as too late on {@code late}, as dead letters ({@code name + "-late-events"}). */
    static <E> SingleOutputStreamOperator<DeadLetter> lateEvents(
            SingleOutputStreamOperator<?> windows,
            OutputTag<E> late,
            String name,
            WindowOptions window,
            EventRejection<E> rejection,
            DeadLetterLimits limits) {
        return windows.getSideOutput(late)
                .process(new LateEventFunction<>(name, window.allowedLateness(), rejection, limits))
                .name(name + "-late-events")
                .uid(name + "-late-events");
    }
}
