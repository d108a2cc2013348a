package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetters;
import org.infoprob.model.DeadLetter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Decodes Kafka records into events; a record that cannot be decoded goes to {@link
 * DeadLetter#TAG} with its reason, its origin (topic, partition, offset, key, timestamp) and
 * its original payload, and is counted (metrics {@code deadLetters} and {@code
 * reason.<REASON>.deadLetters}; {@code decodedRecords} counts the good ones). Nothing thrown by a record
 * escapes, so a poison record can neither fail the job nor send it into a restart loop.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ClassEvent> events = records
 *         .process(new DecodeFunction<>(new ClassEventDecoder(), "decode-classes"))
 *         .name("decode-classes").uid("decode-classes");
 * DataStream<DeadLetter> deadLetters = events.getSideOutput(DeadLetter.TAG);
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

    private transient DeadLetters deadLetters;
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
        deadLetters = new DeadLetters(name, getRuntimeContext().getMetricGroup());
        decoded = getRuntimeContext().getMetricGroup().counter("decodedRecords");
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<T> out) {
        T event;
        try {
            event = decoder.decode(record);
        } catch (DecodeException e) {
            ctx.output(DeadLetter.TAG, deadLetter(record, e));
            return;
        }
        decoded.inc();
        out.collect(event);
    }

    private DeadLetter deadLetter(KafkaRecord record, DecodeException e) {
        boolean utf8 = record.value == null || Utf8.firstInvalid(record.value) < 0;
        String payload =
                record.value == null
                        ? null
                        : utf8
                                ? new String(record.value, StandardCharsets.UTF_8)
                                : Base64.getEncoder().encodeToString(record.value);
        return deadLetters.reject(
                new DeadLetterCause(e.reason(), e.getMessage()),
                record.key == null ? null : new String(record.key, StandardCharsets.UTF_8),
                record.timestamp >= 0 ? record.timestamp : null,
                record.topic,
                record.partition,
                record.offset,
                payload,
                !utf8);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(decoder.producedType());
    }
}
