package org.infoprob.jobs.demo;

import org.infoprob.model.Reason;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The demo's summary and chart data from canned inputs, without a broker: a hand-made truth of
 * what was "sent", and JSON records as the jobs write them fed to {@link OutputStats}. Every
 * expected number is counted by hand from those inputs (see the comments).
 */
class ReportTest {

    /**
     * Sent: scores 3 valid + 1 poison, binary-scores 2, label-scores 1, classes 2 + 1 poison;
     * user-1 had a burst of account_locked from 1.0 s to 2.5 s.
     */
    private static GroundTruth truth() {
        GroundTruth truth = TrafficGenerator.newTruth();
        for (int i = 0; i < 3; i++) {
            truth.valid(TrafficGenerator.SCORES);
            truth.softmax("camera-" + i, 1000 + i, 0); // true class: cat
        }
        truth.poison(TrafficGenerator.SCORES, Reason.INVALID_JSON);
        // p = sigmoid(2) = 0.8807970779778823 and sigmoid(-1) = 0.2689414213699951
        truth.valid(TrafficGenerator.BINARY_SCORES);
        truth.binary("card-0", 1, 2.0, true, 0.8807970779778823);
        truth.valid(TrafficGenerator.BINARY_SCORES);
        truth.binary("card-1", 2, -1.0, false, 0.2689414213699951);
        truth.valid(TrafficGenerator.LABEL_SCORES);
        truth.valid(TrafficGenerator.CLASSES);
        truth.classEvent(1, TrafficGenerator.classIndex("page_view"));
        truth.valid(TrafficGenerator.CLASSES);
        truth.classEvent(1, TrafficGenerator.classIndex("account_locked"));
        truth.poison(TrafficGenerator.CLASSES, Reason.EMPTY_CLASS_NAME);
        truth.burst(new GroundTruth.Burst("user-1", "account_locked", 1000, 2500));
        return truth;
    }

    /** What the jobs wrote for that traffic, but the dead letters of the classes topic. */
    private static OutputStats outputsButClassDeadLetters(GroundTruth truth) throws IOException {
        OutputStats stats = new OutputStats(truth);
        // softmax: top class right twice (cat), wrong once (dog)
        accept(stats, "probabilities", "{\"key\":\"camera-0\",\"ts\":1000,\"top\":\"cat\",\"topProbability\":0.85}");
        accept(stats, "probabilities", "{\"key\":\"camera-1\",\"ts\":1001,\"top\":\"cat\",\"topProbability\":0.62}");
        accept(stats, "probabilities", "{\"key\":\"camera-2\",\"ts\":1002,\"top\":\"dog\",\"topProbability\":0.45}");
        accept(stats, "window-probabilities", "{\"key\":\"camera-0\",\"ts\":4999}");
        // sigmoid: the more probable label is the true one both times
        accept(stats, "binary-probabilities", "{\"key\":\"card-0\",\"ts\":1,\"probabilities\":{\"negative\":0.12,\"positive\":0.88}}");
        accept(stats, "binary-probabilities", "{\"key\":\"card-1\",\"ts\":2,\"probabilities\":{\"negative\":0.73,\"positive\":0.27}}");
        accept(stats, "label-probabilities", "{\"key\":\"doc-0\",\"ts\":3}");
        accept(stats, "rarity", "{\"key\":\"user-1\",\"ts\":1500,\"class\":\"login\",\"surprisalBits\":1.0,\"oneIn\":2.0}");
        accept(stats, "rarity", "{\"key\":\"user-1\",\"ts\":2000,\"class\":\"account_locked\",\"surprisalBits\":5.32,\"oneIn\":40.0}");
        accept(stats, "window-rarity", "{\"key\":\"user-1\",\"ts\":4999,\"classes\":[{\"class\":\"login\"}]}");
        // the scores poison record, once from each of the two pipelines that read scores
        for (int i = 0; i < 2; i++) {
            accept(stats, "dead-letters", "{\"reason\":\"INVALID_JSON\",\"topic\":\"scores\",\"payload\":\"{\\\"key\\\"\"}");
        }
        return stats;
    }

