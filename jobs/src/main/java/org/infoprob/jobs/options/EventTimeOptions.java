package org.infoprob.jobs.options;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import picocli.CommandLine.Option;

import java.time.Duration;

/** Event time from the records' {@code ts}: {@code --out-of-orderness}. */
public final class EventTimeOptions {

    /** How long a source partition may stay silent before it stops holding back watermarks. */
    public static final Duration SOURCE_IDLENESS = Duration.ofSeconds(10);

    @Option(names = "--out-of-orderness", paramLabel = "DURATION", defaultValue = "5 s",
            description = "watermark delay for out-of-order events (default: ${DEFAULT-VALUE})")
    private Duration outOfOrderness;

    /**
     * Watermarks {@code --out-of-orderness} behind the largest {@code ts} seen, and idle
     * partitions ignored after {@link #SOURCE_IDLENESS}, so that one silent partition does not
     * stall every window.
     */
    public <T> WatermarkStrategy<T> watermarks(SerializableTimestampAssigner<T> ts) {
        return WatermarkStrategy.<T>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner(ts)
                .withIdleness(SOURCE_IDLENESS);
    }

    public EventTimeOptions setOutOfOrderness(Duration outOfOrderness) {
        this.outOfOrderness = outOfOrderness;
        return this;
    }
}
