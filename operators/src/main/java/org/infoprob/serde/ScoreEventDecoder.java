package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.ScoreValidator;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonParser;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes score events with named classes:
 *
 * <pre>{@code
 * {"key":"sensor-7","ts":1732752000000,"scores":{"cat":2.0,"dog":1.0,"bird":-0.5}}
 * }</pre>
 *
 * Required: {@code scores}, an object of class name to number ({@code MISSING_FIELD}, {@code
 * WRONG_TYPE}, {@code EMPTY_SCORES}, at most {@code maxClasses} entries: {@code
 * TOO_MANY_CLASSES}, checked while reading so a huge record is not materialised; a class name
 * twice is {@code DUPLICATE_CLASS}). Optional: {@code key} (default: the Kafka key) and {@code
 * ts} (default: the Kafka timestamp; neither: {@code MISSING_TIMESTAMP}) and {@code id} (what a
 * later label names, for the calibration join: a non-empty string or an integer, else {@code
 * WRONG_TYPE}; absent or null: no id). The rules every JSON
 * decoder shares (raw bytes, Unicode, duplicates, key, event time, numbers) are those of {@link
 * JsonRecordReader}. Then the operators' own checks run here too (the same {@link
 * ScoreValidator}: {@code EMPTY_CLASS_NAME}, {@code UNKNOWN_CLASS} under a fixed class list,
 * {@code NON_FINITE_SCORE} for NaN, {@code ALL_NEGATIVE_INFINITY}), so that a rejected record's
 * dead letter keeps its original bytes. {@code Infinity} and {@code -Infinity} literals are read
 * and follow the softmax policy; a finite literal beyond a double ({@code 1e999}) is {@code
 * OUT_OF_RANGE}, not infinity.
 *
 * <pre>{@code
 * RecordDecoder<ScoreEvent> decoder = new ScoreEventDecoder(null, 10_000, 1 << 20, false);
 * }</pre>
 */
@PublicEvolving
public final class ScoreEventDecoder extends JsonRecordReader<ScoreEvent> {

    private static final long serialVersionUID = 1L;

    private final ScoreValidator validator;
    private final boolean independentClasses;

    private transient String id;
    private transient String[] names;
    private transient double[] values;
    private transient int count;

    /** Any classes, at most {@link ScoreValidator#DEFAULT_MAX_CLASSES}, 1 MiB per record. */
    public ScoreEventDecoder() {
        this(null, ScoreValidator.DEFAULT_MAX_CLASSES, DEFAULT_MAX_RECORD_BYTES, false);
    }

    /**
     * @param fixedClasses the allowed classes (a record may hold a subset), or null for any
     * @param maxClasses the most classes one record may hold, &gt;= 1
     * @param maxRecordBytes the largest record, &gt;= 1
     * @param independentClasses true for multi-label sigmoid input, where every score may be
     *     -inf (no class present); false for a softmax, which needs one finite score
     */
    public ScoreEventDecoder(String[] fixedClasses, int maxClasses, int maxRecordBytes, boolean independentClasses) {
        super(maxRecordBytes);
        this.validator = ScoreValidator.create(fixedClasses, maxClasses);
        this.independentClasses = independentClasses;
    }

    @Override
    protected void startRecord() {
        count = -1;
        id = null;
    }

    @Override
    protected void readField(String field, JsonParser p) throws IOException, DecodeException {
        if (field.equals("scores")) {
            count = readScores(p);
        } else if (field.equals("id")) {
            id = JsonFields.readId(p, field);
        } else {
            JsonFields.skip(p, field);
        }
    }


    @Override
    protected ScoreEvent finishRecord(String key, Long ts, KafkaRecord record) throws DecodeException {
        if (count < 0) {
            throw JsonFields.missing("scores");
        }
        long time = requireTimestamp(ts);
        String[] classes = Arrays.copyOf(names, count);
        double[] scores = Arrays.copyOf(values, count);
        DeadLetterCause r = validator.checkRecord(classes, scores, independentClasses);
        if (r != null) {
            throw new DecodeException(r.reason(), r.message());
        }
        ScoreEvent e = ScoreEvent.of(key, time, classes, scores);
        e.id = id;
        e.topic = record.topic;
        e.partition = record.partition;
        e.offset = record.offset;
        return e;
    }

    /** Reads the scores object into the scratch arrays; returns how many. */
    private int readScores(JsonParser p) throws IOException, DecodeException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            throw JsonFields.missing("scores");
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonFields.wrongType("scores", "an object of class name to number", p.currentToken());
        }
        if (names == null) {
            names = new String[16];
            values = new double[16];
        }
        int n = 0;
        int max = validator.maxClasses();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonFields.checkUnicode(name, "A class name in 'scores'");
            p.nextToken();
            if (n == max) {
                throw new DecodeException(
                        Reason.TOO_MANY_CLASSES, "Classes must number at most " + max + ", found more");
            }
            if (n == names.length) {
                names = Arrays.copyOf(names, 2 * n);
                values = Arrays.copyOf(values, 2 * n);
            }
            names[n] = name;
            values[n] = JsonFields.readNumber(p, "scores", name);
            n++;
        }
        if (n == 0) {
            throw new DecodeException(Reason.EMPTY_SCORES, "Field 'scores' must hold at least one class, was {}");
        }
        return n;
    }

    @Override
    public Class<ScoreEvent> producedType() {
        return ScoreEvent.class;
    }
}
