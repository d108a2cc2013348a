package org.infoprob.jobs.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.infoprob.serde.KafkaRecord;

/**
 * Hands each Kafka record to the job undecoded, with its origin. It cannot fail on any payload,
 * so the source never sees a poison record; decoding (and rejecting) happens in {@link
 * org.infoprob.serde.DecodeFunction}.
 */
public final class KafkaRecordSchema implements KafkaRecordDeserializationSchema<KafkaRecord> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> r, Collector<KafkaRecord> out) {
        out.collect(KafkaRecord.of(r.key(), r.value(), r.topic(), r.partition(), r.offset(), r.timestamp()));
    }

    @Override
    public TypeInformation<KafkaRecord> getProducedType() {
        return TypeInformation.of(KafkaRecord.class);
    }
}
