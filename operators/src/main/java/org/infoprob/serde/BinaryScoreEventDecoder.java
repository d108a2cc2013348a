package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.Reason;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * Decodes binary score events for the sigmoid:
 *
 * <pre>{@code
 * {"key":"sensor-7","ts":1732752000000,"score":1.3}
 * }</pre>
 *
 * Required: {@code score}, a number ({@code MISSING_FIELD}, {@code WRONG_TYPE}; NaN: {@code
 * NON_FINITE_SCORE}; {@code Infinity} and {@code -Infinity} give 1 and 0; a finite literal
 * beyond a double such as {@code 1e999}: {@code OUT_OF_RANGE}). Optional: {@code key}, {@code
 * ts} with the Kafka defaults ({@code MISSING_TIMESTAMP} when neither has a time), {@code id} as
 * for {@link ScoreEventDecoder} (a non-empty string or an integer; absent or null: none). The rules
 * every JSON decoder shares are those of {@link JsonRecordReader}.
 *
 * <pre>{@code
 * RecordDecoder<BinaryScoreEvent> decoder = new BinaryScoreEventDecoder(1 << 20);
 * }</pre>
 */
@PublicEvolving
public final class BinaryScoreEventDecoder extends JsonRecordReader<BinaryScoreEvent> {

    private static final long serialVersionUID = 1L;

    public BinaryScoreEventDecoder() {
        this(DEFAULT_MAX_RECORD_BYTES);
    }

    public BinaryScoreEventDecoder(int maxRecordBytes) {
        super(maxRecordBytes);
    }

    private transient String id;
    private transient boolean hasScore;
    private transient double score;

    @Override
    protected void startRecord() {
        hasScore = false;
        id = null;
    }

    @Override
    protected void readField(String field, JsonParser p) throws IOException, DecodeException {
        if (field.equals("score") && p.currentToken() != JsonToken.VALUE_NULL) {
            score = JsonFields.readNumber(p, field);
            hasScore = true;
        } else if (field.equals("id")) {
            id = JsonFields.readId(p, field);
        } else {
            JsonFields.skip(p, field);
        }
    }

    @Override
    protected BinaryScoreEvent finishRecord(String key, Long ts, KafkaRecord record) throws DecodeException {
        if (!hasScore) {
            throw JsonFields.missing("score");
        }
        if (Double.isNaN(score)) {
            throw new DecodeException(Reason.NON_FINITE_SCORE, "Field 'score' must not be NaN");
        }
        BinaryScoreEvent e = BinaryScoreEvent.of(key, requireTimestamp(ts), score);
        e.id = id;
        e.topic = record.topic;
        e.partition = record.partition;
        e.offset = record.offset;
        return e;
    }

    @Override
    public Class<BinaryScoreEvent> producedType() {
        return BinaryScoreEvent.class;
    }
}
