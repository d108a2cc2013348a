package org.infoprob.jobs;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.infoprob.internal.InvalidCounters;
import org.infoprob.math.Entropy;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.math.Ranking;
import org.infoprob.math.Softmax;
import org.infoprob.model.InvalidEvent;
import org.infoprob.model.Reason;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;
import java.util.Arrays;

/**
 * Score JSON in, probability JSON out, through {@link Softmax} at temperature 1: the one place
 * where the demo and the integration tests decode and encode records (the serde package
 * replaces it).
 *
 * <pre>{@code
 * in   {"id":17,"key":"sensor-7","ts":1732752000000,"scores":{"cat":2.0,"dog":1.0,"bird":-0.5}}
 * out  {"id":17,"key":"sensor-7","ts":1732752000000,
 *       "probabilities":{"cat":0.68967...,"dog":0.25371...,"bird":0.05661...},
 *       "top":"cat","topProbability":0.68967...,"entropy":0.76678...}
 *
 * DataStream<String> scores = env.fromSource(kafkaSource, WatermarkStrategy.noWatermarks(), "scores");
 * QuickSoftmax.buildPipeline(scores, probabilitySink, deadLetterSink);
 * }</pre>
 *
 * <p>Input: {@code scores} is required and holds 1 to {@link #MAX_CLASSES} class names with
 * numeric scores; {@code id} (integer), {@code key} (string) and {@code ts} (integer) are
 * optional and copied to the output when present; other fields are ignored. The tokens {@code
 * NaN}, {@code Infinity} and {@code -Infinity} are read as numbers: NaN is rejected, infinities
 * follow {@link Softmax}'s policy (+inf entries share the mass, all -inf is rejected).
 * Probabilities are written as Java's shortest round-trip decimal, so they parse back to the
 * same doubles; classes keep their input order.
 *
 * <p>Rejected records go to {@link InvalidEvent#TAG} with a {@link Reason}, the message and the
 * original payload, and are counted by {@link InvalidCounters}; they never throw. Their Kafka
 * origin (topic, partition, offset) is not known here, as the source hands over values only.
 */
public class QuickSoftmax extends ProcessFunction<String, String> {

    private static final long serialVersionUID = 1L;

    /** Name and uid of the operator; also written as {@code rejectedBy} into dead letters. */
    public static final String NAME = "quick-softmax";

    /** The most classes one record may hold; more are rejected as {@code TOO_MANY_CLASSES}. */
    public static final int MAX_CLASSES = 256;

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private transient JsonFactory json;
    private transient InvalidCounters invalid;
    private transient StringBuilder text;

    // The decoded record, reused from one record to the next.
    private transient String[] classes;
    private transient double[] scores;
    private transient double[] probabilities;
    private transient int count;
    private transient boolean hasId;
    private transient long id;
    private transient String key;
    private transient boolean hasTs;
    private transient long ts;

    /**
     * Wires the softmax between a stream of score JSON and two sinks: probability JSON to
     * {@code probabilities}, dead-letter JSON ({@link #deadLetterJson}) to {@code deadLetters}.
     * Operators are named and have uids, so savepoints stay compatible.
     */
    public static void buildPipeline(
            DataStream<String> scoreJson, Sink<String> probabilities, Sink<String> deadLetters) {
        SingleOutputStreamOperator<String> out =
                scoreJson.process(new QuickSoftmax()).name(NAME).uid(NAME);
        out.sinkTo(probabilities).name("probabilities").uid("probabilities");
        out.getSideOutput(InvalidEvent.TAG)
                .map(QuickSoftmax::deadLetterJson)
                .name("dead-letter-json")
                .uid("dead-letter-json")
                .sinkTo(deadLetters)
                .name("dead-letters")
                .uid("dead-letters");
    }

    @Override
    public void open(OpenContext openContext) {
        json = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        invalid = new InvalidCounters(getRuntimeContext().getMetricGroup());
        text = new StringBuilder(256);
        classes = new String[8];
        scores = new double[8];
        probabilities = new double[8];
    }

    @Override
    public void processElement(String value, Context ctx, Collector<String> out) {
        try {
            decode(value);
            Softmax.probabilities(scores, count, 1.0, probabilities);
        } catch (Rejected e) {
            reject(e.reason, e.getMessage(), value, ctx);
            return;
        } catch (InvalidScoresException e) {
            reject(reasonOf(e), messageOf(e), value, ctx);
            return;
        }
        out.collect(encode());
    }

    private void reject(Reason reason, String message, String value, Context ctx) {
        ctx.output(
                InvalidEvent.TAG,
                InvalidEvent.of(
                        reason, message, NAME, key, hasTs ? ts : null, null, null, null, value));
        invalid.count(reason);
    }

    private static Reason reasonOf(InvalidScoresException e) {
        switch (e.kind()) {
            case NAN:
                return Reason.NON_FINITE_SCORE;
            case ALL_NEGATIVE_INFINITY:
                return Reason.ALL_NEGATIVE_INFINITY;
            case EMPTY:
                return Reason.EMPTY_SCORES;
            default:
                throw new IllegalStateException("Unknown kind " + e.kind());
        }
    }

    private String messageOf(InvalidScoresException e) {
        return e.index() >= 0 ? e.getMessage() + " (class " + classes[e.index()] + ")" : e.getMessage();
    }

    // ---------------------------------------------------------------------------------------
    // Decoding

