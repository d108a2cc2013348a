package org.infoprob.serde;

import org.infoprob.model.CalibratedEvent;
import org.infoprob.model.CalibrationMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON of the calibration outputs, written out in full. */
class CalibrationSerializersTest {

    @Test
    void calibratedEventWritesTheParametersThatApply() {
        CalibratedEvent e = new CalibratedEvent();
        e.key = "sensor-7";
        e.id = "e-42";
        e.ts = 17;
        e.segment = "";
        e.classes = new String[] {"cat", "dog"};
        e.probabilities = new double[] {0.75, 0.25};
        e.top = "cat";
        e.topProbability = 0.75;
        e.temperature = 2.5;
        e.standardError = 0.05;
        e.fitStatus = "FITTED";
        e.examples = 5000;
        CalibratedEventSerializer json = new CalibratedEventSerializer();
        assertThat(new String(json.serialize(e), StandardCharsets.UTF_8)).isEqualTo(
                "{\"key\":\"sensor-7\",\"id\":\"e-42\",\"ts\":17,\"segment\":\"\",\"probabilities\":{\"cat\":0.75,\"dog\":0.25},"
                        + "\"top\":\"cat\",\"topProbability\":0.75,\"temperature\":2.5,\"standardError\":0.05,"
                        + "\"fitStatus\":\"FITTED\",\"examples\":5000}");
        CalibratedEvent platt = new CalibratedEvent();
        platt.key = "k";
        platt.ts = 1;
        platt.segment = "m";
        platt.classes = new String[] {"negative", "positive"};
        platt.probabilities = new double[] {0.5, 0.5};
        platt.top = "negative";
        platt.topProbability = 0.5;
        platt.slope = 1.0;
        platt.intercept = 0.0;
        assertThat(new String(json.serialize(platt), StandardCharsets.UTF_8)).as("before a fit, no id").isEqualTo(
                "{\"key\":\"k\",\"ts\":1,\"segment\":\"m\",\"probabilities\":{\"negative\":0.5,\"positive\":0.5},"
                        + "\"top\":\"negative\",\"topProbability\":0.5,\"slope\":1.0,\"intercept\":0.0,\"examples\":0}");
    }

    @Test
    void metricsWriteTheReliabilityDiagramAsPointsAndNonFiniteValuesAsStrings() {
        CalibrationMetrics m = new CalibrationMetrics();
        m.segment = "m";
        m.windowStart = 0L;
        m.windowEnd = 60_000L;
        m.count = 2;
        m.rejected = 1;
        m.logLoss = Double.POSITIVE_INFINITY;
        m.brier = 0.5;
        m.ece = 0.4;
        m.accuracy = 0.5;
        m.meanConfidence = 0.8;
        m.reliabilityConfidence = new double[] {0.7, 0.9};
        m.reliabilityAccuracy = new double[] {0.0, 1.0};
        m.reliabilityCount = new long[] {1, 1};
        assertThat(new String(new CalibrationMetricsSerializer().serialize(m), StandardCharsets.UTF_8)).isEqualTo(
                "{\"segment\":\"m\",\"windowStart\":0,\"windowEnd\":60000,\"count\":2,\"rejected\":1,"
                        + "\"logLoss\":\"Infinity\",\"brier\":0.5,\"ece\":0.4,\"accuracy\":0.5,\"meanConfidence\":0.8,"
                        + "\"reliability\":[{\"confidence\":0.7,\"accuracy\":0.0,\"count\":1},{\"confidence\":0.9,\"accuracy\":1.0,\"count\":1}]}");
    }
}
