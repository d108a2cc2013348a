package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;

/**
 * The accumulator of {@link ClassSurprisalAggregateFunction}, {@link RarityAggregateFunction} and {@link ClassDistributionAggregateFunction}: the
 * count of every class seen in the group or window, as sorted parallel arrays.
 *
 * <p>A structured SQL type (public fields, no-arg constructor), not a RAW type:
 *
 * <pre>
 *   classes ARRAY&lt;STRING&gt;, counts ARRAY&lt;BIGINT NOT NULL&gt;,
 *   total BIGINT NOT NULL, result DOUBLE
 * </pre>
 *
 * <p>State growth: one class name and one 8-byte count per distinct class, nothing per row, so
 * the state of a group is {@code O(V)} and bounded by the function's class limit. The arrays
 * are kept exactly as long as the number of classes and sorted by name: a lookup is a binary
 * search, only a new class copies the arrays. Flink converts the whole accumulator from and to
 * its state on every row, so a row costs {@code O(V)}. Set {@code table.exec.state.ttl} to
 * drop the counts of idle keys.
 */
@PublicEvolving
public class ClassCountAccumulator {

    /**
     * The default limit on distinct classes per group: a row of a new class beyond it is
     * rejected ({@code TOO_MANY_CLASSES}), not counted and gets NULL.
     */
    public static final int DEFAULT_MAX_CLASSES = 1000;

    private static final String[] NO_CLASSES = new String[0];
    private static final long[] NO_COUNTS = new long[0];

    /** The class names, ascending. */
    public String[] classes = NO_CLASSES;

    /** {@code counts[i]} is the count of {@code classes[i]}, always &gt; 0. */
    public long[] counts = NO_COUNTS;

    /** The sum of the counts, {@code C}. */
    public long total;

    /** The function's value for the row accumulated last (NULL if that row was rejected). */
    public Double result;

    public ClassCountAccumulator() {}

    /** {@code V}, the number of distinct classes. */
    int distinct() {
        return classes.length;
    }

    /** The index of {@code cls}, or {@code -(insertion point) - 1} if it is not counted yet. */
    int indexOf(String cls) {
        return Arrays.binarySearch(classes, cls);
    }

    /** The count of the class at {@code index} as returned by {@link #indexOf}; 0 if absent. */
    long countAt(int index) {
        return index >= 0 ? counts[index] : 0;
    }

    /** Adds {@code n} observations of {@code cls}, found at {@code index} by {@link #indexOf}. */
    void add(int index, String cls, long n) {
        if (index >= 0) {
            counts[index] += n;
        } else {
            int at = -index - 1;
            int v = classes.length;
            String[] newClasses = new String[v + 1];
            long[] newCounts = new long[v + 1];
            System.arraycopy(classes, 0, newClasses, 0, at);
            System.arraycopy(counts, 0, newCounts, 0, at);
            newClasses[at] = cls;
            newCounts[at] = n;
            System.arraycopy(classes, at, newClasses, at + 1, v - at);
            System.arraycopy(counts, at, newCounts, at + 1, v - at);
            classes = newClasses;
            counts = newCounts;
        }
        total += n;
    }

    /**
     * Removes one observation of {@code cls}; a class whose count drops to 0 is forgotten.
     * Returns false if {@code cls} is not counted.
     */
    boolean removeOne(String cls) {
        int index = indexOf(cls);
        if (index < 0) {
            return false;
        }
        total--;
        if (--counts[index] > 0) {
            return true;
        }
        int v = classes.length;
        String[] newClasses = new String[v - 1];
        long[] newCounts = new long[v - 1];
        System.arraycopy(classes, 0, newClasses, 0, index);
        System.arraycopy(counts, 0, newCounts, 0, index);
        System.arraycopy(classes, index + 1, newClasses, index, v - index - 1);
        System.arraycopy(counts, index + 1, newCounts, index, v - index - 1);
        classes = newClasses;
        counts = newCounts;
        return true;
    }

    /** Adds all counts of {@code other} (a merge of two partial groups): one sorted merge. */
    void addAll(ClassCountAccumulator other) {
        int a = classes.length;
        int b = other.classes.length;
        String[] mergedClasses = new String[a + b];
        long[] mergedCounts = new long[a + b];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a || j < b) {
            int cmp = i == a ? 1 : j == b ? -1 : classes[i].compareTo(other.classes[j]);
            if (cmp <= 0) {
                mergedClasses[k] = classes[i];
                mergedCounts[k] = counts[i++];
                if (cmp == 0) {
                    mergedCounts[k] += other.counts[j++];
                }
            } else {
                mergedClasses[k] = other.classes[j];
                mergedCounts[k] = other.counts[j++];
            }
            k++;
        }
        classes = k == a + b ? mergedClasses : Arrays.copyOf(mergedClasses, k);
        counts = k == a + b ? mergedCounts : Arrays.copyOf(mergedCounts, k);
        total += other.total;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ClassCountAccumulator{");
        for (int i = 0; i < classes.length; i++) {
            s.append(i == 0 ? "" : ", ").append(classes[i]).append('=').append(counts[i]);
        }
        s.append(", total=").append(total).append(", result=").append(result);
        return s.append('}').toString();
    }
}
