package org.infoprob.jobs.demo;

import org.infoprob.model.Reason;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Reads what the demo's jobs committed (a {@code read_committed} consumer without a group, from
 * the output topics' ends as of the start) and keeps what the progress lines, the summary and
 * the chart need: records per topic, dead letters per reason and origin, how often the softmax
 * and sigmoid top class is the true one, the rarest events so far, and samples for the chart.
 * Used by one thread.
 */
final class OutputMonitor implements AutoCloseable {

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

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();
    private final GroundTruth truth;
    private final ObjectMapper json = new ObjectMapper();
    private final SplittableRandom sampling = new SplittableRandom(7);

    private final Map<String, Long> records = new HashMap<>();
    private final Map<Reason, Long> deadLettersByReason = new EnumMap<>(Reason.class);
    private final Map<String, Long> deadLettersByOrigin = new TreeMap<>();
    private final Map<String, Long> unknownReasons = new TreeMap<>();
    private long softmaxJudged;
    private long softmaxRight;
    private long sigmoidJudged;
    private long sigmoidRight;
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

    /**
     * Assigns the consumer to every partition of {@code topics} at their current ends, so that
     * records of an earlier run on an existing Kafka are not counted.
     */
    OutputMonitor(String bootstrapServers, Properties clientProperties, List<String> topics, GroundTruth truth) {
        this.truth = truth;
        for (double[] row : latestBits) {
            Arrays.fill(row, Double.NaN);
        }
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        for (String topic : topics) {
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, p.partition()));
            }
            records.put(topic, 0L);
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before any job writes
    }

    /** Reads what was committed since the last call, waiting up to {@code timeout} for it. */
    void poll(Duration timeout) throws IOException {
        for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
            records.merge(r.topic(), 1L, Long::sum);
            String topic = r.topic();
            if (topic.equals(DemoJob.DEAD_LETTERS)) {
                deadLetter(json.readTree(r.value()));
            } else if (topic.equals(DemoJob.SOFTMAX.outputTopic())) {
                softmax(json.readTree(r.value()));
            } else if (topic.equals(DemoJob.SIGMOID.outputTopic())) {
                sigmoid(json.readTree(r.value()));
            } else if (topic.equals(DemoJob.SURPRISAL.outputTopic())) {
                rarity(json.readTree(r.value()));
            }
        }
    }

    /**
     * Reads until every record committed by now has been read (for a {@code read_committed}
     * consumer the end offsets are the last stable offsets), or {@code timeout} has passed.
     *
     * @return whether the ends were reached
     */
    boolean readToEnd(Duration timeout) throws IOException {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean reached = true;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                reached &= consumer.position(end.getKey()) >= end.getValue();
            }
            if (reached) {
                return true;
            }
            poll(Duration.ofMillis(100));
        }
        return false;
    }

    private void deadLetter(JsonNode d) {
        String reason = d.path("reason").asText();
        try {
            deadLettersByReason.merge(Reason.valueOf(reason), 1L, Long::sum);
        } catch (IllegalArgumentException notAReason) {
            unknownReasons.merge(reason, 1L, Long::sum);
        }
        deadLettersByOrigin.merge(d.path("topic").asText("?"), 1L, Long::sum);
    }

    private void softmax(JsonNode p) {
        int trueClass = truth.takeSoftmaxTruth(p.path("key").asText(), p.path("ts").asLong());
        if (trueClass < 0) {
            return;
        }
        boolean right = TrafficGenerator.IMAGE_CLASSES[trueClass].equals(p.path("top").asText());
        softmaxJudged++;
        softmaxRight += right ? 1 : 0;
        double confidence = p.path("topProbability").asDouble();
        int bin = clamp((int) Math.floor((confidence - 0.2) * 10), SOFTMAX_BINS);
        softmaxBinCount[bin]++;
        softmaxBinRight[bin] += right ? 1 : 0;
        softmaxBinConfidence[bin] += confidence;
    }

    private void sigmoid(JsonNode p) {
        GroundTruth.Binary t = truth.takeBinaryTruth(p.path("key").asText(), p.path("ts").asLong());
        if (t == null) {
            return;
        }
        double positive = p.path("probabilities").path("positive").asDouble(Double.NaN);
        sigmoidJudged++;
        sigmoidRight += (positive >= 0.5) == t.positive() ? 1 : 0;
        int bin = clamp((int) Math.floor(t.score()) - SIGMOID_BIN_LOW, SIGMOID_BINS);
        sigmoidBinCount[bin]++;
        sigmoidBinPositive[bin] += t.positive() ? 1 : 0;
        sigmoidBinScore[bin] += t.score();
        sample(sigmoidPoints, ++sigmoidSeen, SIGMOID_SAMPLE, new ChartData.SigmoidPoint(t.score(), positive, t.positive()));
    }

    private void rarity(JsonNode e) {
        String key = e.path("key").asText();
        String className = e.path("class").asText();
        double bits = e.path("surprisalBits").asDouble();
        double oneIn = e.path("oneIn").asDouble();
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
        Scored point = new Scored(e.path("ts").asLong(), bits, c >= TrafficGenerator.EVENTS.length);
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

    @Override
    public void close() {
        consumer.close();
    }
}