    private static void accept(OutputStats stats, String topic, String json) throws IOException {
        stats.accept(topic, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void caughtUpOnceEveryOneToOnePipelineAndEveryPoisonRecordHasComeOut() throws IOException {
        GroundTruth truth = truth();
        OutputStats stats = outputsButClassDeadLetters(truth);
        Report report = new Report(stats, truth);

        assertThat(report.caughtUp()).as("one dead letter per pipeline reading classes missing").isFalse();
        accept(stats, "dead-letters", "{\"reason\":\"EMPTY_CLASS_NAME\",\"topic\":\"classes\"}");
        assertThat(report.caughtUp()).as("one of two dead letters of the classes poison record").isFalse();
        accept(stats, "dead-letters", "{\"reason\":\"EMPTY_CLASS_NAME\",\"topic\":\"classes\"}");
        assertThat(report.caughtUp()).as("everything out").isTrue();
    }

    @Test
    void summaryCountsEveryTopicAndJudgesTheJobs() throws IOException {
        GroundTruth truth = truth();
        OutputStats stats = outputsButClassDeadLetters(truth);
        accept(stats, "dead-letters", "{\"reason\":\"EMPTY_CLASS_NAME\",\"topic\":\"classes\"}");
        accept(stats, "dead-letters", "{\"reason\":\"EMPTY_CLASS_NAME\",\"topic\":\"classes\"}");

        List<String> summary = new Report(stats, truth).summary(10, 2);

        // 10 records in 2 s; per topic valid + poison: classes 2 + 1, scores 3 + 1, binary 2, labels 1.
        // softmax right 2 of 3 = 66.7%; sigmoid 2 of 2; a calibrated model, on the same two records,
        // q = 0.8808 and 1 - 0.2689 = 0.7311: (0.8808 + 0.7311) / 2 = 80.6%, 95% range
        // 1.96 sqrt(0.8808 * 0.1192 + 0.7311 * 0.2689) / 2 = 1.96 * 0.5492 / 2 = 53.8%.
        assertThat(summary).containsExactly(
                "Summary after 2 s: 10 records sent (2 poison) at about 5/s: classes 3, scores 4, binary-scores 2, label-scores 1.",
                "  output topic             records",
                "  probabilities                  3  softmax: one per valid scores record (3 of 3); top class = true class in 66.7%",
                "  window-probabilities           1  window-softmax: one per key and 5 s window",
                "  binary-probabilities           2  sigmoid: one per valid binary-scores record (2 of 2);"
                        + " more probable label = true label in 100.0% (a calibrated model: 80.6% ± 53.8% on the same records, 95% range)",
                "  label-probabilities            1  multi-label: one per valid label-scores record (1 of 1)",
                "  rarity                         2  surprisal: one per valid classes record (2 of 2)",
                "  window-rarity                  1  window-surprisal: one per key and 5 s window",
                "  dead-letters                   4  EMPTY_CLASS_NAME 2, INVALID_JSON 2"
                        + " (expected 4: each poison record once per pipeline reading its topic)",
                "  rarest events: user-1 account_locked (one in 40) · user-1 login (one in 2)");
    }

    @Test
    void chartDataHoldsTheSamplesBinsFrequenciesAndBursts() throws IOException {
        GroundTruth truth = truth();
        OutputStats stats = outputsButClassDeadLetters(truth);
        List<ChartData.Series> throughput = List.of(new ChartData.Series("softmax", new double[] {2}, new double[] {1.5}));

        ChartData chart = new Report(stats, truth).chart("a subtitle", 0, throughput);

        assertThat(chart.subtitle()).isEqualTo("a subtitle");
        assertThat(chart.summary()).extracting(ChartData.SummaryRow::topic).containsExactly(
                "probabilities", "window-probabilities", "binary-probabilities", "label-probabilities", "rarity",
                "window-rarity", "dead-letters");
        assertThat(chart.sigmoidPoints()).containsExactly(
                new ChartData.SigmoidPoint(2.0, 0.88, true), new ChartData.SigmoidPoint(-1.0, 0.27, false));
        // one record per score bin (floor of the score): the true label's share 0 or 1
        assertThat(chart.sigmoidBins()).containsExactly(new ChartData.Bin(-1.0, 0.0, 1), new ChartData.Bin(2.0, 1.0, 1));
        // top probability bins of width 0.1 from 0.2: 0.45 (wrong), 0.62 (right), 0.85 (right)
        assertThat(chart.softmaxBins()).containsExactly(
                new ChartData.Bin(0.45, 0.0, 1), new ChartData.Bin(0.62, 1.0, 1), new ChartData.Bin(0.85, 1.0, 1));
        // the user with a burst first, then users 0 and 2
        assertThat(chart.frequencies()).extracting(ChartData.KeyFrequencies::key).containsExactly("user-1", "user-0", "user-2");
        ChartData.KeyFrequencies user1 = chart.frequencies().get(0);
        assertThat(user1.zipfExponent()).isCloseTo(0.9 + 0.15, within(1e-12));
        assertThat(user1.classes()).hasSize(TrafficGenerator.EVENTS.length + 1);
        assertThat(user1.classes().subList(0, 2)).containsExactly(
                new ChartData.ClassBar("page_view", 1, Double.NaN, false),
                new ChartData.ClassBar("account_locked", 1, 5.32, true));
        assertThat(user1.classes()).filteredOn(c -> c.className().equals("login"))
                .containsExactly(new ChartData.ClassBar("login", 0, 1.0, false));
        assertThat(chart.rarity()).containsExactly(new ChartData.TimePoint(1.5, 1.0, false), new ChartData.TimePoint(2.0, 5.32, true));
        assertThat(chart.bursts()).containsExactly(new ChartData.Band(1.0, 2.5, "user-1: account_locked"));
        assertThat(chart.throughput()).isSameAs(throughput);
    }
}
