package org.infoprob.jobs.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the demo says at the end, from what the traffic sent ({@link GroundTruth}) and what the
 * jobs committed ({@link OutputStats}): whether every pipeline has caught up, the summary
 * (printed and saved beside the chart) and the chart's data.
 *
 * <pre>
 * Summary after 60 s: 119,934 records sent (601 poison) at about 1,998/s: classes 47,973, ...
 *   output topic             records
 *   probabilities             35,880  softmax: one per valid scores record (35,880 of 35,880); top class = true class in 79.0%
 *   ...
 * </pre>
 */
final class Report {

    /** Users in the chart's class frequency plots: those with bursts first. */
    private static final int SHOWN_USERS = 3;

    private final OutputStats stats;
    private final GroundTruth truth;

    Report(OutputStats stats, GroundTruth truth) {
        this.stats = stats;
        this.truth = truth;
    }

    /**
     * Whether every pipeline that writes one record per input record has written one for every
     * valid record sent, and every poison record has one dead letter per pipeline reading it.
     */
    boolean caughtUp() {
        for (DemoJob j : DemoJob.values()) {
            if (j.oneToOne() && stats.records(j.outputTopic()) < truth.validRecords(j.inputTopic())) {
                return false;
            }
        }
        for (String topic : TrafficGenerator.TOPICS) {
            if (stats.deadLettersFrom(topic) < expectedDeadLetters(topic)) {
                return false;
            }
        }
        return true;
    }

    private long expectedDeadLetters(String topic) {
        return truth.poisonRecords(topic) * DemoJob.readers(topic).size();
    }

    /** The summary: what was sent in {@code seconds}, then one line per output topic, then the rarest events. */
    List<String> summary(long produced, long seconds) {
        long poison = 0;
        List<String> sent = new ArrayList<>();
        for (String topic : TrafficGenerator.TOPICS) {
            poison += truth.poisonRecords(topic);
            sent.add(String.format(Locale.ROOT, "%s %,d", topic, truth.validRecords(topic) + truth.poisonRecords(topic)));
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Summary after %d s: %,d records sent (%,d poison) at about %,d/s: %s.",
                seconds, produced, poison, seconds == 0 ? produced : produced / seconds, String.join(", ", sent)));
        lines.add(String.format(Locale.ROOT, "  %-21s %10s", "output topic", "records"));
        for (ChartData.SummaryRow row : rows()) {
            lines.add(String.format(Locale.ROOT, "  %-21s %,10d  %s", row.topic(), row.records(), row.note()));
        }
        if (!stats.rarest().isEmpty()) {
            lines.add("  rarest events: " + Progress.rarest(stats.rarest()));
        }
        return lines;
    }

    /** One row per output topic and one for the dead letters: records, and what they say. */
    List<ChartData.SummaryRow> rows() {
        List<ChartData.SummaryRow> rows = new ArrayList<>();
        for (DemoJob j : DemoJob.values()) {
            long n = stats.records(j.outputTopic());
            String note;
            if (j.oneToOne()) {
                long valid = truth.validRecords(j.inputTopic());
                note = j.label() + ": " + (n == valid
                        ? String.format(Locale.ROOT, "one per valid %s record (%,d of %,d)", j.inputTopic(), n, valid)
                        : String.format(Locale.ROOT, "%,d for %,d valid %s records", n, valid, j.inputTopic()));
            } else {
                note = j.label() + ": one per key and 5 s window";
            }
            if (j == DemoJob.SOFTMAX) {
                note += "; top class = true class in " + Progress.percent(stats.softmaxAccuracy());
            } else if (j == DemoJob.SIGMOID) {
                note += String.format(Locale.ROOT,
                        "; more probable label = true label in %s (a calibrated model: %s ± %s on the same records, 95%% range)",
                        Progress.percent(stats.sigmoidAccuracy()), Progress.percent(stats.sigmoidCalibratedAccuracy()),
                        Progress.percent(stats.sigmoidCalibratedAccuracyMargin()));
            }
            rows.add(new ChartData.SummaryRow(j.outputTopic(), n, note));
        }
        long expected = 0;
        for (String topic : TrafficGenerator.TOPICS) {
            expected += expectedDeadLetters(topic);
        }
        String byReason = stats.deadLettersByReason().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        rows.add(new ChartData.SummaryRow(DemoJob.DEAD_LETTERS, stats.deadLetters(), String.format(Locale.ROOT,
                "%s (expected %,d: each poison record once per pipeline reading its topic)",
                byReason.isEmpty() ? "none" : byReason, expected)));
        return rows;
    }

    /**
     * The chart's data.
     *
     * @param originMillis when the traffic started: time zero of the rarity plot and the bursts
     * @param throughput the progress samples' rates
     */
    ChartData chart(String subtitle, long originMillis, List<ChartData.Series> throughput) {
        return new ChartData(
                "infoprob demo: scores to probabilities, events to rarity",
                subtitle,
                rows(),
                stats.sigmoidPoints(),
                stats.sigmoidBins(),
                stats.softmaxBins(),
                frequencies(),
                stats.rarityPoints(originMillis),
                truth.bursts().stream()
                        .map(b -> new ChartData.Band(
                                (b.startMillis() - originMillis) / 1000.0, (b.endMillis() - originMillis) / 1000.0,
                                b.key() + ": " + b.className()))
                        .collect(Collectors.toList()),
                throughput);
    }

    /** The users with bursts first, then the others, {@value #SHOWN_USERS} of them; classes most frequent first. */
    List<ChartData.KeyFrequencies> frequencies() {
        Set<Integer> users = new LinkedHashSet<>();
        for (GroundTruth.Burst b : truth.bursts()) {
            users.add(TrafficGenerator.userIndex(b.key()));
        }
        for (int u = 0; u < TrafficGenerator.USERS; u++) {
            users.add(u);
        }
        List<ChartData.KeyFrequencies> shown = new ArrayList<>();
        for (int u : users) {
            if (shown.size() == SHOWN_USERS) {
                break;
            }
            List<ChartData.ClassBar> classes = new ArrayList<>();
            int all = TrafficGenerator.EVENTS.length + TrafficGenerator.RARE_EVENTS.length;
            for (int c = 0; c < all; c++) {
                boolean rare = c >= TrafficGenerator.EVENTS.length;
                long count = truth.classCount(u, c);
                if (!rare || count > 0) {
                    classes.add(new ChartData.ClassBar(TrafficGenerator.className(c), count, stats.latestBits(u, c), rare));
                }
            }
            classes.sort(Comparator.comparingLong(ChartData.ClassBar::count).reversed());
            shown.add(new ChartData.KeyFrequencies(TrafficGenerator.user(u), TrafficGenerator.zipfExponent(u), classes));
        }
        return shown;
    }
}
