package org.infoprob.serde;

import org.apache.flink.annotation.PublicEvolving;
import org.infoprob.model.Reason;

/**
 * A record that cannot be decoded, with the {@link Reason} code that goes into its dead letter.
 * Poison records are expected in production streams, so this exception carries no stack trace:
 * throwing it costs about as much as returning a value.
 */
@PublicEvolving
public final class DecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Reason reason;

    /** @throws IllegalArgumentException if {@code reason} is null */
    public DecodeException(Reason reason, String message) {
        super(message, null, false, false);
        if (reason == null) {
            throw new IllegalArgumentException("Reason must not be null, the message was: " + message);
        }
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
