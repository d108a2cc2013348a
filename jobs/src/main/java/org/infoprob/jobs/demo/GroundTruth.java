package org.infoprob.jobs.demo;

import org.infoprob.model.Reason;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the demo's traffic generator sent and what the right answers are, for the demo to judge
 * the jobs' output: records per topic, poison records per topic and expected reason, the true
 * class of every score record, the score and label of every binary score record, the class
 * counts per user and the bursts.
 *
 * <p>The generator thread writes; the demo's main thread reads while the demo runs. The truth of
 * a score record is looked up by the output's {@code key} and {@code ts}, which the jobs copy
 * from the input, and is removed when the output arrives, so only records still in flight are
 * kept.
 */
final class GroundTruth {

    /**
     * The truth of one binary score record: the score, whether the label was positive, and the
     * probability of a positive label under the generating model.
     */
    record Binary(double score, boolean positive, double probability) {}

    /** A burst: {@code className} made up most of {@code key}'s events between the two times. */
    record Burst(String key, String className, long startMillis, long endMillis) {}

    private final Map<String, LongAdder> valid = new ConcurrentHashMap<>();
    private final Map<String, Map<Reason, LongAdder>> poison = new ConcurrentHashMap<>();
    private final Map<String, Integer> softmaxTruth = new ConcurrentHashMap<>();
    private final Map<String, Binary> binaryTruth = new ConcurrentHashMap<>();
    private final AtomicLongArray classCounts;
    private final int classesPerUser;
    private final List<Burst> bursts = new ArrayList<>();
    private final LongAdder binaryRecords = new LongAdder();
    /** Sum over binary records of max(p, 1 - p): what a calibrated model gets right on average. */
    private final DoubleAdder bestBinaryHits = new DoubleAdder();

    GroundTruth(int users, int classesPerUser) {
        this.classesPerUser = classesPerUser;
        this.classCounts = new AtomicLongArray(users * classesPerUser);
    }

    static String id(String key, long ts) {
        return key + '@' + ts;
    }

    void valid(String topic) {
        valid.computeIfAbsent(topic, t -> new LongAdder()).increment();
    }

    void poison(String topic, Reason expected) {
        poison.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(expected, r -> new LongAdder())
                .increment();
    }

    void softmax(String key, long ts, int trueClass) {
        softmaxTruth.put(id(key, ts), trueClass);
    }

    void binary(String key, long ts, double score, boolean positive, double probability) {
        binaryTruth.put(id(key, ts), new Binary(score, positive, probability));
        binaryRecords.increment();
        bestBinaryHits.add(Math.max(probability, 1 - probability));
    }

    void classEvent(int user, int classIndex) {
        classCounts.incrementAndGet(user * classesPerUser + classIndex);
    }

    synchronized void burst(Burst burst) {
        bursts.add(burst);
    }

    /** Valid records sent to {@code topic}. */
    long validRecords(String topic) {
        LongAdder n = valid.get(topic);
        return n == null ? 0 : n.sum();
    }

    /** Poison records sent to {@code topic}. */
    long poisonRecords(String topic) {
        return poisonByReason(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Poison records sent to {@code topic}, by the reason a decoder must give. */
    Map<Reason, Long> poisonByReason(String topic) {
        Map<Reason, Long> counts = new EnumMap<>(Reason.class);
        Map<Reason, LongAdder> byReason = poison.get(topic);
        if (byReason != null) {
            byReason.forEach((reason, n) -> counts.put(reason, n.sum()));
        }
        return counts;
    }

    /** The true class index of the score record {@code key@ts} (forgotten afterwards), or -1. */
    int takeSoftmaxTruth(String key, long ts) {
        Integer truth = softmaxTruth.remove(id(key, ts));
        return truth == null ? -1 : truth;
    }

    /** The score and label of the binary record {@code key@ts} (forgotten afterwards), or null. */
    Binary takeBinaryTruth(String key, long ts) {
        return binaryTruth.remove(id(key, ts));
    }

    /** Valid class events of {@code user} with class index {@code classIndex} sent so far. */
    long classCount(int user, int classIndex) {
        return classCounts.get(user * classesPerUser + classIndex);
    }

    synchronized List<Burst> bursts() {
        return List.copyOf(bursts);
    }

    /**
     * The share of binary records whose more probable label under the generating model was the
     * true one: the accuracy a perfectly calibrated model would have had on this traffic.
     */
    double bestBinaryAccuracy() {
        long n = binaryRecords.sum();
        return n == 0 ? Double.NaN : bestBinaryHits.sum() / n;
    }
}
