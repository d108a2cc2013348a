package org.infoprob.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.infoprob.jobs.demo.LocalDemo;
import org.infoprob.serde.KafkaRecord;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * Entry point of {@code infoprob-jobs.jar}: the first argument names the job, the rest are its
 * flags.
 *
 * <pre>{@code
 * java -jar jobs/target/infoprob-jobs.jar demo
 * java -jar jobs/target/infoprob-jobs.jar softmax --bootstrap-servers kafka:9092 --input-topic scores
 * flink run jobs/target/infoprob-jobs.jar surprisal --bootstrap-servers kafka:9092 --half-life "1 h"
 * java -jar jobs/target/infoprob-jobs.jar surprisal --help
 * }</pre>
 *
 * <p>Exit status: 0 on success, 2 for a command line that cannot be understood (with a message
 * and how to get help), 1 when the job fails.
 */
public final class InfoprobJobs {

    private InfoprobJobs() {}

    public static void main(String[] args) {
        if (args.length == 0 || isHelp(args[0])) {
            printUsage(args.length == 0 ? System.err : System.out);
            exit(args.length == 0 ? 2 : 0);
            return;
        }
        JobName job = JobName.fromCli(args[0]);
        if (job == null) {
            System.err.println("Unknown job: " + args[0]);
            printUsage(System.err);
            exit(2);
            return;
        }
        exit(run(job, Arrays.copyOfRange(args, 1, args.length)));
    }

    /** Parses the flags and runs {@code job}; returns the exit status. */
    static int run(JobName job, String[] flags) {
        return run(job, flags, System.out, System.err);
    }

    static int run(JobName job, String[] flags, PrintStream out, PrintStream err) {
        JobParameters p;
        try {
            p = JobParameters.parse(job, flags);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (p.help()) {
            JobParameters.printHelp(job, out);
            return 0;
        }
        try {
            if (job == JobName.DEMO) {
                new LocalDemo(p, out).run();
            } else {
                JobRunner.run(p, pipeline(job));
            }
            return 0;
        } catch (Exception e) {
            err.println("The " + job.cliName() + " job failed:");
            e.printStackTrace(err);
            return 1;
        }
    }

    /** The {@code buildPipeline} of a Kafka job. */
    static BiFunction<DataStream<KafkaRecord>, JobParameters, ? extends Pipeline<?>> pipeline(JobName job) {
        switch (job) {
            case SOFTMAX:
                return SoftmaxJob::buildPipeline;
            case SIGMOID:
                return SigmoidJob::buildPipeline;
            case SURPRISAL:
                return SurprisalJob::buildPipeline;
            case WINDOW_SOFTMAX:
                return WindowSoftmaxJob::buildPipeline;
            case WINDOW_SURPRISAL:
                return WindowSurprisalJob::buildPipeline;
            default:
                throw new IllegalArgumentException("Not a Kafka job: " + job.cliName());
        }
    }

    /**
     * Ends the JVM with {@code status} when run from the command line. Under {@code flink run}
     * the client calls {@code main} and expects it to return, so nothing is ended there.
     */
    static void exit(int status) {
        if (System.getProperty("infoprob.no-exit") == null && !underFlinkClient()) {
            // The Kafka client and Flink leave non-daemon threads behind for a moment; the
            // command is done, so the JVM should end now rather than when they time out.
            System.exit(status);
        }
        if (status != 0) {
            throw new IllegalStateException("infoprob job ended with status " + status);
        }
    }

    private static boolean underFlinkClient() {
        for (StackTraceElement e : Thread.currentThread().getStackTrace()) {
            if (e.getClassName().startsWith("org.apache.flink.client.program.PackagedProgram")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
    }

    private static void printUsage(PrintStream s) {
        s.println("Usage: java -jar infoprob-jobs.jar JOB [flags]");
        s.println("   or: flink run infoprob-jobs.jar JOB [flags]");
        s.println();
        s.println("Jobs:");
        for (JobName j : JobName.values()) {
            s.printf("  %-17s %s%n", j.cliName(), j.description());
        }
        s.println();
        s.println("'JOB --help' lists a job's flags and their defaults.");
    }
}
