package org.infoprob.math;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DESIGN.md: the math package never imports Flink, so it can be used and tested alone. */
class MathPackageIsPureJavaTest {

    @Test
    void noSourceInTheMathPackageImportsFlink() throws IOException {
        Path dir = Paths.get("src/main/java/org/infoprob/math");
        assertThat(dir).as("run from the operators module").isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.list(dir)) {
            offenders =
                    files.filter(f -> f.toString().endsWith(".java"))
                            .filter(MathPackageIsPureJavaTest::mentionsFlink)
                            .map(f -> f.getFileName().toString())
                            .collect(Collectors.toList());
        }
        assertThat(offenders).as("math sources that mention org.apache.flink").isEmpty();
    }

    private static boolean mentionsFlink(Path file) {
        try {
            return Files.readString(file).contains("org.apache.flink");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
