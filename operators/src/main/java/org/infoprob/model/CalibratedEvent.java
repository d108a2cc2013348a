package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * Calibrated probabilities of one score event, with the calibration that produced them: the
 * output of the calibration operators.
 *
 * <ul>
 *   <li>temperature scaling: {@code probabilities = softmax(scores / temperature)} over the
 *       event's {@code classes}; {@code slope} and {@code intercept} are NaN;
 *   <li>Platt scaling: {@code classes = {negative, positive}}, {@code probabilities = {1 - p,
 *       p}} with {@code p = sigmoid(slope * score + intercept)}; {@code temperature} is NaN.
 * </ul>
 *
 * {@code fitStatus} is the {@code FitStatus} name of the segment's last fit (null before its
 * first); the parameters in use are the last ones a fit installed, or the initial ones ({@code T
 * = 1}, or {@code a = 1, b = 0}: the uncalibrated probabilities). {@code standardError} is that
 * of the temperature, or of the slope (NaN before a fit); {@code examples} the labelled examples
 * in the segment's window when the parameters were fitted.
 *
 * <pre>{@code
 * {"key":"sensor-7","id":"e-42","ts":1732752000000,"classes":["cat","dog"],"probabilities":[0.6,0.4],
 *  "top":"cat","topProbability":0.6,"temperature":2.47,"fitStatus":"FITTED","examples":5000}
 * }</pre>
 *
 * <p>A Flink POJO (public no-argument constructor, public fields).
 */
@PublicEvolving
public class CalibratedEvent {

    /** The score event's key. */
    public String key;
    /** The score event's id, or null. */
    public String id;
    /** The score event's time, epoch milliseconds. */
    public long ts;
    /** The segment whose calibration was applied. */
    public String segment;
    /** Class names, parallel to {@link #probabilities}. */
    public String[] classes;
    /** The calibrated probabilities. */
    public double[] probabilities;
    /** The most probable class (the first of equals). */
    public String top;
    /** Its probability. */
    public double topProbability;
    /** The temperature applied (temperature scaling), else NaN. */
    public double temperature = Double.NaN;
    /** Platt's slope {@code a} applied, else NaN. */
    public double slope = Double.NaN;
    /** Platt's intercept {@code b} applied, else NaN. */
    public double intercept = Double.NaN;
    /** Standard error of the temperature, or of the slope, from the last fit; NaN before it. */
    public double standardError = Double.NaN;
    /** How the segment's last fit ended ({@code FitStatus} name), null before its first. */
    public String fitStatus;
    /** Labelled examples in the window at the last fit. */
    public int examples;

    public CalibratedEvent() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CalibratedEvent)) {
            return false;
        }
        CalibratedEvent that = (CalibratedEvent) o;
        return ts == that.ts
                && examples == that.examples
                && Double.compare(topProbability, that.topProbability) == 0
                && Double.compare(temperature, that.temperature) == 0
                && Double.compare(slope, that.slope) == 0
                && Double.compare(intercept, that.intercept) == 0
                && Double.compare(standardError, that.standardError) == 0
                && Objects.equals(key, that.key)
                && Objects.equals(id, that.id)
                && Objects.equals(segment, that.segment)
                && Objects.equals(top, that.top)
                && Objects.equals(fitStatus, that.fitStatus)
                && Arrays.equals(classes, that.classes)
                && Arrays.equals(probabilities, that.probabilities);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(key, id, ts, segment, top, topProbability, temperature, slope, intercept, standardError,
                fitStatus, examples);
        h = 31 * h + Arrays.hashCode(classes);
        return 31 * h + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "CalibratedEvent{key=" + key + ", id=" + id + ", ts=" + ts + ", segment=" + segment
                + ", classes=" + Arrays.toString(classes) + ", probabilities=" + Arrays.toString(probabilities)
                + ", temperature=" + temperature + ", slope=" + slope + ", intercept=" + intercept
                + ", fitStatus=" + fitStatus + ", examples=" + examples + "}";
    }
}
