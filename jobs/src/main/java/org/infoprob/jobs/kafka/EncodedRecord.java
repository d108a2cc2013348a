package org.infoprob.jobs.kafka;

import java.util.Arrays;

/**
 * A record ready for the Kafka producer: key and value bytes, checked to fit into one produce
 * request ({@link RecordSizeLimit}). The encoders ({@link OutputEncoder}, {@link
 * DeadLetterEncoder}) make them, the sinks of {@link KafkaConnectors#sink} write them as they
 * are. No timestamp: the producer stamps each record with its send time (see jobs/README.md,
 * "Timestamps").
 *
 * <p>A Flink POJO; {@code key} may be null (a record without a key).
 */
public class EncodedRecord {

    public byte[] key;
    public byte[] value;

    public EncodedRecord() {}

    public static EncodedRecord of(byte[] key, byte[] value) {
        EncodedRecord r = new EncodedRecord();
        r.key = key;
        r.value = value;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedRecord that && Arrays.equals(key, that.key) && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "EncodedRecord{key=" + (key == null ? "null" : key.length + " bytes") + ", value=" + value.length + " bytes}";
    }
}
