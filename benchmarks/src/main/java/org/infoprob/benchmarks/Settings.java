package org.infoprob.benchmarks;

import java.time.Duration;

/**
 * How long each measure runs: the full configuration (all measures in well under 15 minutes
 * on 2 cores) or the smoke one (a few seconds each, to prove that everything runs).
 *
 * @param smoke whether this is the smoke configuration
 * @param rounds alternating A/B rounds per ratio (after one discarded warm-up round)
 * @param jmhForks JMH forks per benchmark (0: in this JVM)
 * @param jmhIterationMillis length of one JMH warm-up or measurement iteration
 * @param jmhWarmups JMH warm-up iterations
 * @param jmhMeasurements JMH measurement iterations
 * @param warmup how long a P2/P3 pipeline runs before its rate is measured
 * @param measure how long a P2/P3 pipeline's rate is measured
 * @param kafkaRecords records per P4-P6 run
 * @param latencySeconds how long P7 sends records at half the maximum rate
 * @param memoryKeys keys of the P8 measurement
 */
record Settings(
        boolean smoke,
        int rounds,
        int jmhForks,
        int jmhIterationMillis,
        int jmhWarmups,
        int jmhMeasurements,
        Duration warmup,
        Duration measure,
        int kafkaRecords,
        int latencySeconds,
        int memoryKeys) {

    /**
     * The full configuration; {@code -Dinfoprob.rounds=N} and {@code -Dinfoprob.kafkaRecords=N}
     * change the rounds and the Kafka run length (e.g. for a profile of one job).
     */
    static Settings fullRun() {
        return new Settings(false, Integer.getInteger("infoprob.rounds", 3), 1, 400, 3, 3,
                Duration.ofMillis(1500), Duration.ofMillis(3000), Integer.getInteger("infoprob.kafkaRecords", 1_000_000), 30, 20_000);
    }

    static Settings smokeRun() {
        return new Settings(true, 1, 0, 20, 1, 1, Duration.ofMillis(100), Duration.ofMillis(200), 20_000, 2, 500);
    }

    /**
     * The first round index: -1 is a warm-up round whose figures are dropped (JIT, caches,
     * broker files); the smoke configuration skips it.
     */
    int firstRound() {
        return smoke ? 0 : -1;
    }

    /** How long one timed pipeline run may take at most, start-up included. */
    Duration runTimeout() {
        return warmup.plus(measure).plusSeconds(120);
    }
}