    private void decode(String value) throws Rejected {
        count = 0;
        hasId = false;
        key = null;
        hasTs = false;
        boolean sawScores = false;
        try (JsonParser p = json.createParser(value)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new Rejected(
                        Reason.NOT_AN_OBJECT, "Record must be a JSON object, was " + first);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (token == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (field) {
                    case "id":
                        id = integer(p, token, "id");
                        hasId = true;
                        break;
                    case "ts":
                        ts = integer(p, token, "ts");
                        hasTs = true;
                        break;
                    case "key":
                        if (token != JsonToken.VALUE_STRING) {
                            throw wrongType("key", "a string", token);
                        }
                        key = p.getText();
                        break;
                    case "scores":
                        if (token != JsonToken.START_OBJECT) {
                            throw wrongType("scores", "an object of class name to number", token);
                        }
                        decodeScores(p);
                        sawScores = true;
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new Rejected(
                        Reason.INVALID_JSON, "Unexpected content after the record's closing brace");
            }
        } catch (JsonProcessingException e) {
            throw new Rejected(Reason.INVALID_JSON, "Not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            // A String source has no I/O; Jackson declares it for streams.
            throw new Rejected(Reason.INVALID_JSON, "Not valid JSON: " + e.getMessage());
        }
        if (!sawScores) {
            throw new Rejected(Reason.MISSING_FIELD, "Field scores is required");
        }
    }

    private void decodeScores(JsonParser p) throws IOException, Rejected {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            if (name.isEmpty()) {
                throw new Rejected(Reason.EMPTY_CLASS_NAME, "Class names must not be empty");
            }
            if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
                throw wrongType("scores." + name, "a number", token);
            }
            // A linear scan: records hold few classes, and MAX_CLASSES bounds the worst case.
            for (int i = 0; i < count; i++) {
                if (classes[i].equals(name)) {
                    throw new Rejected(
                            Reason.DUPLICATE_CLASS, "Class " + name + " occurs twice in scores");
                }
            }
            if (count == MAX_CLASSES) {
                throw new Rejected(
                        Reason.TOO_MANY_CLASSES,
                        "Scores must hold at most " + MAX_CLASSES + " classes, had more");
            }
            if (count == classes.length) {
                int grown = Math.min(MAX_CLASSES, 2 * count);
                classes = Arrays.copyOf(classes, grown);
                scores = Arrays.copyOf(scores, grown);
                probabilities = Arrays.copyOf(probabilities, grown);
            }
            classes[count] = name;
            scores[count] = p.getDoubleValue();
            count++;
        }
    }

    private static long integer(JsonParser p, JsonToken token, String field)
            throws IOException, Rejected {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(field, "an integer", token);
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new Rejected(
                    Reason.WRONG_TYPE, "Field " + field + " must fit in 64 bits, was " + p.getText());
        }
        return p.getLongValue();
    }

    private static Rejected wrongType(String field, String expected, JsonToken was) {
        return new Rejected(
                Reason.WRONG_TYPE, "Field " + field + " must be " + expected + ", was " + was);
    }

    // ---------------------------------------------------------------------------------------
    // Encoding

    private String encode() {
        StringBuilder b = text;
        b.setLength(0);
        b.append('{');
        if (hasId) {
            b.append("\"id\":").append(id).append(',');
        }
        if (key != null) {
            b.append("\"key\":");
            quoted(b, key).append(',');
        }
        if (hasTs) {
            b.append("\"ts\":").append(ts).append(',');
        }
        b.append("\"probabilities\":{");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.append(',');
            }
            quoted(b, classes[i]).append(':').append(probabilities[i]);
        }
        int top = Ranking.argmax(probabilities, count);
        b.append("},\"top\":");
        quoted(b, classes[top]);
        b.append(",\"topProbability\":").append(probabilities[top]);
        b.append(",\"entropy\":").append(Entropy.nats(probabilities, count));
        return b.append('}').toString();
    }

    /**
     * A dead letter as JSON: {@code reason}, {@code error}, {@code rejectedBy}, then {@code key},
     * {@code ts}, {@code topic}, {@code partition}, {@code offset} when known, and the original
     * {@code payload}.
     */
    public static String deadLetterJson(InvalidEvent e) {
        StringBuilder b = new StringBuilder(128 + (e.payload == null ? 0 : e.payload.length()));
        b.append("{\"reason\":");
        quoted(b, e.reason);
        b.append(",\"error\":");
        quoted(b, e.error);
        b.append(",\"rejectedBy\":");
        quoted(b, e.rejectedBy);
        if (e.key != null) {
            b.append(",\"key\":");
            quoted(b, e.key);
        }
        if (e.ts != null) {
            b.append(",\"ts\":").append(e.ts.longValue());
        }
        if (e.topic != null) {
            b.append(",\"topic\":");
            quoted(b, e.topic);
        }
        if (e.partition != null) {
            b.append(",\"partition\":").append(e.partition.intValue());
        }
        if (e.offset != null) {
            b.append(",\"offset\":").append(e.offset.longValue());
        }
        b.append(",\"payload\":");
        quoted(b, e.payload);
        return b.append('}').toString();
    }

    private static StringBuilder quoted(StringBuilder b, String s) {
        if (s == null) {
            return b.append("null");
        }
        b.append('"');
        ENCODER.quoteAsString(s, b);
        return b.append('"');
    }

    /** A record that cannot be decoded; no stack trace, bad input is expected. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        final Reason reason;

        Rejected(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
