package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * A calibrated prediction with its true class: what the calibration metrics are computed from.
 * The calibrators emit one per labelled example on their {@code EVALUATIONS} side output, with
 * the probabilities of the parameters in use <em>before</em> the example joined the window
 * (prequential: the example was not fitted to).
 *
 * <pre>{@code
 * LabelledProbabilities x = LabelledProbabilities.of("m-1", 1732752000000L,
 *         new String[] {"cat", "dog"}, new double[] {0.7, 0.3}, 0);
 * }</pre>
 *
 * A Flink POJO. {@code segment} is the calibration segment (the key of the metrics), {@code ts}
 * the score event's time.
 */
@PublicEvolving
public class LabelledProbabilities {

    /** The calibration segment. */
    public String segment;
    /** The score event's id, or null. */
    public String id;
    /** The score event's time, epoch milliseconds. */
    public long ts;
    /** Class names parallel to {@link #probabilities}. */
    public String[] classes;
    /** The predicted probabilities. */
    public double[] probabilities;
    /** Index of the true class in {@link #probabilities}. */
    public int label;

    public LabelledProbabilities() {}

    /** The arrays are taken, not copied. */
    public static LabelledProbabilities of(String segment, long ts, String[] classes, double[] probabilities, int label) {
        LabelledProbabilities x = new LabelledProbabilities();
        x.segment = segment;
        x.ts = ts;
        x.classes = classes;
        x.probabilities = probabilities;
        x.label = label;
        return x;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LabelledProbabilities)) {
            return false;
        }
        LabelledProbabilities that = (LabelledProbabilities) o;
        return ts == that.ts
                && label == that.label
                && Objects.equals(segment, that.segment)
                && Objects.equals(id, that.id)
                && Arrays.equals(classes, that.classes)
                && Arrays.equals(probabilities, that.probabilities);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(segment, id, ts, label);
        h = 31 * h + Arrays.hashCode(classes);
        return 31 * h + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "LabelledProbabilities{segment=" + segment + ", id=" + id + ", ts=" + ts + ", probabilities="
                + Arrays.toString(probabilities) + ", label=" + label + "}";
    }
}
