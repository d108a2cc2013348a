package org.infoprob.jobs.demo;

import org.infoprob.model.Reason;

/**
 * The poison records of the demo's traffic: records a decoder must reject, each for a known
 * {@link Reason}. An {@code INVALID_JSON} record is a valid one cut short, a {@code
 * NON_FINITE_SCORE} one holds a bare {@code NaN} as Python's {@code json.dumps} writes it.
 *
 * <pre>{@code
 * PoisonRecords.binaryScore("card-1", 1000, Reason.WRONG_TYPE);   // {"key":"card-1","ts":1000,"score":"0.7"}
 * }</pre>
 */
final class PoisonRecords {

    /** The kinds of poison score records, each as likely in the traffic. */
    static final Reason[] SCORE_KINDS = {Reason.INVALID_JSON, Reason.NON_FINITE_SCORE, Reason.MISSING_FIELD, Reason.WRONG_TYPE};
    /** The kinds of poison class events. */
    static final Reason[] CLASS_KINDS = {Reason.INVALID_JSON, Reason.EMPTY_CLASS_NAME, Reason.MISSING_FIELD, Reason.WRONG_TYPE};

    private PoisonRecords() {}

    /** A score record of {@code classes} that a decoder rejects for {@code reason}, one of {@link #SCORE_KINDS}. */
    static String scores(String key, long ts, String[] classes, Reason reason) {
        return DemoJson.write(g -> {
            DemoJson.startRecord(g, key, ts);
            switch (reason) {
                case INVALID_JSON: // cut short after the first score
                    g.writeObjectFieldStart("scores");
                    g.writeNumberField(classes[0], 1.5);
                    return;
                case NON_FINITE_SCORE:
                    g.writeObjectFieldStart("scores");
                    g.writeFieldName(classes[0]);
                    g.writeNumber("NaN"); // as Python's json.dumps writes it
                    g.writeNumberField(classes[1], 0.5);
                    g.writeEndObject();
                    break;
                case MISSING_FIELD:
                    g.writeNumberField("score", 1.5);
                    break;
                default:
                    g.writeStringField("scores", "high");
                    break;
            }
            g.writeEndObject();
        });
    }

    /** A binary score record that a decoder rejects for {@code reason}, one of {@link #SCORE_KINDS}. */
    static String binaryScore(String key, long ts, Reason reason) {
        return DemoJson.write(g -> {
            DemoJson.startRecord(g, key, ts);
            switch (reason) {
                case INVALID_JSON: // the closing brace missing
                    g.writeNumberField("score", 0.7);
                    return;
                case NON_FINITE_SCORE:
                    g.writeFieldName("score");
                    g.writeNumber("NaN");
                    break;
                case MISSING_FIELD:
                    g.writeNumberField("scores", 0.7);
                    break;
                default:
                    g.writeStringField("score", "0.7");
                    break;
            }
            g.writeEndObject();
        });
    }

    /** A class event that a decoder rejects for {@code reason}, one of {@link #CLASS_KINDS}. */
    static String classEvent(String key, long ts, Reason reason) {
        return DemoJson.write(g -> {
            DemoJson.startRecord(g, key, ts);
            switch (reason) {
                case INVALID_JSON: // the closing brace missing
                    g.writeStringField("class", "login");
                    return;
                case EMPTY_CLASS_NAME:
                    g.writeStringField("class", "");
                    break;
                case MISSING_FIELD:
                    g.writeStringField("event", "login");
                    break;
                default:
                    g.writeNumberField("class", 42);
                    break;
            }
            g.writeEndObject();
        });
    }
}
