package org.infoprob.internal;

import org.apache.flink.annotation.Internal;

import java.io.Serializable;

/**
 * What a probability operator computes besides the probabilities, validated once when the
 * operator is built: temperature {@code T} (finite, &gt; 0; default 1), log-probabilities
 * (default off), top-k ({@code k >= 0}, 0 = off; default off), entropy (default on), margin
 * (default on).
 *
 * <pre>{@code
 * new OutputOptions(0.5, true, 3, true, false);
 * new OutputOptions(-1.0, false, 0, true, true); // IllegalArgumentException: Temperature must be finite and > 0, was -1.0
 * }</pre>
 */
@Internal
public final class OutputOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final boolean DEFAULT_LOG_PROBABILITIES = false;
    public static final int DEFAULT_TOP_K = 0;
    public static final boolean DEFAULT_ENTROPY = true;
    public static final boolean DEFAULT_MARGIN = true;

    public final double temperature;
    public final boolean logProbabilities;
    public final int topK;
    public final boolean entropy;
    public final boolean margin;

    /** @throws IllegalArgumentException for a temperature not finite and &gt; 0, or {@code topK < 0} */
    public OutputOptions(
            double temperature, boolean logProbabilities, int topK, boolean entropy, boolean margin) {
        if (!(temperature > 0) || temperature == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "Temperature must be finite and > 0, was " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("Top-k must be >= 0 (0 = off), was " + topK);
        }
        this.temperature = temperature;
        this.logProbabilities = logProbabilities;
        this.topK = topK;
        this.entropy = entropy;
        this.margin = margin;
    }

    /** Log-probabilities are computed when they are output or feed the entropy. */
    public boolean needsLogProbabilities() {
        return logProbabilities || entropy;
    }
}
