package org.infoprob.math;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Expected calibration error with equal-mass bins, accuracy, mean confidence and the points of a
 * reliability diagram, as a mergeable accumulator ({@link #accept} / {@link #combine} / {@link
 * #result()}). Backs a window aggregate or a SQL {@code ECE}.
 *
 * <pre>
 *   confidence c_n = max_i p_n[i],   correct_n = 1{argmax_i p_n[i] = y_n}   (ties: lowest index)
 *   ECE = sum_b (n_b / N) | acc_b - conf_b |,   acc_b = mean correct_n, conf_b = mean c_n in bin b
 * </pre>
 *
 * (Guo et al. 2017 with equal-mass instead of equal-width bins, the "adaptive" binning of
 * Nixon et al. 2019, "Measuring Calibration in Deep Learning": equal-width bins leave most bins
 * of a confident model empty and put nearly all events in the last.)
 *
 * <h2>How the equal-mass bins are formed, exactly</h2>
 *
 * An exact equal-mass ECE needs all confidences sorted, which neither streams nor merges. This
 * accumulator keeps a fixed <em>fine histogram</em> instead: {@code F} equal-width bins over
 * {@code [0, 1]} (event {@code n} goes to fine bin {@code min(F - 1, floor(c_n F))}), each with
 * its event count, number correct and sum of confidences. Merging adds the histograms
 * element-wise, so it is exact and order-free. At {@link #result()} the fine bins are walked in
 * increasing confidence and fine bin {@code j} joins coarse bin
 *
 * <pre>
 *   b(j) = floor(B * C_j / N),   C_j = events in the fine bins before j
 * </pre>
 *
 * i.e. a coarse bin starts at each fine bin where the running count crosses a multiple of
 * {@code N / B}. This equals exact equal-mass binning of the sorted confidences except that the
 * cuts snap to fine-bin edges (multiples of {@code 1/F}): a coarse bin holds {@code N/B} events
 * give or take the events of the fine bin at its cut, and coarse bins swallowed by one crowded
 * fine bin stay empty and are left out. Within a coarse bin, {@code acc_b} and {@code conf_b}
 * are the exact means of its events (not bin centres). Defaults: {@code B = 15} (the bin count
 * of Guo et al.), {@code F = 1000} (cuts on a 0.001 grid); {@code N} counts every event.
 *
 * <pre>{@code
 * CalibrationError ece = new CalibrationError();
 * ece.accept(new double[] {0.9, 0.1}, 0);   // confidence 0.9, correct
 * ece.accept(new double[] {0.3, 0.7}, 0);   // confidence 0.7, wrong
 * ece.result();          // 2 events, 15 bins: one bin each, (|1 - 0.9| + |0 - 0.7|) / 2 = 0.4
 * ece.accuracy();        // 0.5
 * ece.meanConfidence();  // 0.8
 * }</pre>
 *
 * <p>Empty: the results are NaN and the diagram has no points. A NaN probability throws {@link
 * InvalidScoresException}; a probability outside {@code [0, 1]} or a label outside {@code [0,
 * K)} throws {@link IllegalArgumentException}; combining accumulators with different {@code B}
 * or {@code F} throws {@link IllegalArgumentException}. State: three arrays of {@code F} entries
 * and {@code B}; {@link Serializable}; nothing is allocated per event.
 */
public final class CalibrationError implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Default number of equal-mass bins, as in Guo et al. 2017. */
    public static final int DEFAULT_BINS = 15;

    /** Default resolution of the fine histogram. */
    public static final int DEFAULT_FINE_BINS = 1000;

    private final int bins;
    private final long[] counts;
    private final long[] correct;
    private final double[] confidenceSums;

    /** An empty accumulator: {@value #DEFAULT_BINS} bins, {@value #DEFAULT_FINE_BINS} fine bins. */
    public CalibrationError() {
        this(DEFAULT_BINS, DEFAULT_FINE_BINS);
    }

    /**
     * An empty accumulator.
     *
     * @param bins equal-mass bins {@code B} of the result, &gt;= 1
     * @param fineBins equal-width bins {@code F} of the histogram, &gt;= {@code bins}
     */
    public CalibrationError(int bins, int fineBins) {
        this(bins, new long[checkFine(bins, fineBins)], new long[fineBins], new double[fineBins]);
    }

    private CalibrationError(int bins, long[] counts, long[] correct, double[] confidenceSums) {
        this.bins = bins;
        this.counts = counts;
        this.correct = correct;
        this.confidenceSums = confidenceSums;
    }

    /**
     * An accumulator with the given state (e.g. restored by a serializer); the arrays are used,
     * not copied, and must have one length {@code F}.
     */
    public static CalibrationError of(
            int bins, long[] counts, long[] correct, double[] confidenceSums) {
        Checks.notNull("counts", counts);
        Checks.notNull("correct", correct);
        Checks.notNull("confidenceSums", confidenceSums);
        checkFine(bins, counts.length);
        if (correct.length != counts.length || confidenceSums.length != counts.length) {
            throw new IllegalArgumentException(
                    "counts, correct and confidenceSums must have one length, were "
                            + counts.length + ", " + correct.length + ", " + confidenceSums.length);
        }
        return new CalibrationError(bins, counts, correct, confidenceSums);
    }

    /** Adds one prediction {@code probabilities} (length K) with true class {@code label}. */
    public void accept(double[] probabilities, int label) {
        Checks.labelledPrediction(probabilities, label);
        int top = Ranking.argmax(probabilities);
        accept(probabilities[top], top == label);
    }

    /** Adds one event by its confidence (in {@code [0, 1]}) and whether its top class was right. */
    public void accept(double confidence, boolean topWasCorrect) {
        Checks.probability(confidence, 0);
        int f = counts.length;
        int j = Math.min(f - 1, (int) (confidence * f));
        counts[j]++;
        if (topWasCorrect) {
            correct[j]++;
        }
        confidenceSums[j] += confidence;
    }

    /** Adds {@code other}'s events to this accumulator; returns this. */
    public CalibrationError combine(CalibrationError other) {
        if (other.bins != bins || other.counts.length != counts.length) {
            throw new IllegalArgumentException(
                    "Cannot combine ECE accumulators with different bins: "
                            + bins + "/" + counts.length
                            + " and " + other.bins + "/" + other.counts.length);
        }
        for (int j = 0; j < counts.length; j++) {
            counts[j] += other.counts[j];
            correct[j] += other.correct[j];
            confidenceSums[j] += other.confidenceSums[j];
        }
        return this;
    }

    /** The expected calibration error over the equal-mass bins; NaN when empty. */
    public double result() {
        ReliabilityDiagram d = reliabilityDiagram();
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        double ece = 0;
        for (int b = 0; b < d.count().length; b++) {
            ece += (double) d.count()[b] / n * Math.abs(d.accuracy()[b] - d.confidence()[b]);
        }
        return ece;
    }

    /** The non-empty equal-mass bins in increasing confidence (see the class comment). */
    public ReliabilityDiagram reliabilityDiagram() {
        long n = count();
        long[] binCounts = new long[bins];
        long[] binCorrect = new long[bins];
        double[] binConfidence = new double[bins];
        long before = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] == 0) {
                continue;
            }
            // B * C_j <= B * N: no overflow for N < 2^63 / B.
            int b = (int) ((bins * before) / n);
            binCounts[b] += counts[j];
            binCorrect[b] += correct[j];
            binConfidence[b] += confidenceSums[j];
            before += counts[j];
        }
        int used = 0;
        for (long c : binCounts) {
            if (c > 0) {
                used++;
            }
        }
        double[] confidence = new double[used];
        double[] accuracy = new double[used];
        long[] count = new long[used];
        int k = 0;
        for (int b = 0; b < bins; b++) {
            if (binCounts[b] > 0) {
                confidence[k] = binConfidence[b] / binCounts[b];
                accuracy[k] = (double) binCorrect[b] / binCounts[b];
                count[k] = binCounts[b];
                k++;
            }
        }
        return new ReliabilityDiagram(confidence, accuracy, count);
    }

    /** Fraction of events whose top class was the true one; NaN when empty. */
    public double accuracy() {
        long n = count();
        return n == 0 ? Double.NaN : (double) Arrays.stream(correct).sum() / n;
    }

    /** Mean confidence {@code max_i p[i]}; NaN when empty. */
    public double meanConfidence() {
        long n = count();
        return n == 0 ? Double.NaN : Arrays.stream(confidenceSums).sum() / n;
    }

    /** Events accepted. */
    public long count() {
        return Arrays.stream(counts).sum();
    }

    /** Equal-mass bins {@code B}. */
    public int bins() {
        return bins;
    }

    /** Events per fine bin (the live array, for serializers). */
    public long[] counts() {
        return counts;
    }

    /** Correct top classes per fine bin (the live array, for serializers). */
    public long[] correct() {
        return correct;
    }

    /** Sum of confidences per fine bin (the live array, for serializers). */
    public double[] confidenceSums() {
        return confidenceSums;
    }

    private static int checkFine(int bins, int fineBins) {
        Checks.atLeast("Bins", bins, 1);
        Checks.atLeast("Fine bins", fineBins, bins);
        return fineBins;
    }
}
