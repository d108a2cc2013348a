package org.infoprob.internal;

import org.infoprob.model.ProbabilityEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummarizerTest {

    private static final String[] CLASSES = {"a", "b", "c"};

    private static double[] logs(double[] p) {
        double[] l = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            l[i] = Math.log(p[i]);
        }
        return l;
    }

    @Test
    void logBufferIsTheOutputArrayAReusedScratchOrNothing() {
        Summarizer output = new Summarizer(new OutputOptions(1.0, true, 0, true, true));
        assertThat(output.logBuffer(3)).as("output: a fresh array per record").isNotSameAs(output.logBuffer(3));
        Summarizer entropyOnly = new Summarizer(new OutputOptions(1.0, false, 0, true, true));
        double[] scratch = entropyOnly.logBuffer(3);
        assertThat(entropyOnly.logBuffer(2)).as("entropy only: reused").isSameAs(scratch);
        assertThat(entropyOnly.logBuffer(4)).as("grown for more classes").hasSize(4);
        Summarizer neither = new Summarizer(new OutputOptions(1.0, false, 0, false, true));
        assertThat(neither.logBuffer(3)).isNull();
        assertThat(neither.complementBuffer(3)).isNull();
        assertThat(neither.logComplementBuffer(3)).isNull();
    }

    @Test
    void exclusiveSummaryHasTopTopKEntropyAndMargin() {
        Summarizer s = new Summarizer(new OutputOptions(1.0, false, 5, true, true));
        double[] p = {0.125, 0.5, 0.375};
        ProbabilityEvent e = s.exclusive("k", 7L, CLASSES, p, logs(p));
        assertThat(e.key).isEqualTo("k");
        assertThat(e.ts).isEqualTo(7L);
        assertThat(e.probabilities).isSameAs(p);
        assertThat(e.logProbabilities).as("not asked for").isNull();
        assertThat(e.top).isEqualTo("b");
        assertThat(e.topProbability).isEqualTo(0.5);
        assertThat(e.topK).as("k = 5 cut to the 3 classes, most probable first").containsExactly("b", "c", "a");
        assertThat(e.topKProbabilities).containsExactly(0.5, 0.375, 0.125);
        // -sum p ln p = 1/8 ln 8 + 1/2 ln 2 + 3/8 ln(8/3)
        double entropy = 0.125 * Math.log(8) + 0.5 * Math.log(2) + 0.375 * Math.log(8.0 / 3);
        assertThat(e.entropy).isCloseTo(entropy, within(1e-15));
        assertThat(e.margin).as("p_(1) - p_(2)").isEqualTo(0.125);
    }

    @Test
    void switchedOffSummariesAreNaNOrAbsent() {
        Summarizer s = new Summarizer(new OutputOptions(1.0, true, 0, false, false));
        double[] p = {0.5, 0.5};
        double[] logp = s.logBuffer(2);
        logp[0] = logp[1] = Math.log(0.5);
        ProbabilityEvent e = s.exclusive("k", 1L, new String[] {"x", "y"}, p, logp);
        assertThat(e.top).as("first on ties").isEqualTo("x");
        assertThat(e.logProbabilities).isSameAs(logp);
        assertThat(e.topK).isNull();
        assertThat(e.entropy).isNaN();
        assertThat(e.margin).isNaN();
    }

    @Test
    void independentEntropyIsTheSumOfTheBinaryEntropies() {
        Summarizer s = new Summarizer(new OutputOptions(1.0, false, 0, true, true));
        double[] p = {0.5, 0.25, 1.0};
        double[] q = s.complementBuffer(3);
        double[] logq = s.logComplementBuffer(3);
        q[0] = 0.5;
        q[1] = 0.75;
        q[2] = 0.0;
        for (int i = 0; i < 3; i++) {
            logq[i] = Math.log(q[i]);
        }
        ProbabilityEvent e = s.independent("k", 1L, CLASSES, p, logs(p), q, logq);
        // H(0.5) = ln 2; H(0.25) = 1/4 ln 4 + 3/4 ln(4/3); H(1) = 0 (0 ln 0 = 0)
        double entropy = Math.log(2) + 0.25 * Math.log(4) + 0.75 * Math.log(4.0 / 3);
        assertThat(e.entropy).isCloseTo(entropy, within(1e-15));
        assertThat(e.top).isEqualTo("c");
        assertThat(e.margin).isEqualTo(0.5);
    }
}
