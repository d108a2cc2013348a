package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.math.ClassTally;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The accumulator of the class aggregates ({@link ClassSurprisalAggregateFunction}, {@link
 * RarityAggregateFunction}, {@link ClassScoreAggregateFunction}, {@link
 * ClassEntropyAggregateFunction}, {@link ClassDistributionAggregateFunction}): the library's one
 * class-count container, {@link ClassTally} (the same as the DataStream information operator's
 * state, in arrival order, so both score the same events to the same bits), one weight 1 per
 * row, plus retraction and the value of the row accumulated last.
 *
 * <p>A structured SQL type (public fields, no-arg constructor), not a RAW type:
 *
 * <pre>
 *   names ARRAY&lt;STRING&gt;, weights ARRAY&lt;DOUBLE NOT NULL&gt;, events ARRAY&lt;INT NOT NULL&gt;,
 *   size INT NOT NULL, total DOUBLE NOT NULL, result DOUBLE
 * </pre>
 *
 * (the arrays may be longer than {@code size}: spare capacity, nulls and zeros). The counts are
 * exact: a row of a new class beyond the function's class limit is rejected, never evicted.
 *
 * <p>State growth: one class name, an 8-byte weight and a 4-byte event count per distinct class,
 * nothing per row, so the state of a group is {@code O(V)} and bounded by the function's class
 * limit. Flink converts the whole accumulator from and to its state on every row, so a row
 * costs {@code O(V)}, as does scoring it. Set {@code table.exec.state.ttl} to drop the counts of
 * idle keys. The layout changed in release 0.2 (0.1 kept sorted arrays with {@code BIGINT}
 * counts): SQL state of 0.1 does not restore.
 *
 * <p>Calls with a half-life keep a {@link DecayingClassCountAccumulator}, this layout followed
 * by the fields of the decay; calls without one keep this layout.
 */
@PublicEvolving
public class ClassCountAccumulator extends ClassTally {

    /**
     * The default limit on distinct classes per group: a row of a new class beyond it is
     * rejected ({@code TOO_MANY_CLASSES}), not counted and gets NULL.
     */
    public static final int DEFAULT_MAX_CLASSES = 1000;

    /** The function's value for the row accumulated last (NULL if that row was rejected). */
    public Double result;

    public ClassCountAccumulator() {}

    /** {@code V}, the number of distinct classes. */
    int distinct() {
        return size;
    }

    /** The count of the class at {@code index} as returned by {@link #indexOf}; 0 if absent. */
    double countAt(int index) {
        return index >= 0 ? weights[index] : 0.0;
    }

    /** Counts one row of {@code cls}, found at {@code index} by {@link #indexOf} (-1: new). */
    void add(int index, String cls) {
        count(index >= 0 ? index : append(cls, Integer.MAX_VALUE), 1.0);
    }

    /**
     * Removes one row of {@code cls}; a class left without rows is forgotten, the others keep
     * their order. Returns false if {@code cls} is not counted.
     */
    boolean removeOne(String cls) {
        return remove(cls, 1.0);
    }

    /**
     * Removes one row of {@code cls} that was counted with weight {@code w} (in the units of the
     * weights): a class left without rows is forgotten, the others keep their order, and a group
     * left without classes has total 0. With weights 1 every step is exact; with decayed
     * weights the sums lose the last bits of a subtraction, so a weight or total is kept at
     * &gt;= 0. Returns false if {@code cls} is not counted.
     */
    final boolean remove(String cls, double w) {
        int index = indexOf(cls);
        if (index < 0) {
            return false;
        }
        if (--events[index] > 0) {
            weights[index] = Math.max(0.0, weights[index] - w);
            total = Math.max(0.0, total - w);
            return true;
        }
        int tail = size - index - 1;
        System.arraycopy(names, index + 1, names, index, tail);
        System.arraycopy(weights, index + 1, weights, index, tail);
        System.arraycopy(events, index + 1, events, index, tail);
        size--;
        names[size] = null;
        total = size == 0 ? 0.0 : Math.max(0.0, total - w);
        return true;
    }

    /** Adds all counts of {@code other} (a merge of two partial groups); new classes go last. */
    void addAll(ClassCountAccumulator other) {
        HashMap<String, Integer> index = new HashMap<>(Math.max(16, 2 * size));
        for (int i = 0; i < size; i++) {
            index.put(names[i], i);
        }
        for (int j = 0; j < other.size; j++) {
            Integer found = index.get(other.names[j]);
            int i = found != null ? found : append(other.names[j], Integer.MAX_VALUE);
            weights[i] += other.weights[j];
            events[i] = (int) Math.min(Integer.MAX_VALUE, (long) events[i] + other.events[j]);
        }
        total += other.total;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ClassCountAccumulator{");
        for (int i = 0; i < size; i++) {
            s.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(weights[i]);
        }
        s.append(", total=").append(total).append(", result=").append(result);
        return s.append('}').toString();
    }

    /** The classes held, in arrival order (for tests and debugging). */
    String[] classes() {
        return Arrays.copyOf(names, size);
    }
}
