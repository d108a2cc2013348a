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

    public DecodeException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
