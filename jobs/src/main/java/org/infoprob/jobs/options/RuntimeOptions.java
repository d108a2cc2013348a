package org.infoprob.jobs.options;

import org.apache.flink.streaming.api.environment.CheckpointConfig;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.OptionalInt;

/** How Flink runs a job or the demo: parallelism, checkpoint interval, delivery guarantee. */
public final class RuntimeOptions {

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "0",
            description = "job parallelism; 0: the cluster's default (default: ${DEFAULT-VALUE})")
    private int parallelism;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", defaultValue = "10 s",
            description = "checkpoint interval; exactly-once output is committed on checkpoints (default: ${DEFAULT-VALUE})")
    private Duration checkpointInterval;

    @Option(names = "--delivery-guarantee", paramLabel = "GUARANTEE", defaultValue = "exactly-once",
            description = "exactly-once or at-least-once (default: ${DEFAULT-VALUE})")
    private Guarantee guarantee;

    /** Settings set in code, e.g. for a pipeline of the demo. */
    public static RuntimeOptions of(int parallelism, Duration checkpointInterval, Guarantee guarantee) {
        RuntimeOptions r = new RuntimeOptions();
        r.parallelism = parallelism;
        r.checkpointInterval = checkpointInterval;
        r.guarantee = guarantee;
        return r;
    }

    /** Flink's checkpoint settings check the interval; the parallelism must not be negative. */
    public void validate(CommandLine cmd) {
        if (parallelism < 0) {
            throw Flags.invalid(cmd, "--parallelism", "Parallelism must be >= 0 (0 = the cluster's default), was " + parallelism);
        }
        Flags.check(cmd, "--checkpoint-interval", () -> new CheckpointConfig().setCheckpointInterval(checkpointInterval.toMillis()));
    }

    /** The parallelism, or empty for the environment's default. */
    public OptionalInt parallelism() {
        return parallelism == 0 ? OptionalInt.empty() : OptionalInt.of(parallelism);
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    public Guarantee guarantee() {
        return guarantee;
    }
}
