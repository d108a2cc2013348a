package org.infoprob.calibration;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.internal.DeadLetterCause;
import org.infoprob.internal.DeadLetters;
import org.infoprob.internal.ScoreValidator;
import org.infoprob.math.InvalidScoresException;
import org.infoprob.math.Softmax;
import org.infoprob.math.TemperatureFit;
import org.infoprob.math.TemperatureScaling;
import org.infoprob.model.CalibratedEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.LabelledScores;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;

import java.util.Arrays;
import java.util.List;

/**
 * Temperature scaling fitted in the stream, per segment: every score event comes out as {@code
 * softmax(scores / T)} with the segment's current temperature, and {@code T} is refitted to the
 * segment's recent labelled examples by {@link TemperatureScaling} (minimum negative
 * log-likelihood, safeguarded Newton in {@code 1/T}, warm-started at the current T; Guo et al.,
 * ICML 2017). The shared machinery (window, refits, state) is {@link CalibrationFunction}'s.
 *
 * <pre>{@code
 * SingleOutputStreamOperator<CalibratedEvent> calibrated = scores.keyBy(e -> "")
 *         .connect(examples.keyBy(x -> ""))          // LabelledScores from a LabelJoinFunction
 *         .process(TemperatureCalibrationFunction.builder(5).setHalfLife(2_000).build())
 *         .name("temperature").uid("temperature");
 * }</pre>
 *
 * <p>Window rows are {@code K} wide ({@link #builder(int)}'s {@code classes}):
 * an example with fewer classes is padded with {@code -inf}, which has probability 0 at every T
 * and so leaves the likelihood exactly as it was; one with more is a dead letter {@code
 * TOO_MANY_CLASSES}. Score events of any number of classes are calibrated. The arg-max never
 * changes. Before a segment's first installed fit the temperature is the initial one (default
 * 1: the plain softmax). Rejections: score events as by the softmax ({@code NON_FINITE_SCORE},
 * {@code ALL_NEGATIVE_INFINITY}, {@code LENGTH_MISMATCH}, ...); labelled examples with NaN or
 * all {@code -inf} scores, or more than K classes.
 */
@PublicEvolving
public class TemperatureCalibrationFunction extends CalibrationFunction<ScoreEvent> {

    private static final long serialVersionUID = 1L;

    private final int classes;
    private final double minTemperature;
    private final double maxTemperature;
    private final double initialTemperature;
    private final ScoreValidator validator = ScoreValidator.create(null, ScoreValidator.DEFAULT_MAX_CLASSES);

    TemperatureCalibrationFunction(Builder b) {
        super(b.window(), b.deadLetterSettings("TemperatureCalibrationFunction"));
        this.classes = b.classes;
        this.minTemperature = b.minTemperature;
        this.maxTemperature = b.maxTemperature;
        this.initialTemperature = b.initialTemperature;
    }

    /** A builder for windows of {@code classes} (K) scores per example. */
    public static Builder builder(int classes) {
        return new Builder(classes);
    }

    @Override
    CalibrationState initial() {
        CalibrationState s = new CalibrationState();
        s.temperature = initialTemperature;
        s.slope = Double.NaN;
        s.intercept = Double.NaN;
        return s;
    }

    @Override
    DeadLetterCause apply(ScoreEvent e, CalibrationState s, CalibratedEvent out) {
        DeadLetterCause cause = validator.check(e.classes, e.scores);
        if (cause != null) {
            return cause;
        }
        double[] p = new double[e.scores.length];
        try {
            Softmax.probabilities(e.scores, p.length, s.temperature, p);
        } catch (InvalidScoresException invalid) {
            return DeadLetterCause.of(invalid);
        }
        out.key = e.key;
        out.id = e.id;
        out.ts = e.ts;
        out.classes = e.classes.clone();
        out.probabilities = p;
        out.temperature = s.temperature;
        return null;
    }

    @Override
    DeadLetter reject(DeadLetters deadLetters, DeadLetterCause cause, ScoreEvent e) {
        return deadLetters.reject(cause, e);
    }

    @Override
    String[] classes(LabelledScores x) {
        return x.classes == null ? null : x.classes.clone();
    }

