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

/** org.infoprob.math is plain Java: usable without Flink, and the operators stay thin wrappers. */
class MathHasNoFlinkDependencyTest {

    @Test
    void noSourceFileInTheMathPackageImportsFlink() throws IOException {
        Path dir = Paths.get("src/main/java/org/infoprob/math");
        assertThat(dir).as("run from the operators module directory").isDirectory();
        List<String> offenders;
        try (Stream<Path> files = Files.list(dir)) {
            offenders =
                    files.filter(f -> f.toString().endsWith(".java"))
                            .filter(MathHasNoFlinkDependencyTest::mentionsOutsidePackages)
                            .map(f -> f.getFileName().toString())
                            .collect(Collectors.toList());
        }
        assertThat(offenders).as("files in org.infoprob.math that use Flink or other infoprob packages").isEmpty();
    }

    private static boolean mentionsOutsidePackages(Path file) {
        try {
            String text = Files.readString(file);
            return text.contains("org.apache.flink") || text.matches("(?s).*import\\s+org\\.infoprob\\.(?!math\\.).*");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
