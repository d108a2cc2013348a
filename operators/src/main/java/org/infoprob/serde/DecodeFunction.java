package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.infoprob.internal.InvalidCounters;
import org.infoprob.model.InvalidEvent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes Kafka records into events; a record that cannot be decoded goes to {@link
 * InvalidEvent#TAG} with its reason, its origin (topic, partition, offset, key, timestamp) and
 * its original payload, and is counted (metrics {@code invalidRecords} and {@code
 * invalid.<REASON>}; {@code decodedRecords} counts the good ones). Nothing thrown by a record
 * escapes, so a poison record can neither fail the job nor send it into a restart loop.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ClassEvent> events = records
 *         .process(new DecodeFunction<>(new ClassEventJson(), "decode-classes"))
 *         .name("decode-classes").uid("decode-classes");
 * DataStream<InvalidEvent> deadLetters = events.getSideOutput(InvalidEvent.TAG);
 * }</pre>
 *
 * @param <T> the decoded event type
 */
@PublicEvolving
public final class DecodeFunction<T> extends ProcessFunction<KafkaRecord, T>
        implements ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final RecordDecoder<T> decoder;
    private final String name;

    private transient InvalidCounters invalid;
    private transient Counter decoded;

    /**
     * @param decoder the format
     * @param name written as {@code rejectedBy} into dead letters
     */
    public DecodeFunction(RecordDecoder<T> decoder, String name) {
        if (decoder == null) {
            throw new IllegalArgumentException("Decoder must not be null");
        }
        this.decoder = decoder;
        this.name = name;
    }

    @Override
    public void open(OpenContext openContext) {
        invalid = new InvalidCounters(getRuntimeContext().getMetricGroup());
        decoded = getRuntimeContext().getMetricGroup().counter("decodedRecords");
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<T> out) {
        T event;
        try {
            event = decoder.decode(record);
        } catch (DecodeException e) {
            invalid.count(e.reason());
            ctx.output(InvalidEvent.TAG, deadLetter(record, e));
            return;
        }
        decoded.inc();
        out.collect(event);
    }

    private InvalidEvent deadLetter(KafkaRecord record, DecodeException e) {
        boolean utf8 = record.value == null || Utf8.firstInvalid(record.value) < 0;
        String payload =
                record.value == null
                        ? null
                        : utf8
                                ? new String(record.value, StandardCharsets.UTF_8)
                                : Base64.getEncoder().encodeToString(record.value);
        InvalidEvent dead =
                InvalidEvent.of(
                        e.reason(),
                        e.getMessage(),
                        name,
                        record.key == null ? null : new String(record.key, StandardCharsets.UTF_8),
                        record.timestamp >= 0 ? record.timestamp : null,
                        record.topic,
                        record.partition,
                        record.offset,
                        payload);
        dead.payloadBase64 = !utf8;
        return dead;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(decoder.producedType());
    }
}
