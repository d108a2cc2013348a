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
}
