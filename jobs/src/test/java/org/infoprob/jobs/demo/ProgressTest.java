package org.infoprob.jobs.demo;

import org.infoprob.model.Reason;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's progress lines and throughput series from canned output records, without a broker. */
class ProgressTest {

    private static void accept(OutputStats stats, String topic, String json, int times) throws IOException {
        for (int i = 0; i < times; i++) {
            stats.accept(topic, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void linesGiveRatesSinceTheLastSampleDeadLettersAccuracyAndTheRarestEvents() throws IOException {
        GroundTruth truth = TrafficGenerator.newTruth();
        truth.softmax("camera-0", 1, 0);
        truth.softmax("camera-1", 2, 0);
        truth.poison(TrafficGenerator.SCORES, Reason.INVALID_JSON);
        OutputStats stats = new OutputStats(truth);
        Progress progress = new Progress();

        List<String> before = progress.sample(2.0, 4000, stats);
        // softmax: 4 records in the first 2 s, the first two judged: cat (true) and dog (false)
        accept(stats, "probabilities", "{\"key\":\"camera-0\",\"ts\":1,\"top\":\"cat\",\"topProbability\":0.9}", 1);
        accept(stats, "probabilities", "{\"key\":\"camera-1\",\"ts\":2,\"top\":\"dog\",\"topProbability\":0.5}", 1);
        accept(stats, "probabilities", "{\"key\":\"camera-9\",\"ts\":9,\"top\":\"cat\",\"topProbability\":0.5}", 2);
        accept(stats, "rarity", "{\"key\":\"user-3\",\"ts\":5,\"class\":\"account_locked\",\"surprisalBits\":10.27,\"oneIn\":1234.0}", 2);
        accept(stats, "rarity", "{\"key\":\"user-1\",\"ts\":6,\"class\":\"logout\",\"surprisalBits\":8.3,\"oneIn\":310.0}", 1);
        accept(stats, "dead-letters", "{\"reason\":\"INVALID_JSON\",\"topic\":\"scores\"}", 2);
        accept(stats, "dead-letters", "{\"reason\":\"WRONG_TYPE\",\"topic\":\"scores\"}", 1);
        List<String> after = progress.sample(4.0, 8000, stats);

        assertThat(before).containsExactly(
                "[  2 s] sent 4,000 (2,000/s) | committed out/s: softmax 0 window-softmax 0 sigmoid 0 multi-label 0"
                        + " surprisal 0 window-surprisal 0",
                "        dead letters 0 | top class = truth: softmax -, sigmoid -",
                "        rarest so far: -");
        // over the 2 s between the samples: 4,000 sent (2,000/s), 4 softmax records (2/s), 3 rarity records (1.5/s -> 2)
        assertThat(after).containsExactly(
                "[  4 s] sent 8,000 (2,000/s) | committed out/s: softmax 2 window-softmax 0 sigmoid 0 multi-label 0"
                        + " surprisal 2 window-surprisal 0",
                "        dead letters 3 (INVALID_JSON 2, WRONG_TYPE 1) | top class = truth: softmax 50.0%, sigmoid -",
                "        rarest so far: user-3 account_locked (one in 1,234) · user-1 logout (one in 310)");
    }

    @Test
    void throughputHasOneSeriesPerPipelineWithTheRatesOfEverySample() throws IOException {
        OutputStats stats = new OutputStats(TrafficGenerator.newTruth());
        Progress progress = new Progress();
        accept(stats, "window-rarity", "{\"key\":\"user-1\",\"ts\":4999}", 6);
        progress.sample(2.0, 0, stats);
        accept(stats, "window-rarity", "{\"key\":\"user-1\",\"ts\":9999}", 3);
        progress.sample(5.0, 0, stats);

        List<ChartData.Series> series = progress.throughput();

        assertThat(series).extracting(ChartData.Series::name).containsExactly(
                "softmax", "window-softmax", "sigmoid", "multi-label", "surprisal", "window-surprisal");
        ChartData.Series windowRarity = series.get(5);
        // 6 records in the first 2 s, 3 in the next 3 s
        assertThat(windowRarity.seconds()).containsExactly(2.0, 5.0);
        assertThat(windowRarity.values()).containsExactly(3.0, 1.0);
        assertThat(series.get(0).values()).containsExactly(0.0, 0.0);
    }
}
