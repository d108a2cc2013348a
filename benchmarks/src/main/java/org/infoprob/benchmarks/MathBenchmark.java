package org.infoprob.benchmarks;

import org.infoprob.math.Sigmoid;
import org.infoprob.math.Softmax;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * P1: the cost of softmax, log-softmax and sigmoid per element against the baseline of a plain
 * {@code Math.exp} loop over the same data (the least any softmax must do). Report the ratio
 * {@code softmax / expLoop}, both measured in the same run. {@link MathSuite} runs it twice
 * per round: with the scalar kernel ({@code -Dinfoprob.vector=false}) and with the Vector API
 * kernel ({@code --add-modules jdk.incubator.vector}); the baseline is the same scalar loop in
 * both.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MathBenchmark {

    @Param({"2", "10", "100", "1000"})
    public int k;

    /** Set by {@link MathSuite} for the forks that must run the Vector API kernel. */
    static final String EXPECT_VECTOR = "infoprob.bench.expectVector";

    /**
     * Set by {@link MathSuite}: a file into which each fork writes {@link Softmax#kernel()}, so
     * that the report says which kernel the forks really ran.
     */
    static final String KERNEL_REPORT = "infoprob.bench.kernelReport";

    private double[] scores;
    private double[] out;

    @Setup
    public void setUp() throws IOException {
        String kernel = Softmax.kernel();
        String report = System.getProperty(KERNEL_REPORT);
        if (report != null) {
            Files.writeString(Path.of(report), kernel, StandardCharsets.UTF_8);
        }
        if (Boolean.getBoolean(EXPECT_VECTOR) && !kernel.startsWith("vector")) {
            // Fail the run rather than report scalar figures as the vector kernel's.
            throw new IllegalStateException("The vector kernel is not in use: " + kernel);
        }
        SplittableRandom random = new SplittableRandom(42);
        scores = new double[k];
        for (int i = 0; i < k; i++) {
            scores[i] = random.nextDouble() * 20 - 10;
        }
        out = new double[k];
    }

    /** Baseline: exp of every score into the buffer, and their sum. */
    @Benchmark
    public double expLoop() {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double e = Math.exp(scores[i]);
            out[i] = e;
            sum += e;
        }
        return sum;
    }

    @Benchmark
    public double[] softmax() {
        Softmax.probabilities(scores, k, 1.0, out);
        return out;
    }

    @Benchmark
    public double[] softmaxWithTemperature() {
        Softmax.probabilities(scores, k, 0.7, out);
        return out;
    }

    @Benchmark
    public double[] logSoftmax() {
        Softmax.logProbabilities(scores, k, 1.0, out);
        return out;
    }

    /** Sigmoid of every score: the multi-label case. */
    @Benchmark
    public double[] sigmoid() {
        for (int i = 0; i < k; i++) {
            out[i] = Sigmoid.sigmoid(scores[i]);
        }
        return out;
    }
}
