package org.infoprob.information;

import org.apache.flink.annotation.Internal;

import java.util.Arrays;

/**
 * The per-key state of the information operator: the classes seen with their weighted,
 * optionally decaying counts, kept as parallel arrays in one object (one state entry per key,
 * not one per class) and serialized by {@link ClassCountsSerializer}.
 *
 * <h2>Forward decay</h2>
 *
 * With half-life {@code h} the count of class j at time t is {@code c_j(t) = sum_i w_i
 * 2^{-(t - t_i)/h}} over its events i. Decaying every count on every event would cost O(V);
 * instead (Cormode, Shkapenyuk, Srivastava, Xu, "Forward Decay", ICDE 2009) each count is
 * stored relative to a landmark time L,
 *
 * <pre>
 *   g_j = sum_i w_i 2^{(t_i - L)/h},        c_j(t) = g_j 2^{-(t - L)/h}
 * </pre>
 *
 * so an event adds one term to one {@code g_j} and to the total: O(1). The stored {@code g}
 * grow like {@code 2^{(now - L)/h}}; once {@code now - L} reaches {@value #RESCALE_HALF_LIVES}
 * half-lives, L moves forward by a whole number k of half-lives and every {@code g_j} is
 * multiplied by {@code 2^{-k}} (O(V), exact: a power of two only changes the exponent), so the
 * rescaling costs amortised O(1) per event and the representation neither overflows nor
 * underflows. Powers {@code 2^{d/h}} are taken as {@code 2^{floor(d/h)} * 2^{(d mod h)/h}}
 * with exact integer arithmetic on milliseconds, so the rounding does not grow with the
 * distance from the landmark.
 *
 * <p>"Now" is the largest event time seen. A late event ({@code t < now}) adds {@code w
 * 2^{(t - L)/h}}, that is weight {@code w 2^{-(now - t)/h}} at time now, as docs/DESIGN.md describes.
 *
 * <h2>Capacity</h2>
 *
 * At most {@code maxClasses} classes are held, plus the {@value #OTHER} bucket. When a new class
 * arrives at capacity, the least-weighted class is folded into the bucket (its weight is kept,
 * its name is gone), see {@link #add}. Finding the least-weighted class is an O(V) scan, paid
 * only by a new class arriving at capacity.
 *
 * <h2>Memory</h2>
 *
 * A class costs 16 bytes of heap here (a name reference, a weight, an event count in parallel
 * arrays, grown by at most 1/8 beyond the classes held) plus its name, which the operator shares
 * between keys ({@code CanonicalNames}). There is no lookup table: {@link #indexOf} scans the
 * names, comparing cached hash codes first. That is O(V) like scoring the event (two O(V)
 * passes with a logarithm and a division per class), far cheaper than either, and it saves a
 * hash map entry per class (about 50 bytes) and, on RocksDB, rebuilding a map on every access.
 */
@Internal
public final class ClassCounts {

    /** The bucket that classes folded at capacity are counted in. */
    public static final String OTHER = "__other__";

    /** No distribution timer registered. */
    static final long NO_TIMER = Long.MIN_VALUE;

    /** The landmark moves when {@code now - L} reaches this many half-lives. */
    static final int RESCALE_HALF_LIVES = 256;

    /**
     * Scaling exponents are clamped to this: {@code 2^-2200} times any finite double is 0, so
     * the clamp changes no result and keeps the cast to int safe.
     */
    private static final long MAX_EXPONENT = 2200;

    String[] names;
    /** {@code g_j}: weights relative to the landmark (plain sums without decay). */
    double[] weights;
    /** Number of events per class, saturating at {@link Integer#MAX_VALUE}. */
    int[] events;

    int size;
    /** Sum of the weights, relative to the landmark. */
    double total;
    /** Half-life in milliseconds the weights are expressed with; 0 = no decay. */
    long halfLifeMillis;
    /** Landmark L in epoch milliseconds. */
    long landmark;
    /** Largest event time seen. */
    long now;
    /** Whether any event time was seen ({@link #now} and {@link #landmark} are set). */
    boolean hasTime;
    /** Index of the {@value #OTHER} bucket, -1 while there is none. */
    int otherIndex = -1;
    /** Events since the last full-distribution output. */
    int eventsSinceDistribution;
    /** Event time of the registered distribution timer, {@link #NO_TIMER} when none. */
    long distributionTimer = NO_TIMER;

    /** Empty counts decaying with the given half-life in milliseconds (0 = no decay). */
    public ClassCounts(long halfLifeMillis) {
        if (halfLifeMillis < 0) {
            throw new IllegalArgumentException(
                    "Half-life must be >= 0 ms (0 = no decay), was " + halfLifeMillis);
        }
        this.halfLifeMillis = halfLifeMillis;
        this.names = new String[0];
        this.weights = new double[0];
        this.events = new int[0];
    }

    /** Number of entries, the {@value #OTHER} bucket included. */
    public int size() {
        return size;
    }

    /** Name of entry {@code i}. */
    public String name(int i) {
        checkIndex(i);
        return names[i];
    }

    /** Number of events of entry {@code i}. */
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

