package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.internal.ClassEventValidator;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.model.ClassEvent;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/**
 * Decodes class events:
 *
 * <pre>{@code
 * {"key":"user-1","ts":1732752000000,"class":"login_failed"}          // weight 1
 * {"class":"login_failed","weight":2.5}                               // key, ts from Kafka
 * }</pre>
 *
 * Required: {@code class}, a non-empty string ({@code MISSING_FIELD}, {@code WRONG_TYPE},
 * {@code EMPTY_CLASS_NAME}). Optional: {@code key} (default: the Kafka key), {@code ts} (default:
 * the Kafka timestamp), {@code weight} (default 1; outside {@code [0, 1e100]} or NaN is {@code
 * INVALID_WEIGHT}, as {@link ClassEventValidator} says; {@code 1e999} is {@code OUT_OF_RANGE},
 * as every number a double cannot hold). Other fields are ignored. The rules every JSON decoder
 * shares (raw bytes, Unicode, duplicates, key, event time, numbers) are those of {@link
 * JsonRecordReader}: {@code {"class":"login","class":"login_failed"}} is {@code
 * DUPLICATE_FIELD}, not the last one.
 *
 * <pre>{@code
 * RecordDecoder<ClassEvent> decoder = new ClassEventDecoder(1 << 20);
 * }</pre>
 */
@PublicEvolving
public final class ClassEventDecoder extends JsonRecordReader<ClassEvent> {

    private static final long serialVersionUID = 1L;

    public ClassEventDecoder() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    public ClassEventDecoder(int maxRecordBytes) {
        super(maxRecordBytes);
    }

    private transient String className;
    private transient boolean hasClass;
    private transient double weight;

    @Override
    protected void startRecord() {
        className = null;
        hasClass = false;
        weight = 1.0;
    }

    @Override
    protected void readField(String field, JsonParser p) throws IOException, DecodeException {
        switch (field) {
            case "class":
                className = JsonFields.readString(p, field);
                hasClass = className != null;
                break;
            case "weight":
                weight = JsonFields.readNumber(p, field);
                break;
            default:
                JsonFields.skip(p, field);
        }
    }

    @Override
    protected ClassEvent finishRecord(String key, Long ts, KafkaRecord record) throws DecodeException {
        if (!hasClass) {
            throw JsonFields.missing("class");
        }
        ClassEvent e = ClassEvent.of(key, ts, className, weight);
        // The operator's own checks, here too, so the dead letter keeps the original bytes.
        DeadLetterCause invalid = ClassEventValidator.check(e, e.ts, false);
        if (invalid != null) {
            throw new DecodeException(invalid.reason(), invalid.message());
        }
        e.topic = record.topic;
        e.partition = record.partition;
        e.offset = record.offset;
        return e;
    }

    @Override
    public Class<ClassEvent> producedType() {
        return ClassEvent.class;
    }
}
