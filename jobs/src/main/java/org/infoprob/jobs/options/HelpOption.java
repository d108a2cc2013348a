package org.infoprob.jobs.options;

import picocli.CommandLine.Option;

/** {@code -h}, {@code --help}: the command's usage, generated from its options, on standard out. */
public final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print the flags and their defaults, then exit")
    private boolean help;
}
