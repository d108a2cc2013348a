package org.infoprob.jobs.kafka;

import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import java.time.Duration;

/**
 * The Kafka source and sink settings the sample jobs share: UTF-8 string values in, UTF-8
 * string values out, exactly-once.
 *
 * <pre>{@code
 * KafkaSource<String> in = KafkaConnectors.stringSource(bootstrap, "scores", "my-job", false);
 * KafkaSink<String> out = KafkaConnectors.exactlyOnceStringSink(bootstrap, "probabilities", "my-job");
 * env.fromSource(in, WatermarkStrategy.noWatermarks(), "scores").uid("scores") ...
 * }</pre>
 */
public final class KafkaConnectors {

    /**
     * {@code transaction.timeout.ms} of the exactly-once sink. Flink's default (1 hour) is above
     * a broker's default {@code transaction.max.timeout.ms} (15 minutes), which makes the
     * producer fail on start. It must exceed the checkpoint interval plus the longest expected
     * recovery, or the broker aborts transactions Flink still wants to commit.
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(5);

    private KafkaConnectors() {}

    /**
     * A source of the topic's record values as strings, from the earliest offset. The source's
     * read position lives in Flink checkpoints; committed group offsets are for monitoring only.
     * The consumer reads with {@code isolation.level=read_committed}, so it never sees records
     * of open or aborted transactions (e.g. of an upstream exactly-once job).
     *
     * @param bounded when true, the source stops at the end offsets it finds on start, so the
     *     job finishes; when false it runs until cancelled
     */
    public static KafkaSource<String> stringSource(
            String bootstrapServers, String topic, String groupId, boolean bounded) {
        KafkaSourceBuilder<String> builder =
                KafkaSource.<String>builder()
                        .setBootstrapServers(bootstrapServers)
                        .setTopics(topic)
                        .setGroupId(groupId)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setProperty("isolation.level", "read_committed")
                        .setValueOnlyDeserializer(new SimpleStringSchema());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * An exactly-once sink writing each string as a record value (no key) to {@code topic}.
     * Records become visible to {@code read_committed} consumers when the checkpoint that
     * covers them completes, so output lags input by up to one checkpoint interval; without
     * checkpointing nothing is ever committed.
     *
     * @param transactionalIdPrefix unique per job and sink among all jobs writing to the same
     *     cluster: two sinks sharing a prefix fence each other's transactions
     */
    public static KafkaSink<String> exactlyOnceStringSink(
            String bootstrapServers, String topic, String transactionalIdPrefix) {
        return KafkaSink.<String>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.builder()
                                .setTopic(topic)
                                .setValueSerializationSchema(new SimpleStringSchema())
                                .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(
                        "transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()))
                .build();
    }
}
