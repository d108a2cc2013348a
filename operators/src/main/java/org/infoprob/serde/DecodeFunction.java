package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetterProcessFunction;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;

/**
 * Decodes Kafka records into events; a record that cannot be decoded goes to {@link
 * DeadLetter#TAG} with its reason, its origin (topic, partition, offset, key, timestamp) and
 * its original key and payload bytes within the {@link DeadLetterLimits} (with size and SHA-256
 * of the whole payload), and is counted (metrics {@code deadLetters} and {@code
 * reason.<REASON>.deadLetters}; {@code decodedRecords} counts the good ones). Nothing thrown by a
 * record escapes: a decoder's {@link DecodeException} gives its reason, and any other exception
 * of the decoder (a bug) becomes {@code DECODER_ERROR}; so a poison record can neither fail the
 * job nor send it into a restart loop.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<ClassEvent> events = records
 *         .process(new DecodeFunction<>(new ClassEventDecoder(), "decode-classes"))
 *         .name("decode-classes").uid("decode-classes");
 * DataStream<DeadLetter> deadLetters = events.getSideOutput(DeadLetter.TAG);
 * }</pre>
 *
 * A dead letter's {@code key} is the Kafka key (base64 with {@code keyBase64} when it is not
 * UTF-8), {@code ts} the Kafka timestamp (absent when negative).
 *
 * @param <T> the decoded event type
 */
@PublicEvolving
public final class DecodeFunction<T> extends DeadLetterProcessFunction<KafkaRecord, T>
        implements ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final RecordDecoder<T> decoder;

    private transient Counter decoded;

    /**
     * Dead letters with the {@link DeadLetterLimits#DEFAULT default limits}.
     *
     * @param decoder the format
     * @param name written as {@code rejectedBy} into dead letters (e.g. the operator's uid)
     */
    public DecodeFunction(RecordDecoder<T> decoder, String name) {
        this(decoder, name, DeadLetterLimits.DEFAULT);
    }

    /**
     * @param decoder the format
     * @param name written as {@code rejectedBy} into dead letters (e.g. the operator's uid)
     * @param limits how much of a rejected record its dead letter keeps
     * @throws IllegalArgumentException if an argument is null or the name empty
     */
    public DecodeFunction(RecordDecoder<T> decoder, String name, DeadLetterLimits limits) {
        super(new DeadLetterSettings(name, limits));
        if (decoder == null) {
            throw new IllegalArgumentException("Decoder must not be null");
        }
        this.decoder = decoder;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        decoded = getRuntimeContext().getMetricGroup().counter("decodedRecords");
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<T> out) {
        T event;
        try {
            event = decoder.decode(record);
        } catch (DecodeException e) {
            ctx.output(DeadLetter.TAG, deadLetter(record, new DeadLetterCause(e.reason(), e.getMessage())));
            return;
        } catch (RuntimeException e) {
            ctx.output(DeadLetter.TAG, deadLetter(record, DeadLetterCause.unexpected(e)));
            return;
        }
        decoded.inc();
        out.collect(event);
    }

    private DeadLetter deadLetter(KafkaRecord record, DeadLetterCause cause) {
        return deadLetters().reject(
                cause,
                record.key,
                record.value,
                record.timestamp >= 0 ? record.timestamp : null,
                record.topic,
                record.partition,
                record.offset);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return TypeInformation.of(decoder.producedType());
    }
}