    @Override
    double[] probabilities(LabelledScores x, CalibrationState s) {
        double[] p = new double[x.scores.length];
        Softmax.probabilities(x.scores, p.length, s.temperature, p);
        return p;
    }

    @Override
    DeadLetterCause row(LabelledScores x, CalibrationExample row) {
        if (x.scores == null || x.scores.length == 0) {
            return new DeadLetterCause(Reason.EMPTY_SCORES, "A labelled example must hold at least one score");
        }
        if (x.scores.length > classes) {
            return new DeadLetterCause(Reason.TOO_MANY_CLASSES,
                    "A labelled example must have at most " + classes + " classes (the window's width), had " + x.scores.length);
        }
        if (x.label < 0 || x.label >= x.scores.length) {
            return new DeadLetterCause(Reason.UNKNOWN_LABEL,
                    "Label index must be in [0, " + x.scores.length + "), was " + x.label);
        }
        DeadLetterCause cause = ScoreValidator.checkScores(x.scores, x.scores.length, false);
        if (cause != null) {
            return cause;
        }
        double[] padded = Arrays.copyOf(x.scores, classes);
        Arrays.fill(padded, x.scores.length, classes, Double.NEGATIVE_INFINITY);
        row.scores = padded;
        row.label = x.label;
        return null;
    }

    @Override
    void fit(CalibrationState s, List<CalibrationExample> rows) {
        TemperatureScaling scaling = TemperatureScaling.builder(classes)
                .setCapacity(Math.max(1, rows.size()))
                .setHalfLife(window.halfLife())
                .setMinExamples(window.minExamples())
                .setTemperatureRange(minTemperature, maxTemperature)
                .setInitialTemperature(s.temperature)
                .build();
        for (CalibrationExample row : rows) {
            scaling.observe(row.scores, row.label);
        }
        TemperatureFit fit = scaling.fit();
        s.fitStatus = fit.status().name();
        s.examples = fit.examples();
        if (fit.status().updated()) {
            s.temperature = fit.temperature();
            s.standardError = fit.standardError();
        }
    }

    /**
     * Settings of a {@link TemperatureCalibrationFunction}: those of {@link CalibrationBuilder}
     * and
     *
     * <table>
     *   <caption>Temperature settings</caption>
     *   <tr><th>Setter</th><th>Default</th><th>Allowed</th></tr>
     *   <tr><td>{@code builder(classes)}</td><td>(required)</td><td>K &gt;= 1, the window's width</td></tr>
     *   <tr><td>{@code setTemperatureRange}</td><td>[0.05, 100]</td><td>0 &lt; min &lt; max, finite</td></tr>
     *   <tr><td>{@code setInitialTemperature}</td><td>1.0</td><td>inside the range</td></tr>
     * </table>
     */
    @PublicEvolving
    public static final class Builder extends CalibrationBuilder<Builder> {
        private final int classes;
        private double minTemperature = 0.05;
        private double maxTemperature = 100;
        private double initialTemperature = 1.0;

        private Builder(int classes) {
            this.classes = classes;
        }

        /** The allowed temperatures; fits are clamped to it. */
        public Builder setTemperatureRange(double min, double max) {
            this.minTemperature = min;
            this.maxTemperature = max;
            return this;
        }

        /** The temperature of a segment before its first fit. */
        public Builder setInitialTemperature(double temperature) {
            this.initialTemperature = temperature;
            return this;
        }

        /** @throws IllegalArgumentException naming the first bad setting */
        public TemperatureCalibrationFunction build() {
            WindowSettings w = window();
            // The maths checks its own settings (a one-row window costs K doubles).
            TemperatureScaling.builder(classes)
                    .setCapacity(1)
                    .setHalfLife(w.halfLife())
                    .setMinExamples(w.minExamples())
                    .setTemperatureRange(minTemperature, maxTemperature)
                    .setInitialTemperature(initialTemperature)
                    .build();
            if ((long) w.capacity() * classes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("Capacity * classes must be at most " + (Integer.MAX_VALUE - 8)
                        + ", was " + w.capacity() + " * " + classes);
            }
            return new TemperatureCalibrationFunction(this);
        }

        @Override
        Builder self() {
            return this;
        }
    }
}
