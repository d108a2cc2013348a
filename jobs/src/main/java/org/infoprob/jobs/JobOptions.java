package org.infoprob.jobs;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.infoprob.scores.ProbabilityOutputBuilder;

/** Turns {@link JobParameters} into operator settings shared by several jobs. */
final class JobOptions {

    private JobOptions() {}

    /** Temperature, log-probabilities and top-k from the flags. */
    static <B extends ProbabilityOutputBuilder<B>> B probabilityOutput(B builder, JobParameters p) {
        return builder.setTemperature(p.temperature()).setLogProbabilities(p.logProbabilities()).setTopK(p.topK());
    }

    /**
     * Event time from the events' {@code ts}, watermarks {@code --out-of-orderness} behind the
     * largest seen, and idle partitions ignored after {@link JobRunner#SOURCE_IDLENESS} so that
     * one silent partition does not stall every window.
     */
    static <T> WatermarkStrategy<T> eventTime(JobParameters p, SerializableTimestampAssigner<T> ts) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(p.outOfOrderness())
                .withTimestampAssigner(ts)
                .withIdleness(JobRunner.SOURCE_IDLENESS);
    }

    /** Session windows if {@code --session-gap} is set, else sliding if {@code --window-slide}, else tumbling. */
    static WindowAssigner<Object, TimeWindow> windows(JobParameters p) {
        if (!p.sessionGap().isZero()) {
            return EventTimeSessionWindows.withGap(p.sessionGap());
        }
        if (!p.windowSlide().isZero()) {
            return SlidingEventTimeWindows.of(p.windowSize(), p.windowSlide());
        }
        return TumblingEventTimeWindows.of(p.windowSize());
    }

    /** A name part describing the window, e.g. {@code tumbling-1min}. */
    static String windowName(JobParameters p) {
        if (!p.sessionGap().isZero()) {
            return "session";
        }
        return p.windowSlide().isZero() ? "tumbling" : "sliding";
    }
}
