package org.infoprob.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P1: softmax, log-softmax and sigmoid per element against a plain {@code Math.exp} loop over
 * the same data ({@link MathBenchmark}), K in {2, 10, 100, 1000}, with the scalar kernel; then
 * softmax and log-softmax with the Vector API kernel, K in {10, 16, 100, 1000}. Each round is
 * one JMH run per kernel, and every kernel is measured next to its baseline in the same forked
 * JVM; the ratio of average times per round gives the median and spread. The vector run is
 * always forked (also in the smoke run, whose scalar run stays in this JVM), with {@code
 * --add-modules jdk.incubator.vector}; its forks report {@code Softmax.kernel()}, and its rows
 * name the lanes, or say "not measured" with the kernel that ran instead.
 */
final class MathSuite {

    static final String[] KS = {"2", "10", "100", "1000"};
    static final String[] VECTOR_KS = {"10", "16", "100", "1000"};
    private static final String[] KERNELS = {"softmax", "logSoftmax", "sigmoid"};
    private static final String[] VECTOR_KERNELS = {"softmax", "logSoftmax"};
    private static final double SOFTMAX_GOAL = 1.3;
    private static final double VECTOR_GOAL = 0.7;
    private static final int VECTOR_GOAL_FROM_K = 16;
    /** What the vector rows say when the forks ran another kernel ({@code Softmax.kernel()} follows). */
    static final String NOT_VECTOR = "the forks did not run the vector kernel but ";
    /** In {@code Softmax.kernel()}: "vector (jdk.incubator.vector, 8 lanes of 64 bits, ..., for K >= 8)". */
    private static final Pattern LANES = Pattern.compile("(\\d+) lanes");
    private static final Pattern SHORTEST = Pattern.compile("for K >= (\\d+)\\)");

    private MathSuite() {}

    static List<Row> run(Settings s) throws RunnerException, IOException {
        // time[kernel + K] per round, for each of the two runs.
        Map<String, double[]> scalar = new HashMap<>();
        Map<String, double[]> vector = new HashMap<>();
        int rounds = s.rounds();
        // The forks of the vector runs write the kernel they ran into this file.
        Path kernelReport = Files.createTempFile("infoprob-p1-kernel", ".txt");
        String vectorKernel;
        try {
            for (int r = 0; r < rounds; r++) {
                collect(
                        run(s, s.jmhForks(), "expLoop|softmax|logSoftmax|sigmoid", KS, "-Dinfoprob.vector=false"),
                        scalar, r, rounds);
                // Always in forks, also in the smoke run (whose scalar measures run in this JVM):
                // the Vector API module can only be added when a JVM starts.
                collect(
                        run(s, Math.max(1, s.jmhForks()), "expLoop|softmax|logSoftmax", VECTOR_KS,
                                "--add-modules", "jdk.incubator.vector",
                                "-D" + MathBenchmark.EXPECT_VECTOR + "=true",
                                "-D" + MathBenchmark.KERNEL_REPORT + "=" + kernelReport),
                        vector, r, rounds);
            }
            vectorKernel = Files.readString(kernelReport, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(kernelReport);
        }
        List<Row> rows = new ArrayList<>();
        for (String kernel : KERNELS) {
            for (String k : KS) {
                rows.add(row(kernel + " / Math.exp loop, K=" + k + " (time per vector)",
                        scalar, kernel, k, kernel.equals("softmax") ? SOFTMAX_GOAL : 0, "<= 1.3x"));
            }
        }
        Matcher lanes = LANES.matcher(vectorKernel);
        Matcher shortest = SHORTEST.matcher(vectorKernel);
        boolean isVector = vectorKernel.startsWith("vector") && lanes.find() && shortest.find();
        String label = isVector ? "Vector API kernel, " + lanes.group(1) + " lanes" : "Vector API kernel";
        for (String kernel : VECTOR_KERNELS) {
            for (String k : VECTOR_KS) {
                boolean goal = kernel.equals("softmax") && Integer.parseInt(k) >= VECTOR_GOAL_FROM_K;
                String measure = kernel + " (" + label + ") / Math.exp loop, K=" + k + " (time per vector)";
                String goalText = goal ? "<= 0.7x" : "-";
                if (!isVector) {
                    rows.add(notMeasured(measure, vectorKernel.isEmpty()
                            ? "no fork reported its kernel (see the JMH output)"
                            : NOT_VECTOR + vectorKernel, goalText));
                } else if (Integer.parseInt(k) < Integer.parseInt(shortest.group(1))) {
                    rows.add(notMeasured(measure, "K=" + k + " is shorter than the vector kernel takes: "
                            + vectorKernel, goalText));
                } else {
                    rows.add(row(measure, vector, kernel, k, goal ? VECTOR_GOAL : 0, goalText));
                }
            }
        }
        return rows;
    }

    private static Row notMeasured(String measure, String why, String goalText) {
        return new Row("P1", measure, "not measured: " + why, goalText, goalText.equals("-") ? null : false);
    }

    private static Collection<RunResult> run(Settings s, int forks, String methods, String[] ks, String... jvmArgs)
            throws RunnerException {
        Options o =
                new OptionsBuilder()
                        .include(MathBenchmark.class.getName() + "\\.(" + methods + ")$")
                        .param("k", ks)
                        .forks(forks)
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
