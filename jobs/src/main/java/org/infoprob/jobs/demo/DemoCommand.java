package org.infoprob.jobs.demo;

import org.infoprob.jobs.kafka.InvalidSetupException;
import org.infoprob.jobs.kafka.SinkLimits;
import org.infoprob.jobs.options.Cli;
import org.infoprob.jobs.options.ClientOptions;
import org.infoprob.jobs.options.Flags;
import org.infoprob.jobs.options.HelpOption;
import org.infoprob.jobs.options.RuntimeOptions;
import org.infoprob.jobs.options.StartingOffsets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code demo}: the options of the {@link LocalDemo}, which it runs. Without {@code
 * --bootstrap-servers} the demo starts its own broker; it checkpoints every second and runs
 * with parallelism 2 unless told otherwise.
 */
@Command(name = "demo", sortOptions = false, abbreviateSynopsis = true, optionListHeading = "%nFlags:%n",
        description = "Embedded Kafka broker + local Flink with web UI, generated traffic, all jobs, live progress, a chart at the end.")
public final class DemoCommand implements Callable<Integer>, Cli.Defaults, Cli.Validated {

    @Mixin private HelpOption help;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
            description = "seconds to run (default: ${DEFAULT-VALUE})")
    private int durationSeconds;

    @Option(names = "--rate", paramLabel = "RECORDS", defaultValue = "2000",
            description = "generated records per second, in total over the four input topics (default: ${DEFAULT-VALUE})")
    private int rate;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "infoprob-demo",
            description = "folder for the chart and the summary (default: ${DEFAULT-VALUE})")
    private Path outputDir;

    @Option(names = "--web-ui-port", paramLabel = "PORT", defaultValue = "8081",
            description = "port of the Flink web UI, or the next free one; 0: off (default: ${DEFAULT-VALUE})")
    private int webUiPort;

    @Mixin private ClientOptions client = new ClientOptions();
    @Mixin private RuntimeOptions runtime = new RuntimeOptions();

    @Spec private CommandSpec spec;

    @Override
    public String defaultValue(String option) {
        switch (option) {
            case "--checkpoint-interval":
                return "1 s";
            case "--parallelism":
                return "2";
            default:
                return null;
        }
    }

    @Override
    public void validate(CommandLine cmd) {
        client.validate(cmd);
        runtime.validate(cmd);
        if (durationSeconds < 1) {
            throw Flags.invalid(cmd, "--duration", "Duration must be >= 1 s, was " + durationSeconds);
        }
        if (rate < 1) {
            throw Flags.invalid(cmd, "--rate", "Rate must be >= 1 record/s, was " + rate);
        }
        if (webUiPort < 0 || webUiPort > 65535) {
            throw Flags.invalid(cmd, "--web-ui-port", "Port must be in [0, 65535], was " + webUiPort);
        }
        try {
            // Every pipeline has the demo's Kafka and Flink settings: one stands for all.
            SinkLimits.of(DemoJob.SOFTMAX.job(client, runtime, StartingOffsets.EARLIEST).kafka());
        } catch (InvalidSetupException e) {
            throw Flags.invalid(cmd, e.flag(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!runsHere()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "The demo runs from the all-in-one jar: java -jar jobs/target/infoprob-jobs.jar demo."
                            + " This one, for clusters, has no Kafka broker and no local Flink.");
        }
        new LocalDemo(this, spec.commandLine().getOut()).run();
        return 0;
    }

    /**
     * Whether the demo's extras are on the class path: Flink's local runtime and Kafka's server
     * classes, which {@code infoprob-jobs-cluster.jar} leaves out.
     */
    static boolean runsHere() {
        for (String needed : new String[] {
                "org.apache.flink.runtime.minicluster.MiniCluster", "org.apache.kafka.common.test.KafkaClusterTestKit"}) {
            try {
                Class.forName(needed, false, DemoCommand.class.getClassLoader());
            } catch (ClassNotFoundException missing) {
                return false;
            }
        }
        return true;
    }

    int durationSeconds() {
        return durationSeconds;
    }

    int rate() {
        return rate;
    }

    Path outputDir() {
        return outputDir;
    }

    int webUiPort() {
        return webUiPort;
    }

    ClientOptions client() {
        return client;
    }

    RuntimeOptions runtime() {
        return runtime;
    }
}
