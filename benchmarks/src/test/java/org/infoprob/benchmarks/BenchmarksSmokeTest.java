package org.infoprob.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every measure in the smoke configuration (a few seconds each) and checks that the
 * report names all of them with a figure: the benchmarks compile, run and report, as CI needs.
 * The figures themselves are not checked; they mean nothing at this length.
 */
class BenchmarksSmokeTest {

    @Test
    void everyMeasureRunsAndIsReported(@TempDir Path dir) throws Exception {
        List<Row> rows = BenchmarkRunner.run(Settings.smokeRun(), BenchmarkRunner.ALL);

        assertThat(rows).extracting(Row::id).as("every measure reported")
                .containsAll(Set.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"));
        assertThat(rows).as("P1: three scalar kernels at four K, two vector kernels at four K")
                .filteredOn(r -> r.id().equals("P1")).hasSize(20);
        assertThat(rows).filteredOn(r -> r.id().equals("P1")).extracting(Row::result)
                .as("every P1 figure measured").noneMatch(x -> x.startsWith("not measured"));
        for (Row r : rows) {
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
}
