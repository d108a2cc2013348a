package org.infoprob.jobs.options;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one way a command line is set up for the jobs' commands: converters for durations and
 * enums, defaults that depend on the command ({@link Defaults}), and a check of every value by
 * the code that takes it ({@link Validated}) after parsing and before the command runs. Used
 * for {@code main}, for the tests, and by the demo to get a job's options at their defaults
 * without parsing any flag.
 *
 * <pre>{@code
 * WindowSoftmaxJob job = Cli.withDefaults(new WindowSoftmaxJob());
 * job.window().setSize(Duration.ofSeconds(5));
 * }</pre>
 */
public final class Cli {

    /**
     * A command whose defaults depend on the command (a job's topics, the demo's parallelism),
     * asked before an option's own {@code defaultValue}.
     */
    public interface Defaults {

        /** The default of {@code option} (its longest name, e.g. {@code --input-topic}) here, or null for the option's own. */
        String defaultValue(String option);
    }

    /**
     * A command whose values are checked after parsing by the builders that take them: a
     * rejected value is a {@link picocli.CommandLine.ParameterException} naming its flag (exit
     * status 2), not a failed job.
     */
    public interface Validated {

        void validate(CommandLine cmd);
    }

    private Cli() {}

    /** A command line for {@code command} and the subcommands it declares. */
    public static CommandLine commandLine(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.registerConverter(Duration.class, Flags::duration);
        registerEnumConverters(cli);
        cli.setDefaultValueProvider(Cli::commandDefault);
        cli.setUsageHelpWidth(100);
        cli.setExecutionStrategy(r -> {
            Integer help = CommandLine.executeHelpRequest(r);
            if (help != null) {
                return help;
            }
            validate(r);
            return new CommandLine.RunLast().execute(r);
        });
        return cli;
    }

    /**
     * Parses {@code args} with {@code cli} and checks the values of the command they name.
     *
     * @return the object of that command (the last subcommand), its options set
     * @throws picocli.CommandLine.ParameterException for a command line that cannot be run
     */
    public static Object parse(CommandLine cli, String... args) {
        return validate(cli.parseArgs(args));
    }

    private static Object validate(ParseResult parsed) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        Object command = last.commandSpec().userObject();
        if (command instanceof Validated) {
            ((Validated) command).validate(last.commandSpec().commandLine());
        }
        return command;
    }

    /** {@code command} with every option at its default, as after a command line without flags. */
    public static <T> T withDefaults(T command) {
        commandLine(command).parseArgs();
        return command;
    }

    private static String commandDefault(ArgSpec arg) {
        Object command = arg.command() == null ? null : arg.command().userObject();
        if (command instanceof Defaults && arg instanceof OptionSpec) {
            return ((Defaults) command).defaultValue(((OptionSpec) arg).longestName());
        }
        return null;
    }

    /** Every enum-typed option of the command tree reads {@code at-least-once} as well as {@code AT_LEAST_ONCE}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void registerEnumConverters(CommandLine root) {
        Deque<CommandLine> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            CommandLine c = todo.pop();
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (o.type().isEnum()) {
                    root.registerConverter((Class) o.type(), Flags.enumConverter((Class) o.type()));
                }
            }
            todo.addAll(c.getSubcommands().values());
        }
    }
}
