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
 * --window-slide} is, else tumbling of {@code --window-size}; and how late an event may still
 * join its window, {@code --allowed-lateness}.
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

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", defaultValue = "0",
            description = "how long after the watermark passed its window an event still updates it; later ones go to"
                    + " the dead-letter topic as LATE_EVENT (default: ${DEFAULT-VALUE})")
    private Duration allowedLateness;

    /** Flink's window assigners check the durations; the lateness must not be negative. */
    public void validate(CommandLine cmd) {
        String flags = kind().equals("sliding") ? "--window-size, --window-slide" : "--window-size";
        Flags.check(cmd, kind().equals("session") ? "--session-gap" : flags, this::assigner);
        if (allowedLateness.isNegative()) {
            throw Flags.invalid(cmd, "--allowed-lateness", "Allowed lateness must be >= 0, was " + allowedLateness);
        }
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

    /**
     * The longest a window can be: the session gap (a session of one event), else the window
     * size. No window assigned to an event at time t ends after t + length (a session grows
     * only by later events, which are checked themselves).
     */
    public Duration length() {
        return sessionGap.isZero() ? size : sessionGap;
    }

    public Duration allowedLateness() {
        return allowedLateness;
    }

    public WindowOptions setAllowedLateness(Duration allowedLateness) {
        this.allowedLateness = allowedLateness;
        return this;
    }

    public WindowOptions setSize(Duration size) {
        this.size = size;
        return this;
    }
}
