package org.infoprob.jobs.kafka;

import org.apache.kafka.common.record.AbstractRecords;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.Record;
import org.apache.kafka.common.record.RecordBatch;

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * The largest Kafka record a sink can write, in bytes as the producer counts them: key, value
 * and Kafka's record and batch overhead ({@link #sizeOf}, the producer's own upper bound). A
 * record larger than {@link #maxBytes} is refused by the producer ({@code max.request.size},
 * {@code buffer.memory}) or by the broker (the topic's {@code max.message.bytes}); {@link
 * #source} says which of them set the limit, for messages.
 *
 * <pre>{@code
 * RecordSizeLimit limit = ProducerSettings.recordSizeLimit(producerProperties);   // e.g. max.request.size 1048576
 * if (!limit.fits(RecordSizeLimit.sizeOf(key, value))) { ... a dead letter instead ... }
 * }</pre>
 *
 * @param maxBytes the largest size that {@link #sizeOf} may return for a record that is written
 * @param source where the limit comes from, e.g. {@code max.request.size 1048576}
 */
public record RecordSizeLimit(int maxBytes, String source) implements Serializable {

    /** @throws IllegalArgumentException if {@code maxBytes < 1} or the source is empty */
    public RecordSizeLimit {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("Max record bytes must be >= 1, was " + maxBytes + " (" + source + ")");
        }
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException("The source of a record size limit must be named, was " + source);
        }
    }

    /**
     * The size the producer checks against its limits for a record of these bytes (no
     * headers): Kafka's own upper bound, {@code AbstractRecords.estimateSizeInBytesUpperBound},
     * which adds the record batch header (61 bytes) and the record's widest varint fields to the
     * key and value. The same bound whatever the compression: the producer compares the
     * uncompressed size.
     */
    public static int sizeOf(byte[] key, byte[] value) {
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, key, value, Record.EMPTY_HEADERS);
    }

    /** {@link #sizeOf} for a key and a value of these lengths (-1: none); allocates them once, for checks at start. */
    public static int sizeOf(int keyBytes, int valueBytes) {
        return AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE,
                CompressionType.NONE,
                keyBytes < 0 ? null : ByteBuffer.allocate(keyBytes),
                valueBytes < 0 ? null : ByteBuffer.allocate(valueBytes),
                Record.EMPTY_HEADERS);
    }

    /** Whether a record of {@code size} bytes ({@link #sizeOf}) is written. */
    public boolean fits(int size) {
        return size <= maxBytes;
    }

    /** This limit, or {@code maxMessageBytes} of {@code topic} when that is smaller. */
    public RecordSizeLimit withTopicLimit(String topic, int maxMessageBytes) {
        return maxMessageBytes < maxBytes
                ? new RecordSizeLimit(maxMessageBytes, "max.message.bytes " + maxMessageBytes + " of topic " + topic)
                : this;
    }

    @Override
    public String toString() {
        return maxBytes + " bytes (" + source + ")";
    }
}
