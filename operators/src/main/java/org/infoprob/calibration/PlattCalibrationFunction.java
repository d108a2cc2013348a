package org.infoprob.calibration;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetters;
import org.infoprob.math.PlattFit;
import org.infoprob.math.PlattScaling;
import org.infoprob.math.Sigmoid;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.CalibratedEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.Reason;

import java.util.List;

/**
 * Platt scaling fitted in the stream, per segment: every binary score event comes out as {@code
 * p = sigmoid(a s + b)} with the segment's current {@code a, b}, refitted to the segment's
 * recent labelled examples by {@link PlattScaling} (Platt 1999 with Platt's target smoothing;
 * Newton with backtracking of Lin, Lin and Weng 2007). The shared machinery (window, refits,
 * state) is {@link CalibrationFunction}'s.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<CalibratedEvent> calibrated = binaryScores.keyBy(e -> "")
 *         .connect(examples.keyBy(x -> ""))          // from LabelJoinFunction.forBinaryScores()
 *         .process(PlattCalibrationFunction.builder().setHalfLife(5_000).build())
 *         .name("platt").uid("platt");
 * }</pre>
 *
 * <p>Output: {@code classes = {negative, positive}} (names set by {@link Builder#setLabels}),
 * {@code probabilities = {sigmoid(-(a s + b)), sigmoid(a s + b)}} (each computed directly, so
 * the smaller keeps its relative accuracy), {@code slope = a}, {@code intercept = b}. Before a
 * segment's first installed fit {@code a = 1, b = 0}: the plain sigmoid. Infinite scores map to
 * 1 or 0 ({@code sigmoid(b)} when {@code a = 0}), as {@link PlattScaling#probability} says.
 *
 * <p>Every refit starts from Lin et al.'s initial point, not from the previous fit: {@link
 * PlattScaling} has no setter for a start point, and the window is rebuilt from state per
 * refit. The optimum is the same (the objective is convex; the fit stops at a gradient of
 * {@code 1e-9} of the weight), at the cost of a few more Newton steps.
 *
 * <p>Rejections: a NaN score ({@code NON_FINITE_SCORE}); a labelled example that is not binary
 * (class names, or other than one score: {@code TOO_MANY_CLASSES}) or has a label other than 0
 * or 1 ({@code UNKNOWN_LABEL}).
 */
@PublicEvolving
public class PlattCalibrationFunction extends CalibrationFunction<BinaryScoreEvent> {

    private static final long serialVersionUID = 1L;

    private final String negative;
    private final String positive;

    PlattCalibrationFunction(Builder b) {
        super(b.window(), b.deadLetterSettings("PlattCalibrationFunction"));
        this.negative = b.negative;
        this.positive = b.positive;
    }

    /** A builder; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    CalibrationState initial() {
        CalibrationState s = new CalibrationState();
        s.temperature = Double.NaN;
        s.slope = 1.0;
        s.intercept = 0.0;
        return s;
    }

    @Override
    DeadLetterCause apply(BinaryScoreEvent e, CalibrationState s, CalibratedEvent out) {
        if (Double.isNaN(e.score)) {
            return new DeadLetterCause(Reason.NON_FINITE_SCORE, "Score must not be NaN");
        }
        out.key = e.key;
        out.id = e.id;
        out.ts = e.ts;
        out.classes = new String[] {negative, positive};
        out.probabilities = pair(e.score, s);
        out.slope = s.slope;
        out.intercept = s.intercept;
        return null;
    }

    /** {@code {sigmoid(-z), sigmoid(z)}}, {@code z = a score + b}, each computed directly. */
    private static double[] pair(double score, CalibrationState s) {
        // As PlattScaling.probability: an infinite score with a = 0 leaves sigmoid(b).
        double z = Double.isInfinite(score) && s.slope == 0.0 ? s.intercept : s.slope * score + s.intercept;
        return new double[] {Sigmoid.sigmoid(-z), Sigmoid.sigmoid(z)};
    }

    @Override
    String[] classes(LabelledScores x) {
        return new String[] {negative, positive};
    }

    @Override
    double[] probabilities(LabelledScores x, CalibrationState s) {
        return pair(x.scores[0], s);
    }

    @Override
    DeadLetter reject(DeadLetters deadLetters, DeadLetterCause cause, BinaryScoreEvent e) {
        return deadLetters.reject(cause, e);
    }

    @Override
    DeadLetterCause row(LabelledScores x, CalibrationExample row) {
        if (x.classes != null || x.scores == null || x.scores.length != 1) {
            return new DeadLetterCause(Reason.TOO_MANY_CLASSES,
                    "Platt scaling takes binary examples (one score, no class names), was "
                            + (x.scores == null ? "no scores" : x.scores.length + " scores"));
        }
        if (x.label != 0 && x.label != 1) {
            return new DeadLetterCause(Reason.UNKNOWN_LABEL, "A binary label must be 1 or 0, was " + x.label);
        }
        if (Double.isNaN(x.scores[0])) {
            return new DeadLetterCause(Reason.NON_FINITE_SCORE, "Score must not be NaN");
        }
        row.scores = new double[] {x.scores[0]};
        row.label = x.label;
        return null;
    }

    @Override
    void fit(CalibrationState s, List<CalibrationExample> rows) {
        PlattScaling platt = PlattScaling.builder()
                .setCapacity(Math.max(1, rows.size()))
                .setHalfLife(window.halfLife())
                .setMinExamples(window.minExamples())
                .build();
        for (CalibrationExample row : rows) {
            platt.observe(row.scores[0], row.label == 1);
        }
        PlattFit fit = platt.fit();
        s.fitStatus = fit.status().name();
        s.examples = fit.examples();
        if (fit.status().updated()) {
            s.slope = fit.slope();
            s.intercept = fit.intercept();
            s.standardError = fit.standardErrorSlope();
        }
    }

    /**
     * Settings of a {@link PlattCalibrationFunction}: those of {@link CalibrationBuilder}, and
     * {@code setLabels(negative, positive)}, the output class names (default {@code "negative"},
     * {@code "positive"}; non-empty and different).
     */
    @PublicEvolving
    public static final class Builder extends CalibrationBuilder<Builder> {
        private String negative = "negative";
        private String positive = "positive";

        private Builder() {}

        /** Names of the two output classes. */
        public Builder setLabels(String negative, String positive) {
            this.negative = negative;
            this.positive = positive;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public PlattCalibrationFunction build() {
            WindowSettings w = window();
            PlattScaling.builder().setCapacity(1).setHalfLife(w.halfLife()).setMinExamples(w.minExamples()).build();
            if (negative == null || negative.isEmpty() || positive == null || positive.isEmpty()) {
                throw new IllegalArgumentException("Labels must be non-empty, was negative=" + negative + ", positive=" + positive);
            }
            if (negative.equals(positive)) {
                throw new IllegalArgumentException("Labels must differ, was '" + negative + "' for both");
            }
            return new PlattCalibrationFunction(this);
        }

        @Override
        Builder self() {
            return this;
        }
    }
}
