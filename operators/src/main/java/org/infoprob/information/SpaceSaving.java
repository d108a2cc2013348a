package org.infoprob.information;

import java.util.Arrays;
import java.util.HashMap;

/**
 * The Space-Saving part of {@link ClassCounts} (Metwally, Agrawal, El Abbadi, "Efficient
 * computation of frequent and top-k elements in data streams", ICDT 2005), allocated when a key
 * first holds more classes than it may: per class the error {@code e_j} by which its weight may
 * overestimate the true one, and the floor {@code F}, the bound on the true weight of every
 * class not held. All in the units of the weights ({@code g}, see {@link ClassCounts}), so they
 * decay with the counts.
 *
 * <h2>Guarantees (m counters, true weight W of all events)</h2>
 *
 * <pre>
 *   g_j - e_j &lt;= true_j &lt;= g_j  for a class held,    true_x &lt;= F  for a class not held,
 *   e_j &lt;= F &lt;= W / m
 * </pre>
 *
 * A new class at capacity takes the counter of the least weight {@code g_min}: {@code F =
 * g_min}, the new class starts at {@code F} with error {@code F}, then adds its weight. The
 * counters always sum to at most W (each event adds its weight once), so the least of m
 * counters is at most W / m. {@link #merge} keeps the same bounds for two summaries of disjoint
 * streams (Agarwal et al., "Mergeable summaries", PODS 2012): a class missing from one side
 * counts that side's floor as weight and error, and the m heaviest classes are kept.
 *
 * <h2>Finding the least weight</h2>
 *
 * Evicting the least-weighted class exactly is what makes {@code F <= W / m} hold; with real
 * (decayed) weights no structure does that in O(1) (m evictions would sort m numbers). Weights
 * only grow, so a cache of the {@value #CANDIDATES} least-weighted classes stays valid: every
 * class outside it weighs at least {@code tau}, the least weight outside it when it was built.
 * An eviction takes the least candidate if it is below {@code tau} (O(32)), else rebuilds the
 * cache in one O(V) pass. Ties go to the lower index, so the class evicted never depends on
 * the cache (a restored job, whose cache starts empty, evicts the same classes). Counting a
 * class held costs nothing here.
 */
final class SpaceSaving {

    /** Size of the eviction cache. */
    static final int CANDIDATES = 32;

    /** {@code e_j}, parallel to {@link ClassCounts#names}. */
    double[] errors;
    /** {@code F}. */
    double floor;

    // The eviction cache; not part of the state.
    private final int[] candidates = new int[CANDIDATES];
    private int candidateCount;
    private double tauWeight;
    private int tauIndex;
    private boolean valid;

    SpaceSaving(int capacity) {
        this.errors = new double[capacity];
    }

    /** A copy of the errors and floor (the cache starts empty). */
    SpaceSaving copy(int size) {
        SpaceSaving s = new SpaceSaving(0);
        s.errors = Arrays.copyOf(errors, size);
        s.floor = floor;
        return s;
    }

    /** Forgets the eviction cache: after classes were added, moved or rescaled. */
    void invalidate() {
        valid = false;
    }

    /**
     * Index of the least weight among {@code w[0..size)}, the lower index on ties; {@code size
     * >= 1}.
     */
    int minimum(double[] w, int size) {
        if (!valid) {
            rebuild(w, size);
        }
        int best = leastCandidate(w);
        if (best < 0 || !below(w[best], best, tauWeight, tauIndex)) {
            rebuild(w, size);
            best = leastCandidate(w);
        }
        return best;
    }

    /** Slot {@code i}, returned by {@link #minimum}, now holds another class of weight {@code w}. */
    void replaced(int i, double w) {
        if (below(w, i, tauWeight, tauIndex)) {
            return;
        }
        for (int k = 0; k < candidateCount; k++) {
            if (candidates[k] == i) {
                candidates[k] = candidates[--candidateCount];
                return;
            }
        }
    }

    private int leastCandidate(double[] w) {
        int best = -1;
        for (int k = 0; k < candidateCount; k++) {
            int c = candidates[k];
            if (best < 0 || below(w[c], c, w[best], best)) {
                best = c;
            }
        }
        return best;
    }

    /**
     * One pass: the {@value #CANDIDATES} least (weight, index) pairs in ascending order, and
     * {@code tau} the least pair outside them (+inf when all fit).
     */
    private void rebuild(double[] w, int size) {
        int count = 0;
        double tw = Double.POSITIVE_INFINITY;
        int ti = Integer.MAX_VALUE;
        for (int j = 0; j < size; j++) {
            double wj = w[j];
            int out = j;
            if (count < CANDIDATES || below(wj, j, w[candidates[count - 1]], candidates[count - 1])) {
                // Insertion into the sorted candidates; the largest falls out when full.
                out = count == CANDIDATES ? candidates[count - 1] : -1;
                int k = count == CANDIDATES ? count - 1 : count++;
                while (k > 0 && below(wj, j, w[candidates[k - 1]], candidates[k - 1])) {
                    candidates[k] = candidates[k - 1];
                    k--;
                }
                candidates[k] = j;
            }
            if (out >= 0 && below(w[out], out, tw, ti)) {
                tw = w[out];
                ti = out;
            }
        }
        candidateCount = count;
        tauWeight = tw;
        tauIndex = ti;
        valid = true;
    }

