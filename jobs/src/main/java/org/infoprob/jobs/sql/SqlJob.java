package org.infoprob.jobs.sql;

import org.infoprob.jobs.InfoprobJobs;
import org.infoprob.jobs.options.Cli;
import org.infoprob.jobs.options.Flags;
import org.infoprob.sql.InfoprobFunctions;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sql}: runs a Flink SQL script with the infoprob functions registered ({@link
 * InfoprobFunctions#registerAll}): by default the sample {@value #SAMPLE}, which reads score
 * events from Kafka and writes class probabilities and per-key surprisal back to Kafka.
 *
 * <pre>{@code
 * java -jar jobs/target/infoprob-jobs.jar sql --bootstrap-servers localhost:9092 --input-topic scores
 * flink run -c org.infoprob.jobs.sql.SqlJob infoprob-jobs.jar --file my-job.sql --temperature 2.0
 * java -jar jobs/target/infoprob-jobs.jar sql --help
 * }</pre>
 *
 * <p>Flags: {@code --file F} picks the script (a path, or {@code classpath:...}); every other
 * {@code --name value} (or {@code --name=value}) fills the script's placeholder {@code ${name}}
 * or {@code ${name:default}} (see {@link SqlScript}); a flag that names no placeholder is an
 * error, so a typo never silently runs with a default. The placeholders depend on the script,
 * so they are not picocli options: {@code --help} lists those of {@code --file}'s script.
 *
 * <p>The statements run in order. {@code INSERT INTO} statements are collected and submitted
 * together at the end as one job (one statement set), so that several sinks share one source;
 * every other statement is executed when it comes: {@code SET 'key' = 'value'} sets a table
 * configuration option, {@code CREATE ...} and the like go to {@code executeSql}, and the
 * result of a {@code SELECT} is printed. The runner waits for the job: a bounded job ends,
 * an unbounded one runs until cancelled.
 */
@Command(name = "sql", abbreviateSynopsis = true, sortOptions = false, optionListHeading = "%nFlags:%n",
        description = "Runs a Flink SQL file with the infoprob functions registered (default: the Kafka sample, see operators/SQL.md).")
public final class SqlJob implements Callable<Integer>, Cli.Validated {

    /** The sample script in the jar. */
    public static final String SAMPLE = SqlScript.CLASSPATH + "sql/infoprob-sample.sql";

    @Option(names = {"-h", "--help"},
            description = "print the flags, and the placeholders of the script with their defaults, then exit")
    private boolean help;

    @Option(names = "--file", paramLabel = "FILE", defaultValue = SAMPLE,
            description = "the script: a path, or classpath:... (default: ${DEFAULT-VALUE})")
    private String file;

    @Unmatched private List<String> placeholderFlags = new ArrayList<>();

    @Spec private CommandSpec spec;

    private SqlScript script;
    private List<String> statements;

    /** {@code flink run -c org.infoprob.jobs.sql.SqlJob}: as {@code infoprob-jobs.jar sql}. */
    public static void main(String[] args) {
        String[] line = new String[args.length + 1];
        line[0] = "sql";
        System.arraycopy(args, 0, line, 1, args.length);
        InfoprobJobs.main(line);
    }

    /** Loads the script and fills its placeholders; a missing or unknown one is a usage error. */
    @Override
    public void validate(CommandLine cmd) {
        try {
            script = SqlScript.load(file);
        } catch (IllegalArgumentException e) {
            throw Flags.invalid(cmd, "--file", e.getMessage());
        }
        if (help) {
            return;
        }
        try {
            statements = script.statements(placeholderValues(placeholderFlags));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (help) {
            printHelp(spec.commandLine().getOut());
            return 0;
        }
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        TableResult job = run(tEnv, statements, System.out);
        if (job != null) {
            job.await();
        }
        return 0;
    }

    /**
     * The placeholder values of {@code --name value} and {@code --name=value} flags, in order.
     *
     * @throws IllegalArgumentException for a flag without a value, or an argument that is no flag
     */
    static Map<String, String> placeholderValues(List<String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (!flag.startsWith("--") || flag.length() == 2) {
                throw new IllegalArgumentException("Expected a --name value flag, was " + flag);
            }
            int eq = flag.indexOf('=');
            if (eq > 0) {
                values.put(flag.substring(2, eq), flag.substring(eq + 1));
            } else if (i + 1 < flags.size() && !flags.get(i + 1).startsWith("--")) {
                values.put(flag.substring(2), flags.get(++i));
            } else {
                throw new IllegalArgumentException(flag + " needs a value");
            }
        }
        return values;
    }

    /**
     * Registers the infoprob functions in {@code tEnv}, executes the statements in order and
     * submits the {@code INSERT INTO} statements as one job.
     *
     * @return the result of the submitted job, or null when there was no INSERT
     */
    public static TableResult run(TableEnvironment tEnv, List<String> statements, PrintStream out) {
        InfoprobFunctions.registerAll(tEnv);
        StatementSet inserts = tEnv.createStatementSet();
        int insertCount = 0;
        for (String statement : statements) {
            String keyword = SqlScript.firstKeyword(statement);
            if (keyword.equals("INSERT")) {
                inserts.addInsertSql(statement);
                insertCount++;
            } else if (keyword.equals("SET")) {
                Map.Entry<String, String> option = SqlScript.parseSet(statement);
                tEnv.getConfig().getConfiguration().setString(option.getKey(), option.getValue());
            } else {
                TableResult result = tEnv.executeSql(statement);
                if (keyword.equals("SELECT") || keyword.equals("WITH")) {
                    result.print();
                }
            }
        }
        return insertCount == 0 ? null : inserts.execute();
    }

    private void printHelp(PrintWriter out) {
        spec.commandLine().usage(out);
        out.println();
        out.println("Placeholders of " + script.location() + ", each set with --name value:");
        for (Map.Entry<String, String> p : script.placeholders().entrySet()) {
            String def = p.getValue() == null ? "(required)" : "(default: " + p.getValue() + ")";
            out.printf(Locale.ROOT, "  --%-26s %s%n", p.getKey(), def);
        }
    }
}
