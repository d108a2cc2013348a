package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.model.LabelEvent;
import org.infoprob.model.Reason;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Decodes labels, the feedback of the calibration operators:
 *
 * <pre>{@code
 * {"id":"e-42","ts":1732752060000,"label":"cat"}     // the true class of score event e-42
 * {"id":"e-43","label":true}                         // binary: true|false or 1|0; ts from Kafka
 * }</pre>
 *
 * Required: {@code id}, a non-empty string or an integer ({@code 42} and {@code "42"} are the
 * same id; absent or null: {@code MISSING_FIELD}; an empty string, a fraction, a boolean, an
 * array or object: {@code WRONG_TYPE}), and {@code label}: a class name (a string; empty:
 * {@code EMPTY_CLASS_NAME}), or {@code true}/{@code false}, or the number {@code 1} or {@code
 * 0} in any notation ({@code 1.0}, {@code 1e0}); another number is {@code OUT_OF_RANGE} ({@code
 * NaN} too), an array or object {@code WRONG_TYPE}, absent or null {@code MISSING_FIELD}. The
 * event time {@code ts} (default: the Kafka timestamp) is required ({@code MISSING_TIMESTAMP}):
 * the join's timeout is counted in event time. {@code key} is read as in every decoder and not
 * kept: labels are matched by id. The rules every JSON decoder shares (raw bytes, Unicode,
 * duplicates, event time, numbers) are those of {@link JsonRecordReader}.
 *
 * <pre>{@code
 * RecordDecoder<LabelEvent> decoder = new LabelEventDecoder(1 << 20);
 * }</pre>
 */
@PublicEvolving
public final class LabelEventDecoder extends JsonRecordReader<LabelEvent> {

    private static final long serialVersionUID = 1L;

    public LabelEventDecoder() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    public LabelEventDecoder(int maxRecordBytes) {
        super(maxRecordBytes);
    }

    private transient String id;
    private transient String label;
    private transient Boolean positive;

    @Override
    protected void startRecord() {
        id = null;
        label = null;
        positive = null;
    }

    @Override
    protected void readField(String field, JsonParser p) throws IOException, DecodeException {
        switch (field) {
            case "id":
                id = JsonFields.readId(p, field);
                break;
            case "label":
                readLabel(p, field);
                break;
            default:
                JsonFields.skip(p, field);
        }
    }

    private void readLabel(JsonParser p, String field) throws IOException, DecodeException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            positive = t == JsonToken.VALUE_TRUE;
        } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double v = JsonFields.readNumber(p, field);
            if (v != 0.0 && v != 1.0) {
                throw new DecodeException(
                        Reason.OUT_OF_RANGE, "Field '" + field + "' as a number must be 1 or 0, was " + p.getText());
            }
            positive = v == 1.0;
        } else if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NULL) {
            label = JsonFields.readString(p, field);
            if (label != null && label.isEmpty()) {
                throw new DecodeException(Reason.EMPTY_CLASS_NAME, "Field '" + field + "' must not be an empty class name");
            }
        } else {
            throw JsonFields.wrongType(field, "a class name, true/false or 1/0", t);
        }
    }

    @Override
    protected LabelEvent finishRecord(String key, Long ts, KafkaRecord record) throws DecodeException {
        if (id == null) {
            throw JsonFields.missing("id");
        }
        if (label == null && positive == null) {
            throw JsonFields.missing("label");
        }
        LabelEvent e = label != null
                ? LabelEvent.ofClass(id, requireTimestamp(ts), label)
                : LabelEvent.ofBinary(id, requireTimestamp(ts), positive);
        e.topic = record.topic;
        e.partition = record.partition;
        e.offset = record.offset;
        return e;
    }

    @Override
    public Class<LabelEvent> producedType() {
        return LabelEvent.class;
    }
}
