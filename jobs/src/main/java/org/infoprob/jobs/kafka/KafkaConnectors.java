package org.infoprob.jobs.kafka;

import org.infoprob.jobs.options.KafkaOptions;
import org.infoprob.serde.KafkaRecord;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka source and sinks of the sample jobs, configured from {@link KafkaOptions}: every
 * {@code --kafka} / {@code --properties-file} property goes to both clients, so SASL/SSL
 * settings work the same for reading and writing.
 *
 * <pre>{@code
 * KafkaSource<KafkaRecord> in = KafkaConnectors.source(job.kafka());
 * KafkaSink<EncodedRecord> out = KafkaConnectors.sink(job.kafka(), job.kafka().outputTopic(), "output");
 * }</pre>
 */
public final class KafkaConnectors {

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
     * A sink writing {@link EncodedRecord}s as they are (key and value bytes, prepared and
     * checked by the encoders) to {@code topic}, with the job's delivery guarantee and the
     * producer properties of {@link ProducerSettings#properties}. Records get no timestamp of
     * their own: the producer stamps each with its send time, which the broker never refuses
     * as too far ahead or behind (jobs/README.md, "Timestamps"). Exactly-once output becomes
     * visible to {@code read_committed} consumers when the checkpoint covering it completes.
     *
     * @param name distinguishes the sinks of one job in their transactional ids; two sinks
     *     sharing a transactional id prefix would fence each other
     */
    public static KafkaSink<EncodedRecord> sink(KafkaOptions p, String topic, String name) {
        return KafkaSink.<EncodedRecord>builder()
                .setBootstrapServers(p.client().bootstrapServers())
                .setKafkaProducerConfig(ProducerSettings.properties(p))
                .setRecordSerializer(new EncodedRecordSchema(topic))
                .setDeliveryGuarantee(p.runtime().guarantee().sinkGuarantee())
                .setTransactionalIdPrefix(p.transactionalIdPrefix() + "-" + name)
                .build();
    }

    /** The prepared bytes as a producer record: no partition (the key decides), no timestamp (the send time). */
    private static final class EncodedRecordSchema implements KafkaRecordSerializationSchema<EncodedRecord> {

        private static final long serialVersionUID = 1L;

        private final String topic;

        EncodedRecordSchema(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(EncodedRecord r, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, null, r.key, r.value);
        }
    }
}
