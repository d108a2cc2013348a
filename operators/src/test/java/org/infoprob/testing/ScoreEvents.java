package org.infoprob.testing;

import org.infoprob.model.ScoreEvent;

/** Compact construction of score events for the operator tests. */
public final class ScoreEvents {

    private ScoreEvents() {}

    /** {@code event("k", 5, "a", 0.0, "b", 1.5)}: key, event time, then class/score pairs. */
    public static ScoreEvent event(String key, long ts, Object... classScorePairs) {
        int n = classScorePairs.length / 2;
        String[] classes = new String[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            classes[i] = (String) classScorePairs[2 * i];
            scores[i] = ((Number) classScorePairs[2 * i + 1]).doubleValue();
        }
        return ScoreEvent.of(key, ts, classes, scores);
    }

    /**
     * {@code k} scores, none equal, spread over about [-6, 6]: {@code s_i = 6 sin(1.3 i + seed)},
     * rounded to float so that an SQL {@code ARRAY<FLOAT>} holds exactly these values. Used at
     * K = 17 and 37, which the Vector API kernel splits into full vectors and a tail.
     */
    public static double[] nonUniformScores(int k, int seed) {
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = (float) (6 * Math.sin(1.3 * i + seed));
        }
        return s;
    }
}
