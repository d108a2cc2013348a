package org.infoprob.sql;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.math.EventScores;
import org.infoprob.math.ForwardDecay;
import org.infoprob.math.InformationScorer;

/**
 * The accumulator of the information aggregates called with a half-life ({@code
 * CLASS_SURPRISAL(x, ts, half_life ...)} and the other three): {@link ClassCountAccumulator}
 * with counts that decay in event time, exactly as the DataStream information operator's
 * ({@code information.ClassCounts}): forward decay on integer milliseconds ({@link
 * ForwardDecay}), the same landmark, the same powers of two, so the same rows in the same order
 * give the same bits.
 *
 * <pre>
 *   c_j(now) = sum_i 2^{-(now - t_i)/h}    over the rows i of class j,   now = the largest time seen
 *   stored:  g_j = sum_i 2^{(t_i - L)/h},   c_j = g_j 2^{-(now - L)/h}
 * </pre>
 *
 * A row scores against the counts at {@code max(now, t)} and then adds {@code 2^{(t - L)/h}}:
 * a late row ({@code t < now}) enters with weight {@code 2^{-(now - t)/h}}. The landmark L is
 * the first row's time; it moves forward by whole half-lives once it lies {@value
 * ForwardDecay#RESCALE_HALF_LIVES} half-lives behind, every weight scaled by the same power of
 * two (exact). A retracted row (bounded OVER window) takes back {@code 2^{(t - L)/h}} with the
 * current L: the very term it added, rescaled exactly like the sum it is in.
 *
 * <p>A structured SQL type: the layout of {@link ClassCountAccumulator} followed by
 *
 * <pre>
 *   halfLifeMillis BIGINT NOT NULL, landmark BIGINT NOT NULL, now BIGINT NOT NULL, hasTime BOOLEAN NOT NULL
 * </pre>
 *
 * The functions use this type only for calls with a half-life; a call without one keeps {@link
 * ClassCountAccumulator}'s layout, so its state is unchanged by the half-life forms.
 */
@PublicEvolving
public class DecayingClassCountAccumulator extends ClassCountAccumulator {

    /** The half-life in milliseconds of the weights; 0 before the first timed row. */
    public long halfLifeMillis;
    /** The landmark L, epoch milliseconds. */
    public long landmark;
    /** The largest event time seen, epoch milliseconds. */
    public long now;
    /** Whether a time was seen ({@link #now} and {@link #landmark} are set). */
    public boolean hasTime;

    public DecayingClassCountAccumulator() {}

    /**
     * Takes the half-life {@code h > 0} of the row. A group's first row sets it; a different one
     * later (a half-life that is not a constant) keeps the counts as of now and decays them with
     * the new half-life from then on, as the DataStream operator does when restored with
     * another half-life.
     */
    void halfLife(long h) {
        if (h == halfLifeMillis) {
            return;
        }
        double s = scale();
        for (int i = 0; i < size; i++) {
            weights[i] *= s;
        }
        total *= s;
        landmark = now;
        halfLifeMillis = h;
    }

    /** Moves "now" to {@code max(now, t)} and the landmark along, as {@code ClassCounts.advance}. */
    void advance(long t) {
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
        long k = ForwardDecay.halfLivesToMove(now, landmark, halfLifeMillis);
        if (k > 0) {
            int exponent = ForwardDecay.rescaleExponent(k);
            landmark = ForwardDecay.movedLandmark(now, landmark, k, halfLifeMillis);
            for (int i = 0; i < size; i++) {
                weights[i] = Math.scalb(weights[i], exponent);
            }
            total = Math.scalb(total, exponent);
        }
    }

    /** {@code 2^{-(now - L)/h}}: from stored weights to counts at now; 1 before any time. */
    double scale() {
        if (halfLifeMillis == 0 || !hasTime) {
            return 1.0;
        }
        return ForwardDecay.pow2(ForwardDecay.difference(landmark, now), halfLifeMillis);
    }

    /** {@code 2^{(t - L)/h}}: the stored weight of a row at time {@code t}. */
    double weightAt(long t) {
        return ForwardDecay.pow2(ForwardDecay.difference(t, landmark), halfLifeMillis);
    }

    /** Counts one row of {@code cls} at time {@code t}, found at {@code index} (-1: new). */
    void add(int index, String cls, long t) {
        count(index >= 0 ? index : append(cls, Integer.MAX_VALUE), weightAt(t));
    }

    /** Takes back one row of {@code cls} at time {@code t}; false if {@code cls} is not counted. */
    boolean removeOne(String cls, long t) {
        return remove(cls, weightAt(t));
    }

    /** Scores class {@code x} (-1: not held) against the counts decayed to now. */
    @Override
    public void score(InformationScorer scorer, int x, EventScores out) {
        scorer.scoreEvent(weights, events, null, size, total, scale(), x, out);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DecayingClassCountAccumulator{");
        double f = scale();
        for (int i = 0; i < size; i++) {
            s.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(weights[i] * f);
        }
        s.append(", total=").append(total * f).append(", halfLifeMillis=").append(halfLifeMillis)
                .append(", now=").append(now).append(", result=").append(result);
        return s.append('}').toString();
    }
}
