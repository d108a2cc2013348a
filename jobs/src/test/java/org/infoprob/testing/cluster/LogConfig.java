package org.infoprob.testing.cluster;

/** The log4j2 configuration of the cluster test's child processes. */
final class LogConfig {

    private LogConfig() {}

    /**
     * log4j2 properties that write everything at {@code level} and above to stdout, which {@link
     * OwnedProcesses} redirects into the process's {@code .out} file. The loggers quieted here
     * warn on every run about things that need no action: several Kafka clients in one task
     * registering metrics of the same name, and no delegation token providers.
     */
    static String consoleLog4j2(String level) {
        return String.join(
                "\n",
                "rootLogger.level = " + level,
                "rootLogger.appenderRef.console.ref = console",
                "logger.metricgroup.name = org.apache.flink.metrics.MetricGroup",
                "logger.metricgroup.level = ERROR",
                "logger.tokens.name = org.apache.flink.runtime.security.token.DefaultDelegationTokenManager",
                "logger.tokens.level = ERROR",
                "appender.console.name = console",
                "appender.console.type = Console",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-50c{1.} - %m%n",
                "");
    }
}
