package org.infoprob.jobs.demo;

import java.util.List;

/**
 * What {@link DemoChart} draws: plain numbers gathered by the demo from its traffic and from the
 * jobs' committed output.
 *
 * @param title the page title
 * @param subtitle one line under it (when, how long, how fast)
 * @param summary rows of the summary table: topic, records, what they say
 * @param sigmoidPoints a sample of (score, job's probability, true label) from the sigmoid job
 * @param sigmoidBins per score bin: mean score, share of positive labels, records
 * @param softmaxBins per bin of the softmax's top probability: mean top probability, share of
 *     records whose top class was the true one, records
 * @param frequencies per shown user: class counts and the surprisal the job gave each class
 * @param rarity a sample of the surprisal job's events over time
 * @param bursts the bursts of rare classes, in seconds since the traffic started
 * @param throughput committed output records per second and job over time
 */
record ChartData(
        String title,
        String subtitle,
        List<SummaryRow> summary,
        List<SigmoidPoint> sigmoidPoints,
        List<Bin> sigmoidBins,
        List<Bin> softmaxBins,
        List<KeyFrequencies> frequencies,
        List<TimePoint> rarity,
        List<Band> bursts,
        List<Series> throughput) {

    record SummaryRow(String topic, long records, String note) {}

    record SigmoidPoint(double score, double probability, boolean positive) {}

    /** A bin of records: the mean of x, the observed share of y, the number of records. */
    record Bin(double x, double observed, long count) {}

    /**
     * One class of one key.
     *
     * @param count valid events of the class sent
     * @param surprisalBits the surprisal the job gave the class's latest event, NaN if none seen
     * @param rare a class of a burst
     */
    record ClassBar(String className, long count, double surprisalBits, boolean rare) {}

    record KeyFrequencies(String key, double zipfExponent, List<ClassBar> classes) {}

    /** One event: seconds since the traffic started, surprisal in bits, whether of a burst class. */
    record TimePoint(double seconds, double bits, boolean burst) {}

    record Band(double startSeconds, double endSeconds, String label) {}

    record Series(String name, double[] seconds, double[] values) {}
}
