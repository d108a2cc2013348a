package org.infoprob.information;

import org.apache.flink.annotation.PublicEvolving;

import java.util.HashMap;

/**
 * The class counts of one key and window: the accumulator of {@link ClassCountAggregate}, a
 * Flink POJO around the same Space-Saving summary as the running operator's state ({@link
 * ClassCounts}, undecayed), plus the number of invalid events.
 *
 * <p>The fields {@code names}, {@code counts}, {@code events}, {@code size} and {@code total}
 * are the layout of release 0.1 (exact counts, no class limit). They stay so that window state
 * written by 0.1 restores (Flink's POJO schema evolution); such an accumulator moves them into
 * {@link #summary} on first use, and they are null (0) afterwards. Nothing else writes them.
 */
@PublicEvolving
public class ClassCountAccumulator {

    /** The class counts; use {@link #summary()}, which first migrates a 0.1 accumulator. */
    public ClassCounts summary = new ClassCounts(0);
    /** Invalid events seen and not counted. */
    public long invalid;

    /** Release 0.1 layout, read only to migrate restored state: class names. */
    public String[] names;
    /** Release 0.1 layout: weighted count per class. */
    public double[] counts;
    /** Release 0.1 layout: events per class. */
    public int[] events;
    /** Release 0.1 layout: number of classes. */
    public int size;
    /** Release 0.1 layout: sum of the counts. */
    public double total;

    /** Class name to index in {@link #summary}; rebuilt on demand (not state). */
    private transient HashMap<String, Integer> index;

    public ClassCountAccumulator() {}

    /** Adds {@code weight > 0} to class {@code name}, one event; at most {@code maxClasses} are held. */
    public void add(String name, double weight, int maxClasses) {
        ClassCounts c = summary();
        HashMap<String, Integer> idx = index();
        Integer found = idx.get(name);
        if (found != null) {
            c.add(name, found, 0L, weight, maxClasses);
            return;
        }
        if (c.size() > maxClasses) {
            // A lower limit than the accumulator was filled with: cut down, then index anew.
            SpaceSaving.shrink(c, maxClasses);
            index = null;
            idx = index();
        }
        if (c.size() == maxClasses) {
            idx.remove(c.names[c.spaceSaving().minimum(c.weights, c.size())]);
        }
        idx.put(name, c.add(name, -1, 0L, weight, maxClasses));
    }

    /** Adds everything in {@code other} (other events) to this accumulator. */
    public void merge(ClassCountAccumulator other, int maxClasses) {
        summary().merge(other.summary(), maxClasses);
        invalid += other.invalid;
        index = null;
    }

    /** The counts, after moving those of a restored release 0.1 accumulator into them. */
    public ClassCounts summary() {
        if (names != null) {
            // Flink's POJO serializer builds the object with this class's constructor and sets
            // only the fields the old data has: the 0.1 fields, next to an empty summary.
            ClassCounts c = new ClassCounts(0);
            for (int i = 0; i < size; i++) {
                int j = c.append(names[i], Integer.MAX_VALUE);
                c.weights[j] = counts[i];
                c.events[j] = events[i];
            }
            c.total = total;
            summary = c;
            names = null;
            counts = null;
            events = null;
            size = 0;
            total = 0.0;
            index = null;
        }
        return summary;
    }

    private HashMap<String, Integer> index() {
        if (index == null) {
            ClassCounts c = summary();
            index = new HashMap<>(Math.max(16, 2 * c.size()));
            for (int i = 0; i < c.size(); i++) {
                index.put(c.names[i], i);
            }
        }
        return index;
    }
}
