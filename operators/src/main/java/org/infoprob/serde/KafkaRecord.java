package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;

/**
 * A Kafka record as it arrived, undecoded: the input of {@link DecodeFunction}. Decoding in an
 * operator after the source (instead of inside the source's deserializer) means that a poison
 * record can never fail the source or loop it through restarts; it becomes a dead letter with
 * its origin and original bytes.
 *
 * <p>A Flink POJO; {@code key} and {@code value} may be null (Kafka allows both).
 */
@PublicEvolving
public class KafkaRecord {

    public byte[] key;
    public byte[] value;
    public String topic;
    public int partition;
    public long offset;
    /** Kafka record timestamp in epoch milliseconds; negative when the record has none. */
    public long timestamp;

    public KafkaRecord() {}

    public static KafkaRecord of(
            byte[] key, byte[] value, String topic, int partition, long offset, long timestamp) {
        KafkaRecord r = new KafkaRecord();
        r.key = key;
        r.value = value;
        r.topic = topic;
        r.partition = partition;
        r.offset = offset;
        r.timestamp = timestamp;
        return r;
    }
}
