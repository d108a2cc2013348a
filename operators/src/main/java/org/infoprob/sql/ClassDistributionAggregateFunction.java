package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code CLASS_DISTRIBUTION(class)}: the relative frequency of every class in the group or
 * window, as a map from class to probability.
 *
 * <pre>
 *   CLASS_DISTRIBUTION[j] = c_j / C      c_j rows of class j, C rows with a class in the group
 * </pre>
 *
 * (the unsmoothed estimate of {@link org.infoprob.math.Surprisal#probability}, {@code a = 0}).
 *
 * <pre>{@code
 * CREATE TEMPORARY FUNCTION CLASS_DISTRIBUTION AS 'org.infoprob.sql.ClassDistributionAggregateFunction';
 * SELECT k, window_start, CLASS_DISTRIBUTION(cls) AS frequencies,  -- DISTRIBUTION is a keyword
 *        ENTROPY(CLASS_DISTRIBUTION(cls)) AS entropy
 * FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
 * GROUP BY k, window_start, window_end;
 * -- classes a, a, b, a, c give {a=0.6, b=0.2, c=0.2}
 * }</pre>
 *
 * <ul>
 *   <li>A class of any character type in, {@code MAP<STRING, DOUBLE>} out (values nullable, so
 *       {@code CLASS_DISTRIBUTION(cls)['x']} of a group without classes is NULL). Works in GROUP
 *       BY (also windows of every kind: it merges, so the planner may aggregate in two phases),
 *       and in OVER windows, where a row's map includes the row itself.
 *   <li>The map lists the classes in the order they arrived in the group, so {@code
 *       ARGMAX(CLASS_DISTRIBUTION(cls))} breaks a tie between equally counted classes as the
 *       DataStream information operator picks its {@code reference}: the first to arrive.
 *   <li>NULL classes are ignored; a group without any class gives NULL.
 *   <li>Rejected rows are ignored and counted in the metric group {@code CLASS_DISTRIBUTION}:
 *       an empty class name ({@code EMPTY_CLASS_NAME}), a new class beyond the class limit
 *       ({@code TOO_MANY_CLASSES}, default {@value
 *       ClassCountAccumulator#DEFAULT_MAX_CLASSES}; merging two partial groups keeps all their
 *       classes).
 *   <li>State: see {@link ClassCountAccumulator}, {@code O(V)} per group.
 * </ul>
 */
@PublicEvolving
public class ClassDistributionAggregateFunction extends ClassAggregateFunction<Map<String, Double>> {

    private static final long serialVersionUID = 1L;

    /** The SQL name used by {@link InfoprobFunctions#registerAll}. */
    public static final String NAME = "CLASS_DISTRIBUTION";

    /** At most {@link ClassCountAccumulator#DEFAULT_MAX_CLASSES} classes per group. */
    public ClassDistributionAggregateFunction() {
        this(ClassCountAccumulator.DEFAULT_MAX_CLASSES);
    }

    /**
     * At most {@code maxClasses} classes per group; register the instance with {@code
     * tEnv.createTemporarySystemFunction(name, function)}.
     */
    public ClassDistributionAggregateFunction(int maxClasses) {
        super(NAME, maxClasses, DataTypes.MAP(DataTypes.STRING(), DataTypes.DOUBLE()));
    }

    /** Counts the row's class. */
    public void accumulate(ClassCountAccumulator acc, String cls) {
        int index = admit(acc, cls);
        if (index != SKIP) {
            acc.add(index, cls);
        }
    }

    /** Takes one observation of the class back out. */
    public void retract(ClassCountAccumulator acc, String cls) {
        retractClass(acc, cls);
    }

    /** Adds the counts of partial groups. */
    public void merge(ClassCountAccumulator acc, Iterable<ClassCountAccumulator> others) {
        for (ClassCountAccumulator other : others) {
            acc.addAll(other);
        }
    }

    @Override
    public Map<String, Double> getValue(ClassCountAccumulator acc) {
        if (acc.total == 0) {
            return null;
        }
        int v = acc.distinct();
        Map<String, Double> out = new LinkedHashMap<>((int) (v / 0.75f) + 1);
        for (int j = 0; j < v; j++) {
            out.put(acc.names[j], org.infoprob.math.Surprisal.probability(acc.weights[j], acc.total, v, 0.0));
        }
        return out;
    }
}
