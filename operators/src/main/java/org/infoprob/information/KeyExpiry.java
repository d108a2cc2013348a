package org.infoprob.information;

import org.apache.flink.streaming.api.TimerService;

import java.io.Serializable;

/**
 * Event-time expiry of the keys of {@link InformationFunction}: a key is removed once the
 * watermark passes its last event time plus a delay, {@value InformationFunction#EXPIRY_HALF_LIVES}
 * half-lives (its decayed total is then {@code 2^-64} of what it was at that event) or the idle
 * timeout, whichever is earlier.
 *
 * <p>One event-time timer per key, registered at its first event and moved on only when it
 * fires: a key that was active meanwhile then waits for its last event. So an event costs no
 * timer operation once its key has a timer, and a key never holds more than one.
 */
final class KeyExpiry implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Event time a key stays after its last event; 0 = forever. */
    private final long delayMillis;

    KeyExpiry(long halfLifeMillis, long idleTimeoutMillis) {
        this.delayMillis = delayMillis(halfLifeMillis, idleTimeoutMillis);
    }

    /**
     * The event time a key stays after its last event: 64 half-lives, or the idle timeout if
     * earlier; 0 = forever.
     */
    static long delayMillis(long halfLifeMillis, long idleTimeoutMillis) {
        long byHalfLife = halfLifeMillis == 0 ? 0L : halfLifeMillis * InformationFunction.EXPIRY_HALF_LIVES;
        if (byHalfLife == 0 || idleTimeoutMillis == 0) {
            return Math.max(byHalfLife, idleTimeoutMillis);
        }
        return Math.min(byHalfLife, idleTimeoutMillis);
    }

    /** Whether keys expire at all (then every event needs a timestamp). */
    boolean enabled() {
        return delayMillis > 0;
    }

    /** After an event of the key: registers its timer unless it has one. */
    void onEvent(ClassCounts counts, TimerService timers) {
        if (delayMillis > 0 && counts.expiryTimer == ClassCounts.NO_TIMER) {
            counts.expiryTimer = counts.expiryAt(delayMillis);
            timers.registerEventTimeTimer(counts.expiryTimer);
        }
    }

    /**
     * The key's expiry timer fired at {@code timestamp}: true when the key is to be removed;
     * otherwise the timer moves to the key's current expiry (events came since it was set, or
     * the half-life changed on restore), or is dropped when expiry is off now.
     */
    boolean onTimer(ClassCounts counts, long timestamp, TimerService timers) {
        counts.expiryTimer = ClassCounts.NO_TIMER;
        if (delayMillis == 0) {
            return false;
        }
        long expiry = counts.expiryAt(delayMillis);
        if (expiry <= timestamp) {
            return true;
        }
        counts.expiryTimer = expiry;
        timers.registerEventTimeTimer(expiry);
        return false;
    }
}
