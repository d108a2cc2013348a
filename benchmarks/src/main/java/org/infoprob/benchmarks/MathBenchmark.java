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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * P1: the cost of softmax, log-softmax and sigmoid per element against the baseline of a plain
 * {@code Math.exp} loop over the same data (the least any softmax must do). Report the ratio
 * {@code softmax / expLoop}, both measured in the same run.
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

    private double[] scores;
    private double[] out;

    @Setup
    public void setUp() {
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
