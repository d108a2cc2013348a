package org.infoprob.benchmarks;

import org.infoprob.math.Softmax;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every measure once in the smoke configuration (a few seconds each) and checks that the
 * report names all of them with a figure: the benchmarks compile, run and report, as CI needs.
 * The figures themselves are not checked; they mean nothing at this length. What is checked is
 * that each P1 row measured the kernel it names: the scalar rows run in this JVM (started
 * without the Vector API module, so on the scalar kernel), the "Vector API kernel" rows in JMH
 * forks started with {@code --add-modules jdk.incubator.vector}, which report the kernel they
 * ran.
 */
class BenchmarksSmokeTest {

    private static List<Row> rows;

    @BeforeAll
    static void runEveryMeasure() throws Exception {
        rows = BenchmarkRunner.run(Settings.smokeRun(), BenchmarkRunner.ALL);
    }

    @Test
    void everyMeasureRunsAndIsReported(@TempDir Path dir) throws Exception {
        assertThat(rows).extracting(Row::id).as("every measure reported")
                .containsAll(Set.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"));
        assertThat(rows).as("P1: three scalar kernels at four K, two vector kernels at four K")
                .filteredOn(r -> r.id().equals("P1")).hasSize(20);
        // The vector rows may say why they were not measured: theVectorRowsRanTheVectorKernelInForks.
        for (Row r : rows.stream().filter(r -> !isVectorRow(r)).toList()) {
            assertThat(r.result()).as("figure of %s %s", r.id(), r.measure()).containsPattern("[0-9]");
            assertThat(r.result()).as("no NaN or infinity in %s %s", r.id(), r.measure())
                    .doesNotContain("NaN").doesNotContain("Infinity");
        }

        Path report = dir.resolve("BENCHMARKS.md");
        Files.writeString(report, "# Benchmarks\n\nKept above.\n" + BenchmarkRunner.START + "\nold\n"
                + BenchmarkRunner.END + "\nKept below.\n");
        BenchmarkRunner.write(report, rows, "benchmarks/run.sh --smoke", Settings.smokeRun());
        String text = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(text).as("text around the table is kept, the old table replaced")
                .contains("Kept above.", "Kept below.", "| P8 |", "Machine: ", "benchmarks/run.sh --smoke")
                .doesNotContain("\nold\n");
    }

    @Test
    void theScalarRowsRanTheScalarKernel() {
        // The smoke run measures them in this JVM (no fork), so this JVM's kernel is theirs.
        assertThat(Softmax.kernel()).as("kernel of the JVM that ran the scalar P1 rows").startsWith("scalar");
        List<Row> scalarRows = p1(false);
        assertThat(scalarRows).as("scalar P1 rows").hasSize(12);
        assertThat(scalarRows).extracting(Row::result).as("every scalar P1 figure measured")
                .noneMatch(x -> x.startsWith("not measured"));
    }

    @Test
    void theVectorRowsRanTheVectorKernelInForks() {
        List<Row> vectorRows = p1(true);
        assertThat(vectorRows).as("vector P1 rows").hasSize(8);
        for (Row r : vectorRows) {
            if (r.result().contains(MathSuite.NOT_VECTOR) && r.result().contains("double lanes, fewer than")) {
                // A machine without vectors of 4 doubles: skipped, or failed under CI=true (as the
                // operators' vector test executions do).
                String message = "P1 " + r.measure() + ": " + r.result();
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    Assertions.fail(message + "; failing because CI=true: the runner needs AVX2 or wider");
                }
                Assumptions.abort(message + "; skipped (with CI=true it fails)");
            }
        }
        assertThat(vectorRows).allSatisfy(r -> {
            assertThat(r.measure()).as("P1 vector row names the lanes the forks reported")
                    .matches("(softmax|logSoftmax) \\(Vector API kernel, [0-9]+ lanes\\) / Math\\.exp loop, K=[0-9]+ \\(time per vector\\)");
            assertThat(r.result()).as("P1 %s measured", r.measure()).doesNotStartWith("not measured");
        });
    }

    /** The P1 rows of the Vector API kernel ({@code vector}) or of the scalar one. */
    private static List<Row> p1(boolean vector) {
        return rows.stream().filter(r -> r.id().equals("P1") && isVectorRow(r) == vector).toList();
    }

    private static boolean isVectorRow(Row r) {
        return r.id().equals("P1") && r.measure().contains("(Vector API kernel");
    }
}