    /** {@code (w, i) < (tw, ti)}: by weight, then index. */
    private static boolean below(double w, int i, double tw, int ti) {
        return w < tw || (w == tw && i < ti);
    }

    /**
     * A new class {@code name} arrives at capacity: it takes the counter of the least-weighted
     * class of {@code c} (cut down to {@code capacity} first), starting at that weight, which
     * becomes the floor F, with error F and no events. Returns its index; once its own weight
     * is added, call {@link #replaced}.
     */
    static int takeLeastCounter(ClassCounts c, String name, int capacity) {
        shrink(c, capacity);
        SpaceSaving s = c.spaceSaving();
        int i = s.minimum(c.weights, c.size);
        s.floor = Math.max(s.floor, c.weights[i]);
        c.names[i] = name;
        c.events[i] = 0;
        c.weights[i] = s.floor;
        s.errors[i] = s.floor;
        return i;
    }

    /**
     * A new class appended at index {@code i} below capacity, after classes were evicted (a
     * higher limit after a restore): it may have weighed up to F before, so it starts at F with
     * error F.
     */
    void startAtFloor(ClassCounts c, int i) {
        c.weights[i] = floor;
        errors[i] = floor;
        invalidate();
    }

    /**
     * Evicts the least-weighted classes of {@code c} until it holds {@code capacity}: after a
     * restore with a smaller class limit, or a merge. The floor becomes the largest weight
     * evicted; the remaining classes keep their order.
     */
    static void shrink(ClassCounts c, int capacity) {
        if (c.size <= capacity) {
            return;
        }
        SpaceSaving s = c.spaceSaving();
        Integer[] order = new Integer[c.size];
        for (int j = 0; j < c.size; j++) {
            order[j] = j;
        }
        // Ties by name, so that the classes kept do not depend on the order they were added in.
        Arrays.sort(order, (a, b) -> {
            int byWeight = Double.compare(c.weights[a], c.weights[b]);
            return byWeight != 0 ? byWeight : c.names[a].compareTo(c.names[b]);
        });
        boolean[] drop = new boolean[c.size];
        for (int k = 0; k < c.size - capacity; k++) {
            drop[order[k]] = true;
            s.floor = Math.max(s.floor, c.weights[order[k]]);
        }
        int kept = 0;
        for (int j = 0; j < c.size; j++) {
            if (!drop[j]) {
                c.names[kept] = c.names[j];
                c.weights[kept] = c.weights[j];
                c.events[kept] = c.events[j];
                s.errors[kept] = s.errors[j];
                kept++;
            }
        }
        Arrays.fill(c.names, kept, c.size, null);
        c.size = kept;
        if (c.names.length > capacity) {
            c.names = Arrays.copyOf(c.names, capacity);
            c.weights = Arrays.copyOf(c.weights, capacity);
            c.events = Arrays.copyOf(c.events, capacity);
            s.errors = Arrays.copyOf(s.errors, capacity);
        }
        s.invalidate();
    }

    /**
     * Adds the summary {@code from} (of events not counted in {@code into}) into {@code into},
     * keeping at most {@code capacity} classes. Both must be undecayed. Per class: {@code g =
     * g_into + g_from}, {@code e = e_into + e_from}, where a side that does not hold the class
     * counts its floor for both; the floors add up; then {@link #shrink}.
     */
    static void merge(ClassCounts into, ClassCounts from, int capacity) {
        if (into.halfLifeMillis != 0 || from.halfLifeMillis != 0) {
            throw new IllegalStateException("Only undecayed class counts merge (half-life 0)");
        }
        double floorInto = into.floorWeight();
        double floorFrom = from.floorWeight();
        boolean exact = floorInto == 0 && floorFrom == 0 && into.spaceSaving == null && from.spaceSaving == null;
        int held = into.size;
        HashMap<String, Integer> index = new HashMap<>(Math.max(16, 2 * held));
        for (int j = 0; j < held; j++) {
            index.put(into.names[j], j);
        }
        boolean[] matched = new boolean[held];
        for (int j = 0; j < from.size; j++) {
            double error = from.errorWeight(j);
            Integer k = index.get(from.names[j]);
            int i;
            if (k == null) {
                i = into.append(from.names[j], Integer.MAX_VALUE);
                into.weights[i] = floorInto;
                into.events[i] = 0;
                if (!exact) {
                    into.spaceSaving().errors[i] = floorInto;
                }
            } else {
                i = k;
                matched[i] = true;
            }
            into.weights[i] += from.weights[j];
            into.events[i] = (int) Math.min(Integer.MAX_VALUE, (long) into.events[i] + from.events[j]);
            if (!exact) {
                into.spaceSaving().errors[i] += error;
            }
        }
        if (!exact) {
            SpaceSaving s = into.spaceSaving();
            for (int j = 0; j < held; j++) {
                if (!matched[j]) {
                    into.weights[j] += floorFrom;
                    s.errors[j] += floorFrom;
                }
            }
            s.floor = floorInto + floorFrom;
            s.invalidate();
        }
        into.total += from.total;
        shrink(into, capacity);
    }
}
