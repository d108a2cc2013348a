package org.infoprob.jobs.kafka;

import org.infoprob.jobs.options.KafkaOptions;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;

import java.time.Duration;
import java.util.Properties;

/**
 * The Kafka source and sinks of the sample jobs, configured from {@link KafkaOptions}: every
 * {@code --kafka} / {@code --properties-file} property goes to both clients, so SASL/SSL
 * settings work the same for reading and writing.
 *
 * <pre>{@code
 * KafkaSource<KafkaRecord> in = KafkaConnectors.source(job.kafka());
 * KafkaSink<Foo> out = KafkaConnectors.sink(job.kafka(), job.kafka().outputTopic(), new FooJson(), "output");
 * }</pre>
 */
public final class KafkaConnectors {

    /**
     * {@code transaction.timeout.ms} of the exactly-once sinks. Flink's default (1 hour) is above
     * a broker's default {@code transaction.max.timeout.ms} (15 minutes), which makes the
     * producer fail on start. It must exceed the checkpoint interval plus the longest expected
     * recovery, or the broker aborts transactions Flink still wants to commit.
     */
    public static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(5);

    private KafkaConnectors() {}

    /**
     * The input topic as undecoded {@link KafkaRecord}s. Reads with {@code
     * isolation.level=read_committed}, so it never sees records of open or aborted transactions
     * (e.g. of an upstream exactly-once job). The read position lives in Flink checkpoints;
     * group offsets are committed on checkpoints for monitoring and for {@code
     * --starting-offsets committed}.
     */
    public static KafkaSource<KafkaRecord> source(KafkaOptions p) {
        KafkaSourceBuilder<KafkaRecord> b =
                KafkaSource.<KafkaRecord>builder()
                        .setBootstrapServers(p.client().bootstrapServers())
                        .setTopics(p.inputTopic())
                        .setGroupId(p.groupId())
                        .setStartingOffsets(p.startingOffsets().initializer())
                        .setDeserializer(new KafkaRecordSchema())
                        .setProperties(p.client().properties())
                        .setProperty("isolation.level", "read_committed");
        if (p.bounded()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /**
     * A sink writing {@code serializer}'s bytes as record values (no key) to {@code topic},
     * with the job's delivery guarantee. Exactly-once output becomes visible to {@code
     * read_committed} consumers when the checkpoint covering it completes.
     *
     * @param name distinguishes the sinks of one job in their transactional ids; two sinks
     *     sharing a transactional id prefix would fence each other
     */
    public static <T> KafkaSink<T> sink(
            KafkaOptions p, String topic, SerializationSchema<T> serializer, String name) {
        Properties props = p.client().properties();
        props.setProperty("transaction.timeout.ms", Long.toString(TRANSACTION_TIMEOUT.toMillis()));
        props.putIfAbsent("linger.ms", "20");
        props.putIfAbsent("batch.size", "262144");
        return KafkaSink.<T>builder()
                .setBootstrapServers(p.client().bootstrapServers())
                .setKafkaProducerConfig(props)
                .setRecordSerializer(
                        KafkaRecordSerializationSchema.<T>builder()
                                .setTopic(topic)
                                .setValueSerializationSchema(serializer)
                                .build())
                .setDeliveryGuarantee(p.runtime().guarantee().sinkGuarantee())
                .setTransactionalIdPrefix(p.transactionalIdPrefix() + "-" + name)
                .build();
    }
}