    /** Index of a class, -1 if not held. O(V), allocation-free; see "Memory" above. */
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
            long halfLivesBehind = Math.floorDiv(now - landmark, halfLifeMillis);
            if (halfLivesBehind >= RESCALE_HALF_LIVES) {
                moveLandmark(halfLivesBehind);
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
        return pow2(landmark - t, halfLifeMillis);
    }

    /** Count of entry {@code i} at {@link #now()}. */
    public double count(int i) {
        checkIndex(i);
        return weights[i] * scale();
    }

    /** Total count at {@link #now()}. */
    public double totalCount() {
        return total * scale();
    }

    /**
     * Counts one event of weight {@code w > 0} at time {@code t} (ignored without decay; call
     * {@link #advance} first when decaying). {@code i} is the class's index from {@link
     * #indexOf}, or -1 for a class not held, which is then added. At capacity ({@code
     * maxClasses} classes besides the bucket) the least-weighted class other than the bucket is
     * folded into {@value #OTHER} first: its weight and event count move there, its name is
     * forgotten, and its later events are scored as new. An event whose class is literally
     * named {@value #OTHER} counts into the bucket.
     *
     * @return true when a class was folded into the bucket
     */
    public boolean add(String name, int i, long t, double w, int maxClasses) {
        boolean folded = false;
        if (i < 0) {
            int classes = otherIndex >= 0 ? size - 1 : size;
            boolean bucket = OTHER.equals(name);
            if (!bucket && classes >= maxClasses) {
                foldLeastWeighted();
                folded = true;
            }
            i = append(name);
            if (bucket) {
                otherIndex = i;
            }
        }
        double term = halfLifeMillis == 0 ? w : w * pow2(t - landmark, halfLifeMillis);
        weights[i] += term;
        total += term;
        if (events[i] != Integer.MAX_VALUE) {
            events[i]++;
        }
        return folded;
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
        for (int i = 0; i < size; i++) {
            weights[i] *= s;
        }
        total *= s;
        landmark = now;
        halfLifeMillis = newHalfLifeMillis;
    }

    /** {@code 2^{d/h}} for integer milliseconds, split as {@code 2^{floor(d/h)} 2^{(d mod h)/h}}. */
    static double pow2(long d, long h) {
        long k = Math.floorDiv(d, h);
        long r = Math.floorMod(d, h);
        // StrictMath: the same bits on every JVM, so a restored job repeats its outputs exactly.
        double fraction = StrictMath.pow(2.0, (double) r / (double) h);
        return Math.scalb(fraction, (int) Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, k)));
    }

    private void moveLandmark(long halfLives) {
        landmark += halfLives * halfLifeMillis;
        int k = (int) Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, halfLives));
        for (int i = 0; i < size; i++) {
            weights[i] = Math.scalb(weights[i], -k);
        }
        total = Math.scalb(total, -k);
    }

    private int append(String name) {
        if (size == names.length) {
            // Growth by 1/8 (at least 1): little unused capacity per key, amortised O(1) copies.
            int capacity = size + Math.max(1, size >> 3);
            names = Arrays.copyOf(names, capacity);
            weights = Arrays.copyOf(weights, capacity);
            events = Arrays.copyOf(events, capacity);
        }
        int i = size++;
        names[i] = name;
        weights[i] = 0.0;
        events[i] = 0;
        return i;
    }

    /** Folds the least-weighted class (not the bucket) into the {@value #OTHER} bucket. */
    private void foldLeastWeighted() {
        int least = -1;
        for (int i = 0; i < size; i++) {
            if (i != otherIndex && (least < 0 || weights[i] < weights[least])) {
                least = i;
            }
        }
        if (least < 0) {
            throw new IllegalStateException("No class to fold: capacity must be >= 1");
        }
        if (otherIndex < 0) {
            // The least-weighted class becomes the bucket, keeping its weight and events.
            names[least] = OTHER;
            otherIndex = least;
            events[least] = Math.max(events[least], 2);
            return;
        }
        weights[otherIndex] += weights[least];
        events[otherIndex] = saturatedSum(events[otherIndex], events[least]);
        int last = size - 1;
        if (least != last) {
            names[least] = names[last];
            weights[least] = weights[last];
            events[least] = events[last];
            if (otherIndex == last) {
                otherIndex = least;
            }
        }
        names[last] = null;
        weights[last] = 0.0;
        events[last] = 0;
        size = last;
    }

    private static int saturatedSum(int a, int b) {
        long s = (long) a + b;
        return s > Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(2, (int) s);
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
        c.otherIndex = otherIndex;
        c.eventsSinceDistribution = eventsSinceDistribution;
        c.distributionTimer = distributionTimer;
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
                && otherIndex == that.otherIndex
                && eventsSinceDistribution == that.eventsSinceDistribution
                && distributionTimer == that.distributionTimer
                && Arrays.equals(names, 0, size, that.names, 0, size)
                && Arrays.equals(weights, 0, size, that.weights, 0, size)
                && Arrays.equals(events, 0, size, that.events, 0, size);
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
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(count(i));
        }
        return b.append(", total=").append(totalCount()).append('}').toString();
    }
}
