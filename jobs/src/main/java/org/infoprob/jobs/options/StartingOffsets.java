package org.infoprob.jobs.options;

import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * {@code --starting-offsets}: where a job starts reading when it has no checkpoint or savepoint
 * to continue from (a restore always continues where it was).
 */
public enum StartingOffsets {
    EARLIEST,
    LATEST,
    /** The consumer group's committed offsets; earliest for partitions without one. */
    COMMITTED;

    public OffsetsInitializer initializer() {
        switch (this) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    @Override
    public String toString() {
        return Flags.cliName(this);
    }
}
