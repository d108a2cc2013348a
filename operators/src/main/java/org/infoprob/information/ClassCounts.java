package org.infoprob.information;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.infoprob.math.ClassTally;
import org.infoprob.math.EventScores;
import org.infoprob.math.ForwardDecay;
import org.infoprob.math.InformationScorer;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The class counts of one key: the state of {@link InformationFunction} and the summary inside
 * the window accumulator {@link ClassCountAccumulator}. At most {@code maxClasses} classes with
 * their weighted, optionally decaying counts, kept as parallel arrays in one object (one state
 * entry per key, not one per class), serialized by {@link ClassCountsSerializer}.
 *
 * <h2>Forward decay</h2>
 *
 * With half-life {@code h} the count of class j at time t is {@code c_j(t) = sum_i w_i
 * 2^{-(t - t_i)/h}} over its events i. Each count is stored relative to a landmark L, {@code
 * g_j = sum_i w_i 2^{(t_i - L)/h}}, so that an event touches one class: see {@link
 * ForwardDecay} for the landmark and the exact powers of two. "Now" is the largest event time
 * seen; a late event ({@code t < now}) adds {@code w 2^{(t - L)/h}}, that is weight {@code w
 * 2^{-(now - t)/h}} at time now.
 *
 * <h2>Capacity: Space-Saving</h2>
 *
 * A new class at capacity takes the counter of the least-weighted class (Space-Saving, see
 * {@link SpaceSaving}): every count then overestimates the true one by at most its {@link
 * #error}, a class not held weighed at most {@link #errorBound()}, and both are at most {@code
 * W / maxClasses} for the total weight W. Until the first eviction the counts are exact and no
 * error is stored. Decay scales counts and errors alike, so the bounds hold for decayed counts.
 *
 * <h2>Memory</h2>
 *
 * A class costs 16 bytes (name reference, weight, event count, in parallel arrays grown by 1/8
 * up to the limit), 8 more for its error once the key has evicted, plus its name, shared between
 * keys ({@code CanonicalNames}). No lookup table: {@link #indexOf} scans the names, comparing
 * cached hash codes first, O(V) like scoring the event and far cheaper than it.
 */
@Internal
@TypeInfo(ClassCountsTypeInfo.Factory.class)
public final class ClassCounts extends ClassTally {

    /** No timer registered. */
    static final long NO_TIMER = Long.MIN_VALUE;

    /** The landmark moves when {@code now - L} reaches this many half-lives. */
    static final int RESCALE_HALF_LIVES = ForwardDecay.RESCALE_HALF_LIVES;

    // names, weights (g_j, relative to the landmark; plain sums without decay), events (since
    // the class took its counter), size and total (W, relative to the landmark): see ClassTally.

    /** Half-life in milliseconds the weights are expressed with; 0 = no decay. */
    long halfLifeMillis;
    /** Landmark L in epoch milliseconds. */
    long landmark;
    /** Largest event time seen. */
    long now;
    /** Whether any event time was seen ({@link #now} and {@link #landmark} are set). */
    boolean hasTime;
    /** Events since the last full-distribution output. */
    int eventsSinceDistribution;
    /** Event time of the registered distribution timer, {@link #NO_TIMER} when none. */
    long distributionTimer = NO_TIMER;
    /** Event time of the registered expiry timer, {@link #NO_TIMER} when none. */
    long expiryTimer = NO_TIMER;
    /** Errors and floor; null while the counts are exact (no class was ever evicted). */
    SpaceSaving spaceSaving;

    /** Empty counts decaying with the given half-life in milliseconds (0 = no decay). */
    public ClassCounts(long halfLifeMillis) {
        if (halfLifeMillis < 0) {
            throw new IllegalArgumentException(
                    "Half-life must be >= 0 ms (0 = no decay), was " + halfLifeMillis);
        }
        this.halfLifeMillis = halfLifeMillis;
    }

    /** Name of class {@code i}. */
    public String name(int i) {
        checkIndex(i);
        return names[i];
    }

    /** Number of events of class {@code i} since it took its counter. */
    public int events(int i) {
        checkIndex(i);
        return events[i];
    }

    /** Largest event time seen; only meaningful when {@link #hasTime()}. */
    public long now() {
        return now;
    }

    /** Whether an event time was seen. */
    public boolean hasTime() {
        return hasTime;
    }

    /** The half-life in milliseconds, 0 for no decay. */
    public long halfLifeMillis() {
        return halfLifeMillis;
    }

    /**
     * Moves "now" to {@code max(now, t)}; rescales the landmark when it fell {@value
     * #RESCALE_HALF_LIVES} half-lives behind. Call before {@link #add} for every timed event.
     */
    public void advance(long t) {
        if (!hasTime) {
            hasTime = true;
            now = t;
            landmark = t;
            return;
        }
        if (t <= now) {
            return;
        }
        now = t;
        if (halfLifeMillis > 0) {
            long k = ForwardDecay.halfLivesToMove(now, landmark, halfLifeMillis);
            if (k > 0) {
                int exponent = ForwardDecay.rescaleExponent(k);
                landmark = ForwardDecay.movedLandmark(now, landmark, k, halfLifeMillis);
                rescale(x -> Math.scalb(x, exponent));
            }
        }
    }

    /**
     * {@code s = 2^{-(now - L)/h}}: the factor from stored weights to counts at {@link #now()};
     * 1 without decay or before any time was seen.
     */
    public double scale() {
        return scaleAt(now);
    }

    /** The factor from stored weights to counts at time {@code t} (&gt;= now). */
    public double scaleAt(long t) {
        if (halfLifeMillis == 0 || !hasTime) {
            return 1.0;
        }
        return ForwardDecay.pow2(ForwardDecay.difference(landmark, t), halfLifeMillis);
    }

    /** Count of class {@code i} at {@link #now()}: the true count or up to {@link #error} more. */
    public double count(int i) {
        checkIndex(i);
        return weights[i] * scale();
    }

    /** By how much {@link #count} may overestimate the true count of class {@code i}. */
    public double error(int i) {
        checkIndex(i);
        return errorWeight(i) * scale();
    }

    /**
     * The bound on the true count of any class not held, at least every {@link #error}, and at
     * most {@code totalCount() / maxClasses}; 0 while no class was ever evicted.
     */
    public double errorBound() {
        return floorWeight() * scale();
    }

    /** Total count at {@link #now()}, exact. */
    public double totalCount() {
        return total * scale();
    }

    /**
     * Counts one event of weight {@code w > 0} at time {@code t} (ignored without decay; call
     * {@link #advance} first when decaying). {@code i} is the class's index from {@link
     * #indexOf}, or -1 for a class not held, which then takes a counter: a free one while fewer
     * than {@code maxClasses} are held, else that of the least-weighted class (Space-Saving).
     * More than {@code maxClasses} held (a lower limit after a restore) are first cut down to
     * {@code maxClasses}.
     *
     * @return the index of the class's counter
     */
    public int add(String name, int i, long t, double w, int maxClasses) {
        boolean evicted = false;
        if (i < 0) {
            if (size >= maxClasses) {
                i = SpaceSaving.takeLeastCounter(this, name, maxClasses);
                evicted = true;
            } else {
                i = append(name, maxClasses);
                if (spaceSaving != null) {
                    spaceSaving.startAtFloor(this, i);
                }
            }
        }
        double term =
                halfLifeMillis == 0
                        ? w
                        : w * ForwardDecay.pow2(ForwardDecay.difference(t, landmark), halfLifeMillis);
        count(i, term);
        if (evicted) {
            spaceSaving.replaced(i, weights[i]);
        }
        return i;
    }

    /** Adds {@code other}'s counts (undecayed, of other events) into these; see {@link SpaceSaving#merge}. */
    public void merge(ClassCounts other, int maxClasses) {
        SpaceSaving.merge(this, other, maxClasses);
    }

    /**
     * Re-expresses the counts for another half-life (after a restore with a changed
     * configuration): the counts as of now are kept and decay with the new half-life from then
     * on.
     */
    public void reconfigure(long newHalfLifeMillis) {
        if (newHalfLifeMillis == halfLifeMillis) {
            return;
        }
        if (newHalfLifeMillis < 0) {
            throw new IllegalArgumentException(
                    "Half-life must be >= 0 ms (0 = no decay), was " + newHalfLifeMillis);
        }
        double s = scale();
        rescale(x -> x * s);
        landmark = now;
        halfLifeMillis = newHalfLifeMillis;
    }

    /** {@code now + delay}, saturated: when the key expires if no later event comes. */
    long expiryAt(long delayMillis) {
        long t = now + delayMillis;
        return t < now ? Long.MAX_VALUE : t;
    }

    /** {@code e_j} in units of the weights; 0 while the counts are exact. */
    double errorWeight(int i) {
        return spaceSaving == null ? 0.0 : spaceSaving.errors[i];
    }

    /** {@code F} in units of the weights; 0 while the counts are exact. */
    double floorWeight() {
        return spaceSaving == null ? 0.0 : spaceSaving.floor;
    }

    /** The errors as the scorer takes them: null while the counts are exact. */
    double[] errorsOrNull() {
        return spaceSaving == null ? null : spaceSaving.errors;
    }

    SpaceSaving spaceSaving() {
        if (spaceSaving == null) {
            spaceSaving = new SpaceSaving(names.length);
        }
        return spaceSaving;
    }

    /** Applies {@code f} to every weight and error, the total and the floor: a change of units. */
    private void rescale(DoubleUnaryOperator f) {
        for (int i = 0; i < size; i++) {
            weights[i] = f.applyAsDouble(weights[i]);
        }
        total = f.applyAsDouble(total);
        if (spaceSaving != null) {
            for (int i = 0; i < size; i++) {
                spaceSaving.errors[i] = f.applyAsDouble(spaceSaving.errors[i]);
            }
            spaceSaving.floor = f.applyAsDouble(spaceSaving.floor);
            spaceSaving.invalidate();
        }
    }

    /** A new class at the end, weight 0, no events, no error; arrays grow to at most {@code limit}. */
    @Override
    public int append(String name, int limit) {
        int i = super.append(name, limit);
        if (spaceSaving != null) {
            spaceSaving.errors[i] = 0.0;
        }
        return i;
    }

    @Override
    protected void grow(int capacity) {
        super.grow(capacity);
        if (spaceSaving != null) {
            spaceSaving.errors = Arrays.copyOf(spaceSaving.errors, capacity);
        }
    }

    /**
     * Scores an event of class {@code x} (-1: not held) against the counts at {@link #now()}
     * (decayed, with their Space-Saving errors) with {@code scorer}, into {@code out}.
     */
    @Override
    public void score(InformationScorer scorer, int x, EventScores out) {
        scorer.scoreEvent(weights, events, errorsOrNull(), size, total, scale(), x, out);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IllegalArgumentException("Index must be in [0, " + size + "), was " + i);
        }
    }

    /** A deep copy (names are shared: strings are immutable). */
    ClassCounts copy() {
        ClassCounts c = new ClassCounts(halfLifeMillis);
        c.names = Arrays.copyOf(names, size);
        c.weights = Arrays.copyOf(weights, size);
        c.events = Arrays.copyOf(events, size);
        c.size = size;
        c.total = total;
        c.landmark = landmark;
        c.now = now;
        c.hasTime = hasTime;
        c.eventsSinceDistribution = eventsSinceDistribution;
        c.distributionTimer = distributionTimer;
        c.expiryTimer = expiryTimer;
        c.spaceSaving = spaceSaving == null ? null : spaceSaving.copy(size);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClassCounts)) {
            return false;
        }
        ClassCounts that = (ClassCounts) o;
        return size == that.size
                && Double.compare(total, that.total) == 0
                && halfLifeMillis == that.halfLifeMillis
                && landmark == that.landmark
                && now == that.now
                && hasTime == that.hasTime
                && eventsSinceDistribution == that.eventsSinceDistribution
                && distributionTimer == that.distributionTimer
                && expiryTimer == that.expiryTimer
                && Arrays.equals(names, 0, size, that.names, 0, size)
                && Arrays.equals(weights, 0, size, that.weights, 0, size)
                && Arrays.equals(events, 0, size, that.events, 0, size)
                && (spaceSaving == null) == (that.spaceSaving == null)
                && (spaceSaving == null
                        || (Double.compare(spaceSaving.floor, that.spaceSaving.floor) == 0
                                && Arrays.equals(spaceSaving.errors, 0, size, that.spaceSaving.errors, 0, size)));
    }

    @Override
    public int hashCode() {
        int h = Integer.hashCode(size);
        for (int i = 0; i < size; i++) {
            h = 31 * h + names[i].hashCode();
            h = 31 * h + Double.hashCode(weights[i]);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ClassCounts{");
        double s = scale();
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(weights[i] * s);
            if (errorWeight(i) > 0) {
                b.append("(-").append(errorWeight(i) * s).append(')');
            }
        }
        return b.append(", total=").append(totalCount()).append(", errorBound=").append(errorBound())
                .append('}').toString();
    }
}
