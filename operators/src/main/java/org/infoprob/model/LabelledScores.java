package org.infoprob.model;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.Objects;

/**
 * A scored event paired with its true outcome: the output of the calibration label join and
 * the input the calibrators fit to.
 *
 * <ul>
 *   <li>named scores ({@link ScoreEvent}): {@code classes} and {@code scores} as the event had
 *       them, {@code label} the index of the true class in them;
 *   <li>a binary score ({@link BinaryScoreEvent}): {@code classes} null, {@code scores} the one
 *       score, {@code label} 1 for a positive answer and 0 for a negative one.
 * </ul>
 *
 * <pre>{@code
 * LabelledScores x = LabelledScores.of("sensor-7", "e-42", 1732752000000L,
 *         new String[] {"cat", "dog"}, new double[] {2.0, 1.0}, 0);   // the true class is "cat"
 * }</pre>
 *
 * <p>A Flink POJO (public no-argument constructor, public fields). {@code key} and {@code ts}
 * are the score event's: calibration is kept per segment of the key, and metrics windows are
 * counted in the time of the prediction, not of its label.
 */
@PublicEvolving
public class LabelledScores {

    /** The score event's key. */
    public String key;
    /** The id that paired event and label. */
    public String id;
    /** The score event's time, epoch milliseconds. */
    public long ts;
    /** Class names parallel to {@link #scores}; null for a binary score. */
    public String[] classes;
    /** The scores (logits); one entry for a binary score. */
    public double[] scores;
    /** Index of the true class in {@link #scores}; for a binary score 1 = positive, 0 = negative. */
    public int label;

    public LabelledScores() {}

    /** The arrays are taken, not copied. */
    public static LabelledScores of(String key, String id, long ts, String[] classes, double[] scores, int label) {
        LabelledScores x = new LabelledScores();
        x.key = key;
        x.id = id;
        x.ts = ts;
        x.classes = classes;
        x.scores = scores;
        x.label = label;
        return x;
    }

    /** Whether this is a binary example ({@link #scores} of one score, no class names). */
    public boolean binary() {
        return classes == null;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LabelledScores)) {
            return false;
        }
        LabelledScores that = (LabelledScores) o;
        return ts == that.ts
                && label == that.label
                && Objects.equals(key, that.key)
                && Objects.equals(id, that.id)
                && Arrays.equals(classes, that.classes)
                && Arrays.equals(scores, that.scores);
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(key, id, ts, label);
        h = 31 * h + Arrays.hashCode(classes);
        return 31 * h + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "LabelledScores{key=" + key + ", id=" + id + ", ts=" + ts + ", classes=" + Arrays.toString(classes)
                + ", scores=" + Arrays.toString(scores) + ", label=" + label + "}";
    }
}
