package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.model.CalibrationMetrics;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * Writes {@link CalibrationMetrics} of one segment and window:
 *
 * <pre>{@code
 * {"segment":"","windowStart":1732752000000,"windowEnd":1732752060000,"count":1000,"rejected":0,
 *  "logLoss":1.21,"brier":0.62,"ece":0.011,"accuracy":0.51,"meanConfidence":0.52,
 *  "reliability":[{"confidence":0.27,"accuracy":0.26,"count":67},...]}
 * }</pre>
 *
 * The reliability diagram is an array of its points in increasing confidence. A metric that is
 * NaN (an empty window) or infinite (a true class of probability 0 in the log loss) is written as
 * the string {@code "NaN"} or {@code "Infinity"} (JSON has neither); window bounds are left out
 * outside a window.
 */
@PublicEvolving
public final class CalibrationMetricsSerializer extends JsonRecordWriter<CalibrationMetrics> {

    private static final long serialVersionUID = 1L;

    @Override
    void write(JsonGenerator g, CalibrationMetrics m) throws IOException {
        g.writeStartObject();
        g.writeStringField("segment", m.segment);
        if (m.windowStart != null) {
            g.writeNumberField("windowStart", m.windowStart);
            g.writeNumberField("windowEnd", m.windowEnd);
        }
        g.writeNumberField("count", m.count);
        g.writeNumberField("rejected", m.rejected);
        g.writeNumberField("logLoss", m.logLoss);
        g.writeNumberField("brier", m.brier);
        g.writeNumberField("ece", m.ece);
        g.writeNumberField("accuracy", m.accuracy);
        g.writeNumberField("meanConfidence", m.meanConfidence);
        g.writeArrayFieldStart("reliability");
        for (int b = 0; m.reliabilityCount != null && b < m.reliabilityCount.length; b++) {
            g.writeStartObject();
            g.writeNumberField("confidence", m.reliabilityConfidence[b]);
            g.writeNumberField("accuracy", m.reliabilityAccuracy[b]);
            g.writeNumberField("count", m.reliabilityCount[b]);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
