package org.infoprob.information;

import org.apache.flink.annotation.PublicEvolving;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Weighted class counts of one key and window: the accumulator of {@link ClassCountAggregate}.
 * A Flink POJO with parallel arrays (only the first {@link #size} entries are used); the name
 * lookup table is transient and rebuilt on first use after a copy.
 */
@PublicEvolving
public class ClassCountAccumulator {

    /** Class names. */
    public String[] names = new String[0];
    /** Weighted count per class. */
    public double[] counts = new double[0];
    /** Number of events per class (for the singletons of Good–Turing smoothing). */
    public int[] events = new int[0];
    /** Number of classes. */
    public int size;
    /** Sum of the counts. */
    public double total;
    /** Invalid events seen and not counted. */
    public long invalid;

    private transient HashMap<String, Integer> index;

    public ClassCountAccumulator() {}

    /** Adds {@code weight} to class {@code name}, one event. */
    public void add(String name, double weight) {
        add(name, weight, 1);
    }

    /** Adds everything in {@code other} to this accumulator. */
    public void merge(ClassCountAccumulator other) {
        for (int i = 0; i < other.size; i++) {
            add(other.names[i], other.counts[i], other.events[i]);
        }
        invalid += other.invalid;
    }

    private void add(String name, double weight, int eventCount) {
        if (index == null) {
            index = new HashMap<>(Math.max(16, size * 2));
            for (int i = 0; i < size; i++) {
                index.put(names[i], i);
            }
        }
        Integer found = index.get(name);
        int i;
        if (found == null) {
            if (size == names.length) {
                int capacity = Math.max(8, size * 2);
                names = Arrays.copyOf(names, capacity);
                counts = Arrays.copyOf(counts, capacity);
                events = Arrays.copyOf(events, capacity);
            }
            i = size++;
            names[i] = name;
            index.put(name, i);
        } else {
            i = found;
        }
        counts[i] += weight;
        long e = (long) events[i] + eventCount;
        events[i] = (int) Math.min(Integer.MAX_VALUE, e);
        total += weight;
    }
}
