package org.infoprob.jobs.demo;

import org.infoprob.model.Reason;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What the demo keeps of the jobs' committed output, record by record: records per topic, dead
 * letters per reason and origin, how often the softmax and sigmoid top class is the true one
 * (judged against the {@link GroundTruth}), the rarest events so far, and samples and bins for
 * the chart. Fed by {@link OutputMonitor}, or by a test with records of its own; used by one
 * thread.
 *
 * <pre>{@code
 * OutputStats stats = new OutputStats(truth);
 * stats.accept("rarity", "{\"key\":\"user-1\",\"class\":\"login\",\"oneIn\":12.0,...}".getBytes(UTF_8));
 * stats.rarest();   // [Rare[key=user-1, className=login, oneIn=12.0, bits=...]]
 * }</pre>
 */
final class OutputStats {


    /** An event of the surprisal job. */
    record Rare(String key, String className, double oneIn, double bits) {}

    /** An event of the surprisal job for the chart: event time, surprisal, whether of a burst class. */
    private record Scored(long ts, double bits, boolean burst) {}

    static final int RAREST = 5;
    private static final int SIGMOID_SAMPLE = 1_200;
    private static final int RARITY_SAMPLE = 2_500;
    private static final int BURST_SAMPLE = 2_500;
    /** Sigmoid calibration bins: scores [-8, 6) in steps of 1, the outer ones open-ended. */
    private static final int SIGMOID_BIN_LOW = -8;
    private static final int SIGMOID_BINS = 14;
    /** Softmax reliability bins: top probability [0.2, 1] in steps of 0.1. */
    private static final int SOFTMAX_BINS = 8;

    private final GroundTruth truth;
    private final SplittableRandom sampling = new SplittableRandom(7);

    private final Map<String, Long> records = new HashMap<>();
    private final Map<Reason, Long> deadLettersByReason = new EnumMap<>(Reason.class);
    private final Map<String, Long> deadLettersByOrigin = new TreeMap<>();
    private final Map<String, Long> unknownReasons = new TreeMap<>();
    private long softmaxJudged;
    private long softmaxRight;
    private long sigmoidJudged;
    private long sigmoidRight;
    /** Over the judged sigmoid records, with q = max(p, 1 - p) of the generating model: sum q. */
    private double sigmoidExpectedRight;
    /** ... and sum q (1 - q), the variance of a calibrated model's number of right answers. */
    private double sigmoidExpectedVariance;
    private final List<Rare> rarest = new ArrayList<>();
    private final double[][] latestBits =
            new double[TrafficGenerator.USERS][TrafficGenerator.EVENTS.length + TrafficGenerator.RARE_EVENTS.length];

    private final List<ChartData.SigmoidPoint> sigmoidPoints = new ArrayList<>();
    private long sigmoidSeen;
    private final long[] sigmoidBinCount = new long[SIGMOID_BINS];
    private final long[] sigmoidBinPositive = new long[SIGMOID_BINS];
    private final double[] sigmoidBinScore = new double[SIGMOID_BINS];
    private final long[] softmaxBinCount = new long[SOFTMAX_BINS];
    private final long[] softmaxBinRight = new long[SOFTMAX_BINS];
    private final double[] softmaxBinConfidence = new double[SOFTMAX_BINS];
    private final List<Scored> rarityPoints = new ArrayList<>();
    private long raritySeen;
    private final List<Scored> burstPoints = new ArrayList<>();
    private long burstSeen;

    OutputStats(GroundTruth truth) {
        this.truth = truth;
        for (double[] row : latestBits) {
            Arrays.fill(row, Double.NaN);
        }
    }

    /**
     * Counts one committed record of {@code topic} and, for the topics the demo judges, reads
     * what it needs from it.
     *
     * @throws IOException if the record is not a JSON object
     */
    void accept(String topic, byte[] value) throws IOException {
        records.merge(topic, 1L, Long::sum);
        if (topic.equals(DemoJob.DEAD_LETTERS)) {
            deadLetter(DemoJson.fields(value));
        } else if (topic.equals(DemoJob.SOFTMAX.outputTopic())) {
            softmax(DemoJson.fields(value));
        } else if (topic.equals(DemoJob.SIGMOID.outputTopic())) {
            sigmoid(DemoJson.fields(value));
        } else if (topic.equals(DemoJob.SURPRISAL.outputTopic())) {
            rarity(DemoJson.fields(value));
        }
    }

