package org.infoprob.internal;

import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.MetricGroup;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.LabelEvent;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.ProbabilityEvent;
import org.infoprob.model.ScoreEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one way a record becomes a {@link DeadLetter}: builds it from its {@link DeadLetterCause}
 * and origin, keeps the original bytes (or renders the event, {@link EventJson}) within the
 * {@link DeadLetterLimits}, and counts it ({@link DeadLetterCounters}). Every operator and the
 * decoder create one in {@code open()}.
 *
 * <pre>{@code
 * deadLetters = new DeadLetters("softmax", limits, getRuntimeContext().getMetricGroup());
 * ctx.output(DeadLetter.TAG, deadLetters.reject(cause, scoreEvent));
 * }</pre>
 *
 * <p>Caps, as {@link DeadLetterLimits} says: the payload to {@code maxPayloadBytes} of the
 * original bytes (valid UTF-8 cut at a character boundary; other bytes cut, then base64), with
 * {@code originalSize}, {@code payloadSha256} (of all original bytes) and {@code
 * payloadTruncated}; the key to {@code maxKeyBytes} the same way ({@code keyBase64}, {@code
 * keyTruncated}); the error to {@code maxErrorBytes}, ending in "…" when cut; the short
 * strings to {@link DeadLetterLimits#MAX_NAME_BYTES}. Unpaired surrogates in strings of an event
 * (possible only in events built without the decoders) become U+FFFD, so a dead letter is always
 * valid Unicode. {@link #capped} applies the same caps to any dead letter; the serializer uses it,
 * so its size bound holds whoever built the dead letter.
 */
@Internal
public final class DeadLetters {

    private final String rejectedBy;
    private final DeadLetterLimits limits;
    private final DeadLetterCounters counters;

    /** Dead letters with the {@link DeadLetterLimits#DEFAULT default limits}. */
    public DeadLetters(String rejectedBy, MetricGroup metrics) {
        this(rejectedBy, DeadLetterLimits.DEFAULT, metrics);
    }

    public DeadLetters(String rejectedBy, DeadLetterLimits limits, MetricGroup metrics) {
        this.rejectedBy = rejectedBy;
        this.limits = limits;
        this.counters = new DeadLetterCounters(metrics);
    }

    /** The dead letter of a score event, counted. */
    public DeadLetter reject(DeadLetterCause cause, ScoreEvent e) {
        return rendered(cause, e.key, e.ts, e.topic, e.partition, e.offset, EventJson.of(e));
    }

    /** The dead letter of a binary score event, counted. */
    public DeadLetter reject(DeadLetterCause cause, BinaryScoreEvent e) {
        return rendered(cause, e.key, e.ts, e.topic, e.partition, e.offset, EventJson.of(e));
    }

    /** The dead letter of a class event whose time is {@code ts} (null when unknown), counted. */
    public DeadLetter reject(DeadLetterCause cause, ClassEvent e, Long ts) {
        return rendered(cause, e.key, ts, e.topic, e.partition, e.offset, EventJson.of(e));
    }

    /** The dead letter of a label (its key is its id: labels have no other key), counted. */
    public DeadLetter reject(DeadLetterCause cause, LabelEvent e) {
        return rendered(cause, e.id, e.ts, e.topic, e.partition, e.offset, EventJson.of(e));
    }

    /** The dead letter of a labelled example (a score event paired with its label), counted. */
    public DeadLetter reject(DeadLetterCause cause, LabelledScores e) {
        return rendered(cause, e.key, e.ts, null, null, null, EventJson.of(e));
    }

    /** The dead letter of a computed result (a window without a distribution), counted. */
    public DeadLetter reject(DeadLetterCause cause, ProbabilityEvent result) {
        return rendered(cause, result.key, result.ts, null, null, null, EventJson.of(result));
    }

    /**
     * The dead letter of Kafka record bytes, counted: a record rejected while decoding (its key
     * and value as they arrived), or a result that cannot be written (the key and value it would
     * have had). Either may be null; a null value has no payload (a tombstone).
     */
    public DeadLetter reject(
            DeadLetterCause cause,
            byte[] key,
            byte[] value,
            Long ts,
            String topic,
            Integer partition,
            Long offset) {
        DeadLetter d = start(cause, ts, topic, partition, offset);
        if (key != null) {
            boolean utf8 = Utf8.firstInvalid(key) < 0;
            int n = utf8 ? Utf8.prefixLength(key, limits.maxKeyBytes()) : Math.min(key.length, limits.maxKeyBytes());
            d.key = utf8 ? new String(key, 0, n, StandardCharsets.UTF_8) : base64(key, n);
            d.keyBase64 = !utf8;
            d.keyTruncated = n < key.length;
        }
        if (value != null) {
            payload(d, value, Utf8.firstInvalid(value) < 0);
        }
        return d;
    }

    /** Dead letters counted so far by this instance. */
    public long total() {
        return counters.total();
    }

    private DeadLetter rendered(
            DeadLetterCause cause,
            String key,
            Long ts,
            String topic,
            Integer partition,
            Long offset,
            String rendering) {
        DeadLetter d = start(cause, ts, topic, partition, offset);
        if (key != null) {
            String whole = Utf8.wellFormed(key);
            d.key = Utf8.prefix(whole, limits.maxKeyBytes());
            d.keyTruncated = d.key.length() < whole.length();
        }
        payload(d, Utf8.wellFormed(rendering).getBytes(StandardCharsets.UTF_8), true);
        return d;
    }

    private DeadLetter start(DeadLetterCause cause, Long ts, String topic, Integer partition, Long offset) {
        counters.count(cause.reason());
        DeadLetter d = new DeadLetter();
        d.reason = cause.reason().name();
        d.error = error(cause.message(), limits.maxErrorBytes());
        d.rejectedBy = name(rejectedBy);
        d.ts = ts;
        d.topic = name(topic);
        d.partition = partition;
        d.offset = offset;
        return d;
    }

    /** Sets the payload fields from the whole original bytes. */
    private void payload(DeadLetter d, byte[] whole, boolean utf8) {
        int max = limits.maxPayloadBytes();
        int n = utf8 ? Utf8.prefixLength(whole, max) : Math.min(whole.length, max);
        d.payload = utf8 ? new String(whole, 0, n, StandardCharsets.UTF_8) : base64(whole, n);
        d.payloadBase64 = !utf8;
        d.payloadTruncated = n < whole.length;
        d.originalSize = whole.length;
        d.payloadSha256 = sha256Hex(whole);
    }

    /**
     * {@code d} within {@code limits}: {@code d} itself when every field fits, else a copy with
     * the fields cut as for a new dead letter ({@code payloadTruncated}, {@code keyTruncated}
     * set; a payload cut here without a digest gets {@code originalSize} and {@code
     * payloadSha256} of the payload it had).
     */
    public static DeadLetter capped(DeadLetter d, DeadLetterLimits limits) {
        DeadLetter c = copy(d);
        c.reason = name(d.reason);
        c.error = error(d.error, limits.maxErrorBytes());
        c.rejectedBy = name(d.rejectedBy);
        c.topic = name(d.topic);
        c.payloadSha256 = name(d.payloadSha256);
        if (d.key != null) {
            c.key = d.keyBase64 ? base64Prefix(d.key, limits.maxKeyBytes()) : Utf8.prefix(Utf8.wellFormed(d.key), limits.maxKeyBytes());
            c.keyTruncated |= c.key.length() < d.key.length();
        }
        if (d.payload != null) {
            int max = limits.maxPayloadBytes();
            c.payload = d.payloadBase64 ? base64Prefix(d.payload, max) : Utf8.prefix(Utf8.wellFormed(d.payload), max);
            if (c.payload.length() < d.payload.length()) {
                c.payloadTruncated = true;
                if (d.payloadSha256 == null) {
                    byte[] whole = payloadBytes(d);
                    c.originalSize = whole.length;
                    c.payloadSha256 = sha256Hex(whole);
                }
            }
        }
        return c.equals(d) ? d : c;
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static String name(String s) {
        return s == null ? null : Utf8.prefix(Utf8.wellFormed(s), DeadLetterLimits.MAX_NAME_BYTES);
    }

    /** The message within {@code maxBytes}, ending in "…" when cut (if there is room for it). */
    private static String error(String message, int maxBytes) {
        if (message == null) {
            return null;
        }
        String whole = Utf8.wellFormed(message);
        String cut = Utf8.prefix(whole, maxBytes);
        if (cut.length() == whole.length() || maxBytes < 3) {
            return cut;
        }
        return Utf8.prefix(whole, maxBytes - 3) + "\u2026";
    }

    private static String base64(byte[] bytes, int n) {
        return Base64.getEncoder().encodeToString(n == bytes.length ? bytes : Arrays.copyOf(bytes, n));
    }

    /** Base64 text of at most {@code maxBytes} bytes: whole groups of 4 characters. */
    private static String base64Prefix(String b64, int maxBytes) {
        int room = 4 * ((maxBytes + 2) / 3);
        return b64.length() <= room ? b64 : b64.substring(0, 4 * (maxBytes / 3));
    }

    /** The bytes a payload stands for: base64-decoded, or the UTF-8 of its text. */
    private static byte[] payloadBytes(DeadLetter d) {
        if (d.payloadBase64) {
            try {
                return Base64.getDecoder().decode(d.payload);
            } catch (IllegalArgumentException notBase64) {
                // Not what the flag says: keep the digest of the text as it stands.
            }
        }
        return Utf8.wellFormed(d.payload).getBytes(StandardCharsets.UTF_8);
    }

    private static DeadLetter copy(DeadLetter d) {
        DeadLetter c = new DeadLetter();
        c.reason = d.reason;
        c.error = d.error;
        c.rejectedBy = d.rejectedBy;
        c.key = d.key;
        c.keyBase64 = d.keyBase64;
        c.keyTruncated = d.keyTruncated;
        c.ts = d.ts;
        c.topic = d.topic;
        c.partition = d.partition;
        c.offset = d.offset;
        c.payload = d.payload;
        c.payloadBase64 = d.payloadBase64;
        c.payloadTruncated = d.payloadTruncated;
        c.originalSize = d.originalSize;
        c.payloadSha256 = d.payloadSha256;
        return c;
    }
}
