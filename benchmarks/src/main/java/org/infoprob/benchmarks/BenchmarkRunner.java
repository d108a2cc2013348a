package org.infoprob.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs every benchmark (P1-P8) and writes the results table into {@code BENCHMARKS.md}.
 *
 * <pre>
 *   benchmarks/run.sh                      # all measures, about 10 minutes on 2 cores
 *   benchmarks/run.sh --smoke              # a few seconds each: proves that everything runs
 *   benchmarks/run.sh --only P1,P4 --output /tmp/b.md
 * </pre>
 *
 * The table is written between the markers {@value #START} and {@value #END}; text around them
 * (the explanations of goals not reached) is kept. Every ratio is a median over rounds that
 * alternate the measure and its baseline within the same run.
 */
public final class BenchmarkRunner {

    static final String START = "<!-- results:start -->";
    static final String END = "<!-- results:end -->";
    static final Set<String> ALL = Set.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8");

    private BenchmarkRunner() {}

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fullRun();
        Set<String> only = new LinkedHashSet<>(List.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"));
        Path output = Path.of("BENCHMARKS.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke":
                    settings = Settings.smokeRun();
                    break;
                case "--only":
                    only = parseOnly(value(args, ++i, "--only"));
                    break;
                case "--output":
                    output = Path.of(value(args, ++i, "--output"));
                    break;
                default:
                    throw new IllegalArgumentException(
                            "Unknown argument " + args[i] + "; allowed: --smoke, --only P1,P2,..., --output FILE");
            }
        }
        String command = System.getProperty("infoprob.command", "java -jar benchmarks/target/infoprob-benchmarks.jar")
                + (args.length == 0 ? "" : " " + String.join(" ", args));
        List<Row> rows = run(settings, only);
        write(output, rows, command, settings);
        System.out.println("Wrote " + output.toAbsolutePath());
    }

    /** Runs the selected measures; P4-P7 share one broker and run together. */
    static List<Row> run(Settings s, Set<String> only) throws Exception {
        String loadBefore = Machine.load();
        List<Row> rows = new ArrayList<>();
        long start = System.nanoTime();
        if (only.contains("P1")) {
            rows.addAll(timed("P1", () -> MathSuite.run(s)));
        }
        if (only.contains("P2")) {
            rows.addAll(timed("P2", () -> PipelineSuite.run(s)));
        }
        if (only.contains("P3")) {
            rows.addAll(timed("P3", () -> KeyedSuite.run(s)));
        }
        if (only.contains("P4") || only.contains("P5") || only.contains("P6") || only.contains("P7")) {
            rows.addAll(timed("P4-P7", () -> KafkaSuite.run(s)));
        }
        if (only.contains("P8")) {
            rows.addAll(timed("P8", () -> MemorySuite.run(s)));
        }
        System.out.printf(Locale.ROOT, "All measures took %.0f s; load average before %s, after %s%n",
                (System.nanoTime() - start) / 1e9, loadBefore, Machine.load());
        return rows;
    }

    private interface Suite {
        List<Row> run() throws Exception;
    }

    private static List<Row> timed(String name, Suite suite) throws Exception {
        long t = System.nanoTime();
        System.out.println("Running " + name + " ...");
        List<Row> rows = suite.run();
        System.out.printf(Locale.ROOT, "%s took %.0f s%n", name, (System.nanoTime() - t) / 1e9);
        for (Row r : rows) {
            System.out.println("  " + r.id() + " " + r.measure() + ": " + r.result() + " (goal " + r.goal() + ", met " + r.metText() + ")");
        }
        return rows;
    }

    /** Writes the table into {@code file} between the markers, keeping the rest of the file. */
    static void write(Path file, List<Row> rows, String command, Settings s) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append(START).append('\n');
        b.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(s.smoke() ? " (**smoke configuration: figures are not meaningful**)" : "").append("  \n");
        b.append("Machine: ").append(Machine.describe()).append("; load average at the end ")
                .append(Machine.load()).append("  \n");
        b.append("Command: `").append(command).append("`\n\n");
        b.append("| | Measure | Result (median ratio, min-max over rounds; absolute figures) | Goal | Met |\n");
        b.append("|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.id()).append(" | ").append(r.measure()).append(" | ").append(r.result())
                    .append(" | ").append(r.goal()).append(" | ").append(r.metText()).append(" |\n");
        }
        b.append(END).append('\n');
        String table = b.toString();
        String text;
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int from = old.indexOf(START);
            int to = old.indexOf(END);
            text = from >= 0 && to > from
                    ? old.substring(0, from) + table + old.substring(to + END.length() + 1)
                    : old + "\n" + table;
        } else {
            text = "# Benchmarks\n\n" + table;
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Set<String> parseOnly(String v) {
        Set<String> only = new LinkedHashSet<>();
        for (String id : v.split(",")) {
            String m = id.trim().toUpperCase(Locale.ROOT);
            if (!ALL.contains(m)) {
                throw new IllegalArgumentException("Unknown measure " + id + "; allowed: " + ALL);
            }
            only.add(m);
        }
        return only;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
