package org.infoprob.benchmarks;

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
 * @param pipelineRecords records per P2 run
 * @param keyedHeapRecords records per P3 run on heap state (and for its pass-through baseline)
 * @param keyedRocksRecords records per P3 run on RocksDB state
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
        long pipelineRecords,
        long keyedHeapRecords,
        long keyedRocksRecords,
        int kafkaRecords,
        int latencySeconds,
        int memoryKeys) {

    static Settings fullRun() {
        return new Settings(false, 3, 1, 400, 3, 3, 6_000_000L, 3_000_000L, 600_000L, 1_000_000, 30, 20_000);
    }

    static Settings smokeRun() {
        return new Settings(true, 1, 0, 20, 1, 1, 50_000L, 50_000L, 20_000L, 20_000, 2, 500);
    }

    /** The first record a throughput window counts from: earlier ones warm the pipeline up. */
    static long warmupRecords(long total) {
        return total / 3;
    }
}
