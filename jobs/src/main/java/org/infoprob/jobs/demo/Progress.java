package org.infoprob.jobs.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's live progress: at each sample, three lines with the records sent, each pipeline's
 * committed output records per second since the last sample, the dead letters by reason, how
 * often the top class was the true one, and the rarest events so far. It keeps the rates, for
 * the chart's throughput plot.
 *
 * <pre>
 * [  2 s] sent 3,998 (1,999/s) | committed out/s: softmax 590 window-softmax 0 sigmoid 398 ...
 *         dead letters 12 (INVALID_JSON 4, MISSING_FIELD 8) | top class = truth: softmax 79.1%, sigmoid 82.0%
 *         rarest so far: user-3 account_locked (one in 1,234) · user-1 logout (one in 310)
 * </pre>
 */
final class Progress {

    private final List<Double> seconds = new ArrayList<>();
    private final Map<DemoJob, List<Double>> rates = new EnumMap<>(DemoJob.class);
    private final Map<DemoJob, Long> lastCounts = new EnumMap<>(DemoJob.class);
    private double lastSeconds;
    private long lastProduced;

    Progress() {
        for (DemoJob j : DemoJob.values()) {
            rates.put(j, new ArrayList<>());
            lastCounts.put(j, 0L);
        }
    }

    /**
     * The progress lines {@code now} seconds after the traffic started, when {@code produced}
     * records have been sent; rates are over the time since the previous sample (or the start).
     */
    List<String> sample(double now, long produced, OutputStats stats) {
        double dt = now - lastSeconds;
        seconds.add(now);
        StringBuilder out = new StringBuilder();
        for (DemoJob j : DemoJob.values()) {
            long count = stats.records(j.outputTopic());
            double rate = (count - lastCounts.get(j)) / dt;
            lastCounts.put(j, count);
            rates.get(j).add(rate);
            out.append(String.format(Locale.ROOT, " %s %,.0f", j.label(), rate));
        }
        List<String> lines = List.of(
                String.format(Locale.ROOT, "[%3.0f s] sent %,d (%,.0f/s) | committed out/s:%s",
                        now, produced, (produced - lastProduced) / dt, out),
                String.format(Locale.ROOT, "        dead letters %,d%s | top class = truth: softmax %s, sigmoid %s",
                        stats.deadLetters(), reasons(stats.deadLettersByReason()),
                        percent(stats.softmaxAccuracy()), percent(stats.sigmoidAccuracy())),
                "        rarest so far: " + rarest(stats.rarest()));
        lastSeconds = now;
        lastProduced = produced;
        return lines;
    }

    /** Committed output records per second of each pipeline at every sample so far. */
    List<ChartData.Series> throughput() {
        double[] at = seconds.stream().mapToDouble(Double::doubleValue).toArray();
        List<ChartData.Series> series = new ArrayList<>();
        rates.forEach((j, r) -> series.add(new ChartData.Series(j.label(), at, r.stream().mapToDouble(Double::doubleValue).toArray())));
        return series;
    }

    /** {@code " (R1 n, R2 m)"}, or nothing without dead letters. */
    static String reasons(Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "";
        }
        return byReason.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    /** The rarest events as {@code key class (one in N)}, or {@code -} before any. */
    static String rarest(List<OutputStats.Rare> rarest) {
        if (rarest.isEmpty()) {
            return "-";
        }
        return rarest.stream()
                .map(r -> String.format(Locale.ROOT, "%s %s (one in %,.0f)", r.key(), r.className(), r.oneIn()))
                .collect(Collectors.joining(" · "));
    }

    /** A share as {@code 79.1%}, or {@code -} for NaN (nothing judged yet). */
    static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