    private void deadLetter(Map<String, String> d) {
        String reason = d.getOrDefault("reason", "");
        try {
            deadLettersByReason.merge(Reason.valueOf(reason), 1L, Long::sum);
        } catch (IllegalArgumentException notAReason) {
            unknownReasons.merge(reason, 1L, Long::sum);
        }
        deadLettersByOrigin.merge(d.getOrDefault("topic", "?"), 1L, Long::sum);
    }

    private void softmax(Map<String, String> p) {
        int trueClass = truth.takeSoftmaxTruth(p.get("key"), number(p, "ts").longValue());
        if (trueClass < 0) {
            return;
        }
        boolean right = TrafficGenerator.IMAGE_CLASSES[trueClass].equals(p.get("top"));
        softmaxJudged++;
        softmaxRight += right ? 1 : 0;
        double confidence = number(p, "topProbability");
        int bin = clamp((int) Math.floor((confidence - 0.2) * 10), SOFTMAX_BINS);
        softmaxBinCount[bin]++;
        softmaxBinRight[bin] += right ? 1 : 0;
        softmaxBinConfidence[bin] += confidence;
    }

    private void sigmoid(Map<String, String> p) {
        GroundTruth.Binary t = truth.takeBinaryTruth(p.get("key"), number(p, "ts").longValue());
        if (t == null) {
            return;
        }
        double positive = number(p, "probabilities.positive");
        sigmoidJudged++;
        sigmoidRight += (positive >= 0.5) == t.positive() ? 1 : 0;
        double q = Math.max(t.probability(), 1 - t.probability());
        sigmoidExpectedRight += q;
        sigmoidExpectedVariance += q * (1 - q);
        int bin = clamp((int) Math.floor(t.score()) - SIGMOID_BIN_LOW, SIGMOID_BINS);
        sigmoidBinCount[bin]++;
        sigmoidBinPositive[bin] += t.positive() ? 1 : 0;
        sigmoidBinScore[bin] += t.score();
        sample(sigmoidPoints, ++sigmoidSeen, SIGMOID_SAMPLE, new ChartData.SigmoidPoint(t.score(), positive, t.positive()));
    }

    private void rarity(Map<String, String> e) {
        String key = e.get("key");
        String className = e.get("class");
        double bits = number(e, "surprisalBits");
        double oneIn = number(e, "oneIn");
        int user = TrafficGenerator.userIndex(key);
        int c = TrafficGenerator.classIndex(className);
        if (user >= 0 && c >= 0) {
            latestBits[user][c] = bits;
        }
        if (rarest.size() < RAREST || oneIn > rarest.get(rarest.size() - 1).oneIn()) {
            // One entry per key and class: a class that was rare twice is shown once, at its rarest.
            Rare same = null;
            for (Rare r : rarest) {
                if (r.key().equals(key) && r.className().equals(className)) {
                    same = r;
                }
            }
            if (same == null || same.oneIn() < oneIn) {
                rarest.remove(same);
                rarest.add(new Rare(key, className, oneIn, bits));
                rarest.sort(Comparator.comparingDouble(Rare::oneIn).reversed());
                if (rarest.size() > RAREST) {
                    rarest.remove(RAREST);
                }
            }
        }
        Scored point = new Scored(number(e, "ts").longValue(), bits, c >= TrafficGenerator.EVENTS.length);
        if (point.burst()) {
            sample(burstPoints, ++burstSeen, BURST_SAMPLE, point);
        } else {
            sample(rarityPoints, ++raritySeen, RARITY_SAMPLE, point);
        }
    }

    /** Reservoir sampling (Vitter's algorithm R): every item seen is kept with equal chance. */
    private <T> void sample(List<T> reservoir, long seen, int size, T item) {
        if (reservoir.size() < size) {
            reservoir.add(item);
        } else {
            long slot = sampling.nextLong(seen);
            if (slot < size) {
                reservoir.set((int) slot, item);
            }
        }
    }

