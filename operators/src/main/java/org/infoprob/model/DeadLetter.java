package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

import java.util.Objects;

/**
 * A rejected record on its way to a dead-letter output: the reason code, a readable error, the
 * record's key and timestamp when known, where it came from (Kafka topic, partition, offset;
 * null when it did not come from Kafka) and the original payload, so that nothing is lost.
 *
 * <p>Every dead letter fits into one Kafka record: the payload, key and error are capped as
 * {@link DeadLetterLimits} says. A cut payload keeps its {@link #originalSize}, its {@link
 * #payloadSha256} (of all original bytes) and {@link #payloadTruncated}; the whole record can
 * still be read at its origin. Keys and payloads that are not UTF-8 are kept losslessly as
 * base64 ({@link #keyBase64}, {@link #payloadBase64}).
 *
 * <p>A Flink POJO: public no-argument constructor and public fields; fields are only ever
 * added.
 *
 * <p>Every operator of this library emits its rejections to the one side output {@link #TAG}:
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ProbabilityEvent> probabilities = scores.process(softmax);
 * DataStream<DeadLetter> rejected = probabilities.getSideOutput(DeadLetter.TAG);
 * }</pre>
 */
@PublicEvolving
public class DeadLetter {

    /** The side output that every infoprob operator sends rejected records to. */
    public static final OutputTag<DeadLetter> TAG =
            new OutputTag<>("infoprob-invalid", TypeInformation.of(DeadLetter.class));

    /** The {@link Reason} name, e.g. {@code "NON_FINITE_SCORE"}. */
    public String reason;
    /** What exactly was wrong, for a human. */
    public String error;
    /** The operator or decoder that rejected the record. */
    public String rejectedBy;
    /**
     * The record key: the Kafka key of a record rejected while decoding (base64 when {@link
     * #keyBase64}), else the event's key; null when there is none.
     */
    public String key;
    /** True when {@link #key} holds the Kafka key's bytes base64-encoded (they were not UTF-8). */
    public boolean keyBase64;
    /** True when {@link #key} holds only the first bytes of the key. */
    public boolean keyTruncated;
    /** The record timestamp in epoch milliseconds, if known. */
    public Long ts;
    /** Kafka origin: topic, partition, offset; null when not from Kafka. */
    public String topic;

    public Integer partition;
    public Long offset;
    /**
     * The original record: the raw payload from Kafka, or a JSON rendering of the event; at most
     * the first {@link DeadLetterLimits#maxPayloadBytes()} bytes of it. Null for a tombstone.
     */
    public String payload;
    /** True when {@link #payload} holds the original bytes base64-encoded (they were not UTF-8). */
    public boolean payloadBase64;
    /** True when {@link #payload} holds only the first bytes of the original. */
    public boolean payloadTruncated;
    /** Size in bytes of the whole original payload (or rendering); null when there is none. */
    public Integer originalSize;
    /** SHA-256 of the whole original payload bytes, lowercase hex; null when there is none. */
    public String payloadSha256;

    public DeadLetter() {}

    /** A rejection with reason, message and origin. */
    public static DeadLetter of(
            Reason reason,
            String error,
            String rejectedBy,
            String key,
            Long ts,
            String topic,
            Integer partition,
            Long offset,
            String payload) {
        DeadLetter e = new DeadLetter();
        e.reason = reason.name();
        e.error = error;
        e.rejectedBy = rejectedBy;
        e.key = key;
        e.ts = ts;
        e.topic = topic;
        e.partition = partition;
        e.offset = offset;
        e.payload = payload;
        return e;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter that = (DeadLetter) o;
        return Objects.equals(reason, that.reason)
                && Objects.equals(error, that.error)
                && Objects.equals(rejectedBy, that.rejectedBy)
                && Objects.equals(key, that.key)
                && keyBase64 == that.keyBase64
                && keyTruncated == that.keyTruncated
                && Objects.equals(ts, that.ts)
                && Objects.equals(topic, that.topic)
                && Objects.equals(partition, that.partition)
                && Objects.equals(offset, that.offset)
                && Objects.equals(payload, that.payload)
                && payloadBase64 == that.payloadBase64
                && payloadTruncated == that.payloadTruncated
                && Objects.equals(originalSize, that.originalSize)
                && Objects.equals(payloadSha256, that.payloadSha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                reason,
                error,
                rejectedBy,
                key,
                keyBase64,
                keyTruncated,
                ts,
                topic,
                partition,
                offset,
                payload,
                payloadBase64,
                payloadTruncated,
                originalSize,
                payloadSha256);
    }

    @Override
    public String toString() {
        return "DeadLetter{reason="
                + reason
                + ", error='"
                + error
                + "', rejectedBy="
                + rejectedBy
                + ", key="
                + key
                + ", ts="
                + ts
                + ", origin="
                + topic
                + "/"
                + partition
                + "@"
                + offset
                + ", originalSize="
                + originalSize
                + (payloadTruncated ? " (truncated)" : "")
                + ", payload="
                + payload
                + '}';
    }
}
