package org.infoprob.jobs;

import org.infoprob.jobs.demo.LocalDemo;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of {@code infoprob-jobs.jar}: the first argument names the command, the rest are
 * its options.
 *
 * <pre>{@code
 * java -jar jobs/target/infoprob-jobs.jar demo --duration 15
 * java -jar jobs/target/infoprob-jobs.jar --help
 * }</pre>
 *
 * <p>Exit status: 0 on success, 2 for a command line that cannot be understood (the usage is
 * printed), 1 when a command fails.
 */
public final class InfoprobJobs {

    private InfoprobJobs() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        // The Kafka client and Flink leave non-daemon threads behind for a moment; the command is
        // done, so the JVM should end now rather than when the last of them times out.
        System.exit(status);
    }

    /** Runs one command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            printUsage(err);
            return 2;
        }
        String command = args[0];
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
            printUsage(out);
            return 0;
        }
        if (!command.equals("demo")) {
            err.println("Unknown command: " + command);
            printUsage(err);
            return 2;
        }
        if (Arrays.asList(options).contains("--help")) {
            out.println("Usage: java -jar infoprob-jobs.jar " + LocalDemo.usage());
            return 0;
        }
        LocalDemo demo;
        try {
            demo = LocalDemo.fromArgs(options, out);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Usage: java -jar infoprob-jobs.jar " + LocalDemo.usage());
            return 2;
        }
        try {
            demo.run();
            return 0;
        } catch (Exception e) {
            err.println("The demo failed:");
            e.printStackTrace(err);
            return 1;
        }
    }

    private static void printUsage(PrintStream s) {
        s.println("Usage: java -jar infoprob-jobs.jar COMMAND [OPTIONS]");
        s.println();
        s.println("Commands:");
        s.println("  " + LocalDemo.usage().replace("\n", "\n  "));
        s.println();
        s.println("  --help");
        s.println("    Prints this text.");
    }
}
