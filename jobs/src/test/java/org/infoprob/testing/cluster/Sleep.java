package org.infoprob.testing.cluster;

/** {@link Thread#sleep} for polling loops: an interrupt becomes an unchecked exception. */
final class Sleep {

    private Sleep() {}

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