    /** The number in field {@code name}, NaN when it is missing. */
    private static Double number(Map<String, String> fields, String name) {
        String v = fields.get(name);
        return v == null ? Double.NaN : Double.parseDouble(v);
    }

    private static int clamp(int bin, int bins) {
        return Math.max(0, Math.min(bins - 1, bin));
    }

    /** Committed records read from {@code topic}. */
    long records(String topic) {
        return records.getOrDefault(topic, 0L);
    }

    long deadLetters() {
        return records(DemoJob.DEAD_LETTERS);
    }

    /** Dead letters per reason; reasons this version does not know are counted under their name. */
    Map<String, Long> deadLettersByReason() {
        Map<String, Long> all = new TreeMap<>();
        deadLettersByReason.forEach((r, n) -> all.put(r.name(), n));
        all.putAll(unknownReasons);
        return all;
    }

    /** Dead letters per topic the rejected record came from. */
    long deadLettersFrom(String topic) {
        return deadLettersByOrigin.getOrDefault(topic, 0L);
    }

    /** Share of judged softmax records whose top class was the true one, NaN before any. */
    double softmaxAccuracy() {
        return softmaxJudged == 0 ? Double.NaN : (double) softmaxRight / softmaxJudged;
    }

    long softmaxJudged() {
        return softmaxJudged;
    }

    /** Share of judged sigmoid records whose more probable label was the true one, NaN before any. */
    double sigmoidAccuracy() {
        return sigmoidJudged == 0 ? Double.NaN : (double) sigmoidRight / sigmoidJudged;
    }

    /**
     * The share a perfectly calibrated model is expected to get right on the same judged
     * records: the mean of max(p, 1 - p) under the generating model; NaN before any.
     */
    double sigmoidCalibratedAccuracy() {
        return sigmoidJudged == 0 ? Double.NaN : sigmoidExpectedRight / sigmoidJudged;
    }

    /**
     * Half-width of the 95% range of a calibrated model's share right on those records:
     * 1.96 sqrt(sum q (1 - q)) / n, each record right with probability q independently.
     */
    double sigmoidCalibratedAccuracyMargin() {
        return sigmoidJudged == 0 ? Double.NaN : 1.96 * Math.sqrt(sigmoidExpectedVariance) / sigmoidJudged;
    }

    long sigmoidJudged() {
        return sigmoidJudged;
    }

    /** The rarest events so far (highest "one in N"), one per key and class, rarest first. */
    List<Rare> rarest() {
        return List.copyOf(rarest);
    }

    /** The surprisal the job gave the latest event of {@code classIndex} for {@code user}, or NaN. */
    double latestBits(int user, int classIndex) {
        return latestBits[user][classIndex];
    }

    List<ChartData.SigmoidPoint> sigmoidPoints() {
        return List.copyOf(sigmoidPoints);
    }

    List<ChartData.Bin> sigmoidBins() {
        return bins(sigmoidBinScore, sigmoidBinPositive, sigmoidBinCount);
    }

    List<ChartData.Bin> softmaxBins() {
        return bins(softmaxBinConfidence, softmaxBinRight, softmaxBinCount);
    }

    private static List<ChartData.Bin> bins(double[] sumX, long[] hits, long[] count) {
        List<ChartData.Bin> bins = new ArrayList<>();
        for (int i = 0; i < count.length; i++) {
            if (count[i] > 0) {
                bins.add(new ChartData.Bin(sumX[i] / count[i], (double) hits[i] / count[i], count[i]));
            }
        }
        return bins;
    }

    /**
     * A sample of the surprisal job's events, background events first, then those of burst
     * classes, timed in seconds since {@code originMillis}.
     */
    List<ChartData.TimePoint> rarityPoints(long originMillis) {
        List<ChartData.TimePoint> all = new ArrayList<>(rarityPoints.size() + burstPoints.size());
        for (List<Scored> sample : List.of(rarityPoints, burstPoints)) {
            for (Scored s : sample) {
                all.add(new ChartData.TimePoint((s.ts() - originMillis) / 1000.0, s.bits(), s.burst()));
            }
        }
        return all;
    }
}
