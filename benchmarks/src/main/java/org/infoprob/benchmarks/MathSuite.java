package org.infoprob.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * P1: softmax, log-softmax and sigmoid per element against a plain {@code Math.exp} loop over
 * the same data ({@link MathBenchmark}), K in {2, 10, 100, 1000}. Each round is one JMH run of
 * all of them, so within a round every kernel is measured next to its baseline; the ratio of
 * average times per round gives the median and spread.
 */
final class MathSuite {

    static final String[] KS = {"2", "10", "100", "1000"};
    private static final String[] KERNELS = {"softmax", "logSoftmax", "sigmoid"};
    private static final double SOFTMAX_GOAL = 1.3;

    private MathSuite() {}

    static List<Row> run(Settings s) throws RunnerException {
        // time[kernel + K] per round; the first round is a discarded warm-up only when forks = 0
        // (a forked JVM warms up in its own warm-up iterations).
        Map<String, double[]> times = new HashMap<>();
        int rounds = s.rounds();
        for (int r = 0; r < rounds; r++) {
            Options o =
                    new OptionsBuilder()
                            .include(MathBenchmark.class.getName() + "\\.(expLoop|softmax|logSoftmax|sigmoid)$")
                            .param("k", KS)
                            .forks(s.jmhForks())
                            .warmupIterations(s.jmhWarmups())
                            .warmupTime(TimeValue.milliseconds(s.jmhIterationMillis()))
                            .measurementIterations(s.jmhMeasurements())
                            .measurementTime(TimeValue.milliseconds(s.jmhIterationMillis()))
                            .verbosity(VerboseMode.SILENT)
                            .build();
            Collection<RunResult> results = new Runner(o).run();
            for (RunResult result : results) {
                String method = result.getParams().getBenchmark();
                method = method.substring(method.lastIndexOf('.') + 1);
                String k = result.getParams().getParam("k");
                times.computeIfAbsent(method + "/" + k, x -> new double[rounds])[r] =
                        result.getPrimaryResult().getScore();
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String kernel : KERNELS) {
            for (String k : KS) {
                Ratio ratio = Ratio.of(times.get(kernel + "/" + k), times.get("expLoop/" + k));
                boolean goal = kernel.equals("softmax");
                rows.add(
                        new Row(
                                "P1",
                                kernel + " / Math.exp loop, K=" + k + " (time per vector)",
                                ratio.text()
                                        + String.format(
                                                java.util.Locale.ROOT,
                                                "; exp loop %.1f ns",
                                                Ratio.median(times.get("expLoop/" + k))),
                                goal ? "<= 1.3x" : "-",
                                goal ? ratio.median() <= SOFTMAX_GOAL : null));
            }
        }
        return rows;
    }
}
