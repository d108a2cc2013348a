package org.infoprob.jobs.options;

import org.apache.flink.streaming.api.windowing.assigners.EventTimeSessionWindows;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * Event-time windows: sessions if {@code --session-gap} is set, else sliding if {@code
 * --window-slide} is, else tumbling of {@code --window-size}.
 */
public final class WindowOptions {

    @Option(names = "--window-size", paramLabel = "DURATION", defaultValue = "1 min",
            description = "event-time window length (default: ${DEFAULT-VALUE})")
    private Duration size;

    @Option(names = "--window-slide", paramLabel = "DURATION", defaultValue = "0",
            description = "slide of a sliding window; 0: tumbling (default: ${DEFAULT-VALUE})")
    private Duration slide;

    @Option(names = "--session-gap", paramLabel = "DURATION", defaultValue = "0",
            description = "session windows with this gap instead of tumbling or sliding ones; 0: off (default: ${DEFAULT-VALUE})")
    private Duration sessionGap;

    /** Flink's window assigners check the durations. */
    public void validate(CommandLine cmd) {
        String flags = kind().equals("sliding") ? "--window-size, --window-slide" : "--window-size";
        Flags.check(cmd, kind().equals("session") ? "--session-gap" : flags, this::assigner);
    }

    public WindowAssigner<Object, TimeWindow> assigner() {
        if (!sessionGap.isZero()) {
            return EventTimeSessionWindows.withGap(sessionGap);
        }
        if (!slide.isZero()) {
            return SlidingEventTimeWindows.of(size, slide);
        }
        return TumblingEventTimeWindows.of(size);
    }

    /** {@code tumbling}, {@code sliding} or {@code session}: a part of the window operator's name. */
    public String kind() {
        if (!sessionGap.isZero()) {
            return "session";
        }
        return slide.isZero() ? "tumbling" : "sliding";
    }

    public Duration size() {
        return size;
    }

    public WindowOptions setSize(Duration size) {
        this.size = size;
        return this;
    }
}
