package org.infoprob.math;

import java.util.Arrays;

/**
 * The classes of one key with their weights and event counts, in the order they arrived: the
 * one class-count container of the library. The information operator's state ({@code
 * information.ClassCounts}) extends it with forward decay, Space-Saving errors and timers, its
 * window accumulator holds such a state, and the SQL accumulator ({@code
 * sql.ClassCountAccumulator}) extends it with retraction. Whatever holds the counts, {@link
 * #score} hands them to {@link InformationScorer} in the same order, so the same events give
 * the same bits on every path.
 *
 * <p>Layout: parallel arrays {@code names}, {@code weights} ({@code g_j}), {@code events}
 * (events per class, saturating at {@link Integer#MAX_VALUE}); the first {@link #size} entries
 * are used, the arrays grow by 1/8 (at least one) up to a limit, so a key wastes little
 * capacity. {@link #total} is the sum of all weights counted (which, once a summary has evicted
 * classes, is more than the weights held). The fields are public so that Flink SQL can store a
 * subclass as a structured type; code outside the library reads them through the methods.
 *
 * <p>Lookup is a scan of the names comparing cached hash codes first ({@link #indexOf}): O(V)
 * like scoring the event, far cheaper than it, and no second table per key.
 *
 * <pre>{@code
 * ClassTally t = new ClassTally();
 * int login = t.append("login", 100);
 * t.weights[login] += 5; t.events[login] += 5; t.total += 5;
 * t.score(InformationScorer.of(Smoothing.ADDITIVE, 1.0, 1.0), t.indexOf("logout"), out);
 * }</pre>
 */
public class ClassTally {

    private static final String[] NO_NAMES = new String[0];
    private static final double[] NO_WEIGHTS = new double[0];
    private static final int[] NO_EVENTS = new int[0];

    /** Class names; the first {@link #size} are held. */
    public String[] names = NO_NAMES;
    /** {@code g_j}, parallel to {@link #names}. */
    public double[] weights = NO_WEIGHTS;
    /** Events per class, parallel to {@link #names}, saturating at {@link Integer#MAX_VALUE}. */
    public int[] events = NO_EVENTS;
    /** Number of classes held. */
    public int size;
    /** Sum of all weights counted. */
    public double total;

    /** An empty tally. */
    public ClassTally() {}

    /** Number of classes held. */
    public int size() {
        return size;
    }

    /** Index of a class, -1 if not held. O(V), allocation-free. */
    public int indexOf(String name) {
        int h = name.hashCode();
        String[] held = names;
        for (int i = 0; i < size; i++) {
            String n = held[i];
            if (n == name || (n.hashCode() == h && n.equals(name))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A new class at the end with weight 0 and no events; the arrays grow to at most {@code
     * limit} entries (more if {@code limit} is below the size needed). Returns its index.
     */
    public int append(String name, int limit) {
        if (size == names.length) {
            // Growth by 1/8 (at least 1): little unused capacity per key, amortised O(1) copies.
            int capacity = Math.max(size + 1, Math.min(limit, size + Math.max(1, size >> 3)));
            grow(capacity);
        }
        int i = size++;
        names[i] = name;
        weights[i] = 0.0;
        events[i] = 0;
        return i;
    }

    /** Counts one event of weight {@code w} (already in the units of the weights) for class {@code i}. */
    public void count(int i, double w) {
        weights[i] += w;
        total += w;
        if (events[i] != Integer.MAX_VALUE) {
            events[i]++;
        }
    }

    /**
     * Scores an event of class {@code x} (an index, or -1 for a class not held) against these
     * counts, exact and undecayed, with {@code scorer}, into {@code out}: {@link
     * InformationScorer#scoreEvent(double[], int[], double[], int, double, double, int,
     * EventScores)} over the first {@link #size} classes in their order.
     */
    public void score(InformationScorer scorer, int x, EventScores out) {
        scorer.scoreEvent(weights, events, null, size, total, 1.0, x, out);
    }

    /** Resizes the parallel arrays to {@code capacity} entries; subclasses grow theirs too. */
    protected void grow(int capacity) {
        names = Arrays.copyOf(names, capacity);
        weights = Arrays.copyOf(weights, capacity);
        events = Arrays.copyOf(events, capacity);
    }
}
