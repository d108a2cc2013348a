package org.infoprob.jobs.options;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;

/** {@code --delivery-guarantee}: of the Kafka sinks, and the checkpointing mode that goes with it. */
public enum Guarantee {
    /** Output becomes visible when the checkpoint that covers it completes (Kafka transactions). */
    EXACTLY_ONCE(CheckpointingMode.EXACTLY_ONCE, DeliveryGuarantee.EXACTLY_ONCE),
    /** Lower latency; after a failure, records since the last checkpoint are written again. */
    AT_LEAST_ONCE(CheckpointingMode.AT_LEAST_ONCE, DeliveryGuarantee.AT_LEAST_ONCE);

    private final CheckpointingMode checkpointing;
    private final DeliveryGuarantee sinks;

    Guarantee(CheckpointingMode checkpointing, DeliveryGuarantee sinks) {
        this.checkpointing = checkpointing;
        this.sinks = sinks;
    }

    public CheckpointingMode checkpointingMode() {
        return checkpointing;
    }

    public DeliveryGuarantee sinkGuarantee() {
        return sinks;
    }

    @Override
    public String toString() {
        return Flags.cliName(this);
    }
}
