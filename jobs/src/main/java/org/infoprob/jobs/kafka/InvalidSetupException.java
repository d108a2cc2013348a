package org.infoprob.jobs.kafka;

/**
 * A job setup that Kafka would refuse once the job runs (a dead letter larger than the
 * producer's {@code max.request.size}, a transaction timeout above the broker's maximum, a
 * checkpoint interval the transactions cannot outlast): found before the job starts, it is a
 * usage error naming the flag to change (exit status 2) instead of a job that fails and restarts
 * for ever.
 */
public final class InvalidSetupException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String flag;

    /**
     * @param flag the flag (or flags) to change, e.g. {@code --max-dead-letter-payload-bytes}
     * @param message what is wrong, naming the values involved
     */
    public InvalidSetupException(String flag, String message) {
        super(message);
        this.flag = flag;
    }

    /** The flag (or flags) to change. */
    public String flag() {
        return flag;
    }
}
