package org.infoprob.jobs.demo;

import org.infoprob.math.Sigmoid;
import org.infoprob.model.BinaryScoreEvent;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.infoprob.serde.BinaryScoreEventDecoder;
import org.infoprob.serde.ClassEventDecoder;
import org.infoprob.serde.DecodeException;
import org.infoprob.serde.KafkaRecord;
import org.infoprob.serde.RecordDecoder;
import org.infoprob.serde.ScoreEventDecoder;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The demo's traffic: shapes, truth, poison records, bursts; decoded by the jobs' real decoders. */
class TrafficGeneratorTest {

    private static final int RECORDS = 400_000;

    /** Generates {@code n} records, the clock advancing {@code msPerRecord} per record from 0. */
    private static List<TrafficGenerator.Generated> generate(GroundTruth truth, int n, double msPerRecord) {
        TrafficGenerator generator = new TrafficGenerator(42, 0, truth);
        List<TrafficGenerator.Generated> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(generator.next((long) (i * msPerRecord)));
        }
        return records;
    }

    @Test
    void classEventsOfAUserFollowItsZipfDistribution() {
        GroundTruth truth = TrafficGenerator.newTruth();
        // A clock that stays at 0 ms: no burst starts (the first is due at 3 s).
        generate(truth, RECORDS, 0);
        for (int user : new int[] {0, 3}) {
            long total = 0;
            for (int c = 0; c < TrafficGenerator.EVENTS.length; c++) {
                total += truth.classCount(user, c);
            }
            double first = (double) truth.classCount(user, 0) / total;
            double second = (double) truth.classCount(user, 1) / total;
            double last = (double) truth.classCount(user, TrafficGenerator.EVENTS.length - 1) / total;
            // By hand (Python 3.12): H(20, s) = sum_{k=1..20} k^-s; for s = 0.9 (user 0)
            // H = 4.09619359600779, p1 = 1/H = 0.24412908632409722, p2 = 2^-0.9/H = 0.13082553807769964,
            // p20 = 20^-0.9/H = 0.016469959439766153; for s = 1.35 (user 3) p1 = 1/2.46658356697269
            // = 0.405419063594642. About 20,000 events per user: 3 standard errors are < 0.01.
            if (user == 0) {
                assertThat(first).as("share of rank 1, user 0").isCloseTo(0.24412908632409722, within(0.01));
                assertThat(second).as("share of rank 2, user 0").isCloseTo(0.13082553807769964, within(0.008));
                assertThat(last).as("share of rank 20, user 0").isCloseTo(0.016469959439766153, within(0.003));
            } else {
                assertThat(first).as("share of rank 1, user 3").isCloseTo(0.405419063594642, within(0.011));
            }
            assertThat(TrafficGenerator.zipfProbability(user, 1))
                    .as("zipfProbability(%d, 1)", user)
                    .isCloseTo(user == 0 ? 0.24412908632409722 : 0.405419063594642, within(1e-12));
        }
        assertThat(truth.bursts()).as("bursts while the clock stays before 3 s").isEmpty();
    }

    @Test
    void everyValidRecordDecodesAndItsTruthIsRecorded() throws DecodeException {
        GroundTruth truth = TrafficGenerator.newTruth();
        List<TrafficGenerator.Generated> records = generate(truth, 20_000, 0.5);
        Map<String, Integer> valid = new HashMap<>();
        double trueLogitSum = 0;
        double otherLogitSum = 0;
        int scoreRecords = 0;
        Set<String> ids = new HashSet<>();
        int offset = 0;
        for (TrafficGenerator.Generated g : records) {
            Object event;
            try {
                event = decoder(g.topic()).decode(record(g, offset++));
            } catch (DecodeException poison) {
                continue;
            }
            valid.merge(g.topic(), 1, Integer::sum);
            if (event instanceof ScoreEvent && g.topic().equals(TrafficGenerator.SCORES)) {
                ScoreEvent e = (ScoreEvent) event;
                assertThat(ids.add(e.key + "@" + e.ts)).as("key@ts identifies the score record %s", g.value()).isTrue();
                int t = truth.takeSoftmaxTruth(e.key, e.ts);
                assertThat(t).as("true class of %s", g.value()).isBetween(0, TrafficGenerator.IMAGE_CLASSES.length - 1);
                for (int c = 0; c < e.scores.length; c++) {
                    if (c == t) {
                        trueLogitSum += e.scores[c];
                    } else {
                        otherLogitSum += e.scores[c] / (e.scores.length - 1);
                    }
                }
                scoreRecords++;
            } else if (event instanceof BinaryScoreEvent) {
                BinaryScoreEvent e = (BinaryScoreEvent) event;
                GroundTruth.Binary b = truth.takeBinaryTruth(e.key, e.ts);
                assertThat(b).as("truth of %s", g.value()).isNotNull();
                assertThat(b.score()).as("recorded score of %s", g.value()).isEqualTo(e.score);
            }
        }
        for (String topic : TrafficGenerator.TOPICS) {
            assertThat(truth.validRecords(topic)).as("valid records of %s", topic).isEqualTo(valid.get(topic).longValue());
        }
        // The true class's logit is N(SIGNAL, NOISE^2), the others N(0, NOISE^2): the mean gap
        // is SIGNAL = 4 with a standard error of about 2 * sqrt(2 / 6000) = 0.04.
        assertThat((trueLogitSum - otherLogitSum) / scoreRecords).as("mean logit gap true - other").isCloseTo(4.0, within(0.15));
        assertThat(truth.takeSoftmaxTruth("camera-0", 0)).as("a truth taken is forgotten").isEqualTo(-1);
    }

    @Test
    void binaryLabelsArePositiveWithProbabilitySigmoidOfTheScore() {
        GroundTruth truth = TrafficGenerator.newTruth();
        List<TrafficGenerator.Generated> records = generate(truth, RECORDS, 0);
        long[] count = new long[2];
        long[] positive = new long[2];
        double[] expected = new double[2];
        for (TrafficGenerator.Generated g : records) {
            if (!g.topic().equals(TrafficGenerator.BINARY_SCORES) || !g.value().contains("\"score\":")) {
                continue;
            }
            long ts = Long.parseLong(g.value().replaceAll(".*\"ts\":(\\d+).*", "$1"));
            GroundTruth.Binary b = truth.takeBinaryTruth(g.key(), ts);
            if (b == null) {
                continue; // a poison record with a "score" field
            }
            int bin = b.score() < 0 ? 0 : 1;
            count[bin]++;
            positive[bin] += b.positive() ? 1 : 0;
            expected[bin] += Sigmoid.sigmoid(b.score());
        }
        for (int bin = 0; bin < 2; bin++) {
            assertThat((double) positive[bin] / count[bin])
                    .as("share of positive labels for %s scores", bin == 0 ? "negative" : "positive")
                    .isCloseTo(expected[bin] / count[bin], within(0.01));
        }
        // With x ~ N(-1, 2.5^2) the best accuracy E[max(s, 1 - s)] is about 0.822 (Monte Carlo,
        // 200,000 draws in Python).
        assertThat(truth.bestBinaryAccuracy()).as("best possible binary accuracy").isCloseTo(0.822, within(0.01));
    }

    @Test
    void poisonRecordsAreRejectedByTheJobsDecodersWithTheRecordedReason() {
        GroundTruth truth = TrafficGenerator.newTruth();
        List<TrafficGenerator.Generated> records = generate(truth, 100_000, 0.5);
        Map<String, Map<Reason, Long>> rejected = new HashMap<>();
        int offset = 0;
        for (TrafficGenerator.Generated g : records) {
            try {
                decoder(g.topic()).decode(record(g, offset++));
            } catch (DecodeException e) {
                rejected.computeIfAbsent(g.topic(), t -> new EnumMap<>(Reason.class)).merge(e.reason(), 1L, Long::sum);
            }
        }
        long poison = 0;
        for (String topic : TrafficGenerator.TOPICS) {
            assertThat(rejected.get(topic)).as("reasons of the rejected records of %s", topic).isEqualTo(truth.poisonByReason(topic));
            assertThat(truth.poisonByReason(topic)).as("kinds of poison in %s", topic).hasSize(4);
            poison += truth.poisonRecords(topic);
        }
        // One record in 200 is poison: 500 of 100,000, with a standard deviation of about 22.
        assertThat(poison).as("poison records in 100,000").isBetween(430L, 570L);
    }

    @Test
    void aBurstMakesOneUserSendARareClassForItsDuration() {
        GroundTruth truth = TrafficGenerator.newTruth();
        // 20 s of clock in 40,000 records (2,000 records/s).
        List<TrafficGenerator.Generated> records = generate(truth, 40_000, 0.5);
        List<GroundTruth.Burst> bursts = truth.bursts();
        assertThat(bursts).as("bursts in 20 s (first at 3 s, then every 9.5-15.5 s)").hasSizeBetween(1, 2);
        GroundTruth.Burst first = bursts.get(0);
        assertThat(first.startMillis()).as("first burst start").isEqualTo(TrafficGenerator.FIRST_BURST_MILLIS);
        assertThat(first.endMillis() - first.startMillis()).as("burst length").isEqualTo(TrafficGenerator.BURST_MILLIS);
        assertThat(first.className()).as("first burst class").isEqualTo(TrafficGenerator.RARE_EVENTS[0]);
        int inBurst = 0;
        int rare = 0;
        int elsewhere = 0;
        for (TrafficGenerator.Generated g : records) {
            if (!g.topic().equals(TrafficGenerator.CLASSES) || !g.key().equals(first.key())) {
                continue;
            }
            long ts = Long.parseLong(g.value().replaceAll(".*\"ts\":(\\d+).*", "$1"));
            boolean isRare = g.value().contains("\"class\":\"" + first.className() + "\"");
            if (ts >= first.startMillis() && ts < first.endMillis()) {
                inBurst++;
                rare += isRare ? 1 : 0;
            } else if (isRare) {
                elsewhere++;
            }
        }
        // 1.5 s x 2,000 records/s x 40% class events / 8 users = 150 events of the user.
        assertThat(inBurst).as("events of %s during the burst", first.key()).isBetween(140, 160);
        assertThat((double) rare / inBurst).as("share of %s in the burst", first.className()).isCloseTo(0.6, within(0.13));
        assertThat(elsewhere).as("events of %s outside the burst", first.className()).isZero();
    }

    @Test
    void theSameSeedAndClockGiveTheSameRecords() {
        List<TrafficGenerator.Generated> a = generate(TrafficGenerator.newTruth(), 5_000, 1);
        List<TrafficGenerator.Generated> b = generate(TrafficGenerator.newTruth(), 5_000, 1);
        assertThat(a).as("two runs with seed 42").isEqualTo(b);
    }

    private static RecordDecoder<?> decoder(String topic) {
        switch (topic) {
            case "scores":
                return new ScoreEventDecoder(null, 10_000, 1 << 20, false);
            case "label-scores":
                return new ScoreEventDecoder(null, 10_000, 1 << 20, true);
            case "binary-scores":
                return new BinaryScoreEventDecoder(1 << 20);
            case "classes":
                return new ClassEventDecoder(1 << 20);
            default:
                throw new IllegalArgumentException(topic);
        }
    }

    private static KafkaRecord record(TrafficGenerator.Generated g, long offset) {
        return KafkaRecord.of(
                g.key().getBytes(StandardCharsets.UTF_8), g.value().getBytes(StandardCharsets.UTF_8), g.topic(), 0, offset, 1L);
    }
}
