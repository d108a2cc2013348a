package org.infoprob.benchmarks;

/**
 * One line of {@code BENCHMARKS.md}: what was measured, the figure, the goal and whether it
 * holds.
 *
 * @param id the measure, e.g. {@code P1}
 * @param measure what was compared, e.g. {@code softmax / Math.exp loop, K=10}
 * @param result the figure, e.g. {@code 1.12x (1.08-1.15)}
 * @param goal the goal as text, e.g. {@code <= 1.3x}
 * @param met whether the goal holds; null when the row has no goal (a plain figure)
 */
record Row(String id, String measure, String result, String goal, Boolean met) {

    String metText() {
        return met == null ? "-" : met ? "yes" : "**no**";
    }
}
