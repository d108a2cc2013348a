package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.io.Serializable;

/**
 * How much of a rejected record a {@link DeadLetter} carries, so that a dead letter always fits
 * into one Kafka record whatever the input was. Every string of a dead letter is capped in
 * UTF-8 bytes, cut at a character boundary (never inside a UTF-8 sequence or a surrogate pair):
 *
 * <ul>
 *   <li>{@code payload}: at most {@code maxPayloadBytes} of the original bytes (a base64
 *       payload: of the bytes before encoding); {@code payloadTruncated}, {@code originalSize}
 *       and {@code payloadSha256} say what was cut, and the origin (topic, partition, offset)
 *       says where the whole record can still be read;
 *   <li>{@code key}: at most {@code maxKeyBytes} of the key's bytes ({@code keyTruncated});
 *   <li>{@code error}: at most {@code maxErrorBytes} (messages may quote class names or keys);
 *   <li>{@code reason}, {@code rejectedBy}, {@code topic}, {@code payloadSha256}: at most
 *       {@value #MAX_NAME_BYTES} bytes each (Kafka topic names have at most 249 characters).
 * </ul>
 *
 * The serialized size that follows from these caps is {@code
 * DeadLetterSerializer.maxSerializedBytes(limits)}; choose the caps so that it stays below the
 * producer's {@code max.request.size}.
 *
 * <pre>{@code
 * DeadLetterLimits limits = DeadLetterLimits.DEFAULT.withMaxPayloadBytes(16 * 1024);
 * DecodeFunction<ClassEvent> decode = new DecodeFunction<>(new ClassEventDecoder(), "decode", limits);
 * }</pre>
 *
 * @param maxPayloadBytes the most payload bytes kept, &gt;= 0 (default 64 KiB)
 * @param maxKeyBytes the most key bytes kept, &gt;= 0 (default 1 KiB)
 * @param maxErrorBytes the most bytes of the error message kept, &gt;= 0 (default 1 KiB)
 */
@PublicEvolving
public record DeadLetterLimits(int maxPayloadBytes, int maxKeyBytes, int maxErrorBytes)
        implements Serializable {

    /** Default cap on the payload: 64 KiB, a few pages of JSON, far below Kafka's 1 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    /** Default cap on the key: 1 KiB. */
    public static final int DEFAULT_MAX_KEY_BYTES = 1024;

    /** Default cap on the error message: 1 KiB. */
    public static final int DEFAULT_MAX_ERROR_BYTES = 1024;

    /** Fixed cap on the short strings: reason, rejectedBy, topic, payloadSha256. */
    public static final int MAX_NAME_BYTES = 256;

    /** The defaults: 64 KiB of payload, 1 KiB of key, 1 KiB of error. */
    public static final DeadLetterLimits DEFAULT =
            new DeadLetterLimits(
                    DEFAULT_MAX_PAYLOAD_BYTES, DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_ERROR_BYTES);

    /** @throws IllegalArgumentException naming the first cap below 0 */
    public DeadLetterLimits {
        requireNonNegative("Max payload bytes", maxPayloadBytes);
        requireNonNegative("Max key bytes", maxKeyBytes);
        requireNonNegative("Max error bytes", maxErrorBytes);
    }

    /** These limits with another payload cap. */
    public DeadLetterLimits withMaxPayloadBytes(int bytes) {
        return new DeadLetterLimits(bytes, maxKeyBytes, maxErrorBytes);
    }

    private static void requireNonNegative(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must be >= 0, was " + value);
        }
    }
}
