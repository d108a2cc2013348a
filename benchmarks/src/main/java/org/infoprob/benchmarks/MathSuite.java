package org.infoprob.benchmarks;

import org.infoprob.math.Softmax;

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
import java.util.Locale;
import java.util.Map;

/**
 * P1: softmax, log-softmax and sigmoid per element against a plain {@code Math.exp} loop over
 * the same data ({@link MathBenchmark}), K in {2, 10, 100, 1000}, with the scalar kernel; then
 * softmax and log-softmax with the Vector API kernel, K in {10, 16, 100, 1000}. Each round is
 * one JMH run per kernel, and every kernel is measured next to its baseline in the same forked
 * JVM; the ratio of average times per round gives the median and spread.
 */
final class MathSuite {

    static final String[] KS = {"2", "10", "100", "1000"};
    static final String[] VECTOR_KS = {"10", "16", "100", "1000"};
    private static final String[] KERNELS = {"softmax", "logSoftmax", "sigmoid"};
    private static final String[] VECTOR_KERNELS = {"softmax", "logSoftmax"};
    private static final double SOFTMAX_GOAL = 1.3;
    private static final double VECTOR_GOAL = 0.7;
    private static final int VECTOR_GOAL_FROM_K = 16;

    private MathSuite() {}

    static List<Row> run(Settings s) throws RunnerException {
        // time[kernel + K] per round, for each of the two runs.
        Map<String, double[]> scalar = new HashMap<>();
        Map<String, double[]> vector = new HashMap<>();
        int rounds = s.rounds();
        for (int r = 0; r < rounds; r++) {
            collect(
                    run(s, "expLoop|softmax|logSoftmax|sigmoid", KS, "-Dinfoprob.vector=false"),
                    scalar, r, rounds);
            collect(
                    run(s, "expLoop|softmax|logSoftmax", VECTOR_KS,
                            "--add-modules", "jdk.incubator.vector",
                            "-D" + MathBenchmark.EXPECT_VECTOR + "=true"),
                    vector, r, rounds);
        }
        List<Row> rows = new ArrayList<>();
        for (String kernel : KERNELS) {
            for (String k : KS) {
                rows.add(row(kernel + " / Math.exp loop, K=" + k + " (time per vector)",
                        scalar, kernel, k, kernel.equals("softmax") ? SOFTMAX_GOAL : 0, "<= 1.3x"));
            }
        }
        // Without forks (the smoke run) JMH runs in this JVM, whose kernel is what it is.
        String label = s.jmhForks() == 0 ? "in-process kernel: " + Softmax.kernel() : "Vector API kernel";
        for (String kernel : VECTOR_KERNELS) {
            for (String k : VECTOR_KS) {
                boolean goal = kernel.equals("softmax") && Integer.parseInt(k) >= VECTOR_GOAL_FROM_K;
                rows.add(row(kernel + " (" + label + ") / Math.exp loop, K=" + k + " (time per vector)",
                        vector, kernel, k, goal ? VECTOR_GOAL : 0, "<= 0.7x"));
            }
        }
        return rows;
    }

    private static Collection<RunResult> run(Settings s, String methods, String[] ks, String... jvmArgs)
            throws RunnerException {
        Options o =
                new OptionsBuilder()
                        .include(MathBenchmark.class.getName() + "\\.(" + methods + ")$")
                        .param("k", ks)
                        .forks(s.jmhForks())
                        .jvmArgsAppend(jvmArgs)
                        .warmupIterations(s.jmhWarmups())
                        .warmupTime(TimeValue.milliseconds(s.jmhIterationMillis()))
                        .measurementIterations(s.jmhMeasurements())
                        .measurementTime(TimeValue.milliseconds(s.jmhIterationMillis()))
                        .verbosity(VerboseMode.SILENT)
                        .build();
        return new Runner(o).run();
    }

    private static void collect(Collection<RunResult> results, Map<String, double[]> times, int round, int rounds) {
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String k = result.getParams().getParam("k");
            times.computeIfAbsent(method + "/" + k, x -> new double[rounds])[round] =
                    result.getPrimaryResult().getScore();
        }
    }

    /** A row; {@code goal} 0 for none. A kernel whose run failed (no figures) gets a row saying so. */
    private static Row row(String measure, Map<String, double[]> times, String kernel, String k,
            double goal, String goalText) {
        double[] measured = times.get(kernel + "/" + k);
        double[] baseline = times.get("expLoop/" + k);
        if (measured == null || baseline == null || has(measured, 0.0) || has(baseline, 0.0)) {
            return new Row("P1", measure, "not measured: the JMH run failed (see its output)",
                    goal > 0 ? goalText : "-", goal > 0 ? false : null);
        }
        Ratio ratio = Ratio.of(measured, baseline);
        return new Row(
                "P1",
                measure,
                ratio.text() + String.format(Locale.ROOT, "; exp loop %.1f ns", Ratio.median(baseline)),
                goal > 0 ? goalText : "-",
                goal > 0 ? ratio.median() <= goal : null);
    }

    private static boolean has(double[] xs, double value) {
        for (double x : xs) {
            if (x == value) {
                return true;
            }
        }
        return false;
    }
}
