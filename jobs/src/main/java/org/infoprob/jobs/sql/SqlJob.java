package org.infoprob.jobs.sql;

import org.infoprob.sql.InfoprobFunctions;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.util.ParameterTool;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a Flink SQL script with the infoprob functions registered ({@link
 * InfoprobFunctions#registerAll}): by default the sample {@value #SAMPLE}, which reads score
 * events from Kafka and writes class probabilities and per-key surprisal back to Kafka.
 *
 * <pre>{@code
 * java -cp jobs/target/infoprob-jobs.jar org.infoprob.jobs.sql.SqlJob \
 *     --bootstrap-servers localhost:9092 --input-topic scores
 * flink run -c org.infoprob.jobs.sql.SqlJob infoprob-jobs.jar --file my-job.sql --temperature 2.0
 * java -cp jobs/target/infoprob-jobs.jar org.infoprob.jobs.sql.SqlJob --help
 * }</pre>
 *
 * <p>Flags: {@code --file F} picks the script (a path, or {@code classpath:...}); every other
 * {@code --name value} fills the script's placeholder {@code ${name}} or {@code
 * ${name:default}} (see {@link SqlScript}); a flag that names no placeholder is an error, so a
 * typo never silently runs with a default.
 *
 * <p>The statements run in order. {@code INSERT INTO} statements are collected and submitted
 * together at the end as one job (one statement set), so that several sinks share one source;
 * every other statement is executed when it comes: {@code SET 'key' = 'value'} sets a table
 * configuration option, {@code CREATE ...} and the like go to {@code executeSql}, and the
 * result of a {@code SELECT} is printed. The runner waits for the job: a bounded job ends,
 * an unbounded one runs until cancelled.
 */
public final class SqlJob {

    /** The sample script in the jar. */
    public static final String SAMPLE = SqlScript.CLASSPATH + "sql/infoprob-sample.sql";

    private static final String FILE = "file";
    private static final String HELP = "help";
    /** What ParameterTool stores for a flag given without a value. */
    private static final String NO_VALUE = "__NO_VALUE_KEY";

    private SqlJob() {}

    public static void main(String[] args) throws Exception {
        List<String> statements;
        try {
            ParameterTool flags = ParameterTool.fromArgs(args);
            SqlScript script = SqlScript.load(flags.get(FILE, SAMPLE));
            if (flags.has(HELP)) {
                printHelp(script, System.out);
                return;
            }
            statements = script.statements(placeholderValues(flags));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Run with --help for the flags.");
            System.exit(2);
            return;
        }
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        TableResult job = run(tEnv, statements, System.out);
        if (job != null) {
            job.await();
        }
    }

    /** The {@code --name value} flags but {@code --file}; a flag without value is an error. */
    static Map<String, String> placeholderValues(ParameterTool flags) {
        Map<String, String> values = new LinkedHashMap<>(flags.toMap());
        values.remove(FILE);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue().equals(NO_VALUE)) {
                throw new IllegalArgumentException("--" + e.getKey() + " needs a value");
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

    private static void printHelp(SqlScript script, PrintStream out) {
        out.println("Usage: java -jar infoprob-jobs.jar sql [--file F] [--name value ...]");
        out.println();
        out.println("Runs a Flink SQL script with the infoprob functions. --file: a path or classpath:...");
        out.println("(default " + SAMPLE + "). The placeholders of " + script.location() + ":");
        for (Map.Entry<String, String> p : script.placeholders().entrySet()) {
            String def = p.getValue() == null ? "(required)" : "(default: " + p.getValue() + ")";
            out.printf(Locale.ROOT, "  --%-26s %s%n", p.getKey(), def);
        }
    }
}
