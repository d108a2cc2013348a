package org.infoprob.jobs;

import org.infoprob.jobs.demo.DemoCommand;
import org.infoprob.jobs.options.Cli;
import org.infoprob.jobs.options.HelpOption;
import org.infoprob.jobs.sql.SqlJob;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of {@code infoprob-jobs.jar}: the first argument names the job, the rest are its
 * flags. The jobs are the subcommands listed here, and that list is the one registry of jobs:
 * each subcommand class holds its options, its help and what it runs.
 *
 * <pre>{@code
 * java -jar jobs/target/infoprob-jobs.jar demo
 * java -jar jobs/target/infoprob-jobs.jar softmax --bootstrap-servers kafka:9092 --input-topic scores
 * flink run jobs/target/infoprob-jobs.jar surprisal --bootstrap-servers kafka:9092 --half-life "1 h"
 * java -jar jobs/target/infoprob-jobs.jar surprisal --help
 * }</pre>
 *
 * <p>Exit status: 0 on success, 2 for a command line that cannot be run (an unknown flag, a
 * value that does not parse or that the operator's builder rejects: the message names the
 * flag), 1 when the job fails.
 */
@Command(
        name = "java -jar infoprob-jobs.jar",
        customSynopsis = {"java -jar infoprob-jobs.jar JOB [flags]", "   or: flink run infoprob-jobs-cluster.jar JOB [flags]"},
        commandListHeading = "%nJobs:%n",
        footer = {"", "'JOB --help' lists a job's flags and their defaults."},
        subcommands = {
            SoftmaxJob.class,
            SigmoidJob.class,
            SurprisalJob.class,
            WindowSoftmaxJob.class,
            WindowSurprisalJob.class,
            DemoCommand.class,
            SqlJob.class,
            HelpCommand.class
        })
public final class InfoprobJobs {

    @Mixin private HelpOption help;

    private InfoprobJobs() {}

    public static void main(String[] args) {
        exit(run(args, System.out, System.err));
    }

    /** Runs the command line {@code args} (job name first); returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine();
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setParameterExceptionHandler(InfoprobJobs::usageError);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("The " + cmd.getCommandName() + " job failed:");
            e.printStackTrace(cmd.getErr());
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        });
        return cli.execute(args);
    }

    /**
     * The command that {@code args} (job name first) name, its options parsed and checked, for
     * code that runs a job its own way (tests, benchmarks).
     *
     * @throws ParameterException for a command line that {@link #run} would reject with status 2
     */
    public static Object parse(String... args) {
        return Cli.parse(commandLine(), args);
    }

    /** The command line of every job. */
    static CommandLine commandLine() {
        return Cli.commandLine(new InfoprobJobs());
    }

    /** The message, what may have been meant, and where the flags are listed; status 2. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        if (cmd.getCommandSpec().userObject() instanceof InfoprobJobs) {
            cmd.usage(err);
        } else {
            err.println("Run '" + cmd.getCommandName() + " --help' for the flags it accepts.");
        }
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
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
}
