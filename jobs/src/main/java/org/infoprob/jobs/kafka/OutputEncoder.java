package org.infoprob.jobs.kafka;

import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetterProcessFunction;
import org.infoprob.internal.DeadLetterSettings;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.RuntimeContextInitializationContextAdapters;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

import java.nio.charset.StandardCharsets;

/**
 * Turns each result into the Kafka record its sink writes, before the sink, so that nothing the
 * producer or the broker would refuse reaches them: the value as JSON ({@link OutputFormat}),
 * the key as the UTF-8 bytes of the result's {@code key}, and the size the producer will count
 * ({@link RecordSizeLimit#sizeOf}) checked against the {@link RecordSizeLimit}. A result that
 * does not fit goes to {@link DeadLetter#TAG} as {@code RECORD_TOO_LARGE} (its payload the
 * start of the JSON, with size and SHA-256 of all of it); a result the serializer fails on (a
 * bug) as {@code ENCODER_ERROR}. Either way the job goes on: a failed send would fail the sink
 * and restart the job for ever.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<EncodedRecord> encoded = results
 *         .process(new OutputEncoder<>(OutputFormat.probabilities(), "softmax-encode", limit, DeadLetterLimits.DEFAULT))
 *         .name("softmax-encode").uid("softmax-encode");
 * DataStream<DeadLetter> tooLarge = encoded.getSideOutput(DeadLetter.TAG);
 * }</pre>
 *
 * Metrics: {@code deadLetters} and {@code reason.<REASON>.deadLetters}.
 *
 * @param <T> the result type
 */
public final class OutputEncoder<T> extends DeadLetterProcessFunction<T, EncodedRecord> implements ResultTypeQueryable<EncodedRecord> {

    private static final long serialVersionUID = 1L;

    private final OutputFormat<T> format;
    private final RecordSizeLimit limit;

    /**
     * @param format how a result becomes key and value
     * @param name written as {@code rejectedBy} into dead letters: the operator's uid
     * @param limit the largest record the sink's producer and topic take
     * @param deadLetterLimits how much of a result its dead letter keeps
     * @throws IllegalArgumentException if an argument is null or the name empty
     */
    public OutputEncoder(OutputFormat<T> format, String name, RecordSizeLimit limit, DeadLetterLimits deadLetterLimits) {
        super(new DeadLetterSettings(name, deadLetterLimits));
        if (format == null || limit == null) {
            throw new IllegalArgumentException("Format and record size limit must not be null");
        }
        this.format = format;
        this.limit = limit;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        format.serializer().open(RuntimeContextInitializationContextAdapters.serializationAdapter(getRuntimeContext()));
    }

    @Override
    public void processElement(T result, Context ctx, Collector<EncodedRecord> out) {
        String k = format.key().apply(result);
        byte[] key = k == null ? null : k.getBytes(StandardCharsets.UTF_8);
        byte[] value;
        try {
            value = format.serializer().serialize(result);
        } catch (RuntimeException e) {
            DeadLetterCause cause = new DeadLetterCause(
                    Reason.ENCODER_ERROR, "Writing the result failed unexpectedly: " + e.getClass().getName() + ": " + e.getMessage());
            ctx.output(DeadLetter.TAG, deadLetters().reject(cause, key, null, format.eventTime().apply(result), null, null, null));
            return;
        }
        int size = RecordSizeLimit.sizeOf(key, value);
        if (limit.fits(size)) {
            out.collect(EncodedRecord.of(key, value));
            return;
        }
        DeadLetterCause cause = new DeadLetterCause(
                Reason.RECORD_TOO_LARGE,
                "Result must be at most " + limit + " as a Kafka record, was " + size + " bytes (key "
                        + (key == null ? 0 : key.length) + ", value " + value.length + ", Kafka's overhead "
                        + (size - value.length - (key == null ? 0 : key.length)) + ")");
        ctx.output(DeadLetter.TAG, deadLetters().reject(cause, key, value, format.eventTime().apply(result), null, null, null));
    }

    @Override
    public TypeInformation<EncodedRecord> getProducedType() {
        return TypeInformation.of(EncodedRecord.class);
    }
}
