package org.infoprob.calibration;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.infoprob.math.BrierScore;
import org.infoprob.math.CalibrationError;
import org.infoprob.math.LogLoss;
import org.infoprob.math.ReliabilityDiagram;
import org.infoprob.model.CalibrationMetrics;
import org.infoprob.model.LabelledProbabilities;

/**
 * Calibration metrics of labelled predictions as a Flink {@link AggregateFunction}: log loss,
 * Brier score, expected calibration error over equal-mass bins, accuracy, mean confidence and
 * the reliability diagram (formulas in {@link CalibrationMetrics}; computed by {@code
 * org.infoprob.math}'s {@link LogLoss}, {@link BrierScore}, {@link CalibrationError}). Merges
 * exactly (sums and histograms), so it runs in any window, session windows included.
 *
 * <pre>{@code
 * DataStream<CalibrationMetrics> metrics = calibrated.getSideOutput(CalibrationFunction.EVALUATIONS)
 *         .keyBy(x -> x.segment)
 *         .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
 *         .aggregate(new CalibrationMetricsAggregate(), new CalibrationMetricsWindowFunction())
 *         .name("calibration-metrics").uid("calibration-metrics");
 * }</pre>
 *
 * A row whose probabilities are null, NaN or outside {@code [0, 1]}, or whose label is outside
 * the vector, is counted in {@code rejected} and changes nothing else (an aggregate has no side
 * output; the calibrators never emit such rows). State: {@code 2 + F} numbers of three arrays
 * ({@code F} fine bins, default 1000) per window and key, whatever the number of rows.
 */
@PublicEvolving
public class CalibrationMetricsAggregate
        implements AggregateFunction<LabelledProbabilities, CalibrationMetricsAccumulator, CalibrationMetrics> {

    private static final long serialVersionUID = 1L;

    private final int bins;
    private final int fineBins;

    /** {@value CalibrationError#DEFAULT_BINS} equal-mass bins on a {@value CalibrationError#DEFAULT_FINE_BINS}-bin histogram. */
    public CalibrationMetricsAggregate() {
        this(CalibrationError.DEFAULT_BINS, CalibrationError.DEFAULT_FINE_BINS);
    }

    /**
     * @param bins equal-mass bins of the ECE and the diagram, &gt;= 1
     * @param fineBins equal-width bins of the histogram they are cut from, &gt;= {@code bins}
     * @throws IllegalArgumentException otherwise
     */
    public CalibrationMetricsAggregate(int bins, int fineBins) {
        new CalibrationError(bins, fineBins);
        this.bins = bins;
        this.fineBins = fineBins;
    }

    @Override
    public CalibrationMetricsAccumulator createAccumulator() {
        CalibrationMetricsAccumulator acc = new CalibrationMetricsAccumulator();
        acc.bins = bins;
        acc.fineCounts = new long[fineBins];
        acc.fineCorrect = new long[fineBins];
        acc.fineConfidenceSums = new double[fineBins];
        return acc;
    }

    @Override
    public CalibrationMetricsAccumulator add(LabelledProbabilities x, CalibrationMetricsAccumulator acc) {
        if (acc.segment == null) {
            acc.segment = x.segment;
        }
        LogLoss loss = LogLoss.of(acc.count, acc.logLossSum);
        try {
            // Validates probabilities and label before it changes anything; the others then accept them too.
            loss.accept(x.probabilities, x.label);
        } catch (IllegalArgumentException invalid) {
            acc.rejected++;
            return acc;
        }
        BrierScore brier = BrierScore.of(acc.count, acc.brierSum);
        brier.accept(x.probabilities, x.label);
        error(acc).accept(x.probabilities, x.label);
        acc.count = loss.count();
        acc.logLossSum = loss.sum();
        acc.brierSum = brier.sum();
        return acc;
    }

    @Override
    public CalibrationMetrics getResult(CalibrationMetricsAccumulator acc) {
        CalibrationError error = error(acc);
        ReliabilityDiagram diagram = error.reliabilityDiagram();
        CalibrationMetrics m = new CalibrationMetrics();
        m.segment = acc.segment;
        m.count = acc.count;
        m.rejected = acc.rejected;
        m.logLoss = LogLoss.of(acc.count, acc.logLossSum).result();
        m.brier = BrierScore.of(acc.count, acc.brierSum).result();
        m.ece = error.result();
        m.accuracy = error.accuracy();
        m.meanConfidence = error.meanConfidence();
        m.reliabilityConfidence = diagram.confidence();
        m.reliabilityAccuracy = diagram.accuracy();
        m.reliabilityCount = diagram.count();
        return m;
    }

    @Override
    public CalibrationMetricsAccumulator merge(CalibrationMetricsAccumulator a, CalibrationMetricsAccumulator b) {
        error(a).combine(error(b));
        a.count += b.count;
        a.logLossSum += b.logLossSum;
        a.brierSum += b.brierSum;
        a.rejected += b.rejected;
        if (a.segment == null) {
            a.segment = b.segment;
        }
        return a;
    }

    /** The math accumulator over the live arrays of {@code acc}. */
    private static CalibrationError error(CalibrationMetricsAccumulator acc) {
        return CalibrationError.of(acc.bins, acc.fineCounts, acc.fineCorrect, acc.fineConfidenceSums);
    }
}
