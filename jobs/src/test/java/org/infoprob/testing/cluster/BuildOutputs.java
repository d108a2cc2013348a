package org.infoprob.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code mvn package} leaves in {@code jobs/target/} for the cluster test: the slim job
 * jar that clusters run, and the class paths that the maven-dependency-plugin resolved for the Flink and Kafka
 * processes (see jobs/pom.xml). Tests run with {@code jobs/} as working directory.
 */
public final class BuildOutputs {

    private static final Path TARGET = Path.of("target").toAbsolutePath();

    /** JVM options the Flink and Kafka processes need on Java 17; surefire passes them in. */
    private static final String OPENS_PROPERTY = "infoprob.jvm.opens";

    private BuildOutputs() {}

    /** {@code jobs/target/}. */
    public static Path target() {
        return TARGET;
    }

    /**
     * {@code jobs/target/infoprob-jobs-cluster.jar}, the job jar for {@code flink run} and the
     * REST API (Flink provided), built in the {@code package} phase.
     */
    public static Path jobJar() {
        return existing(TARGET.resolve("infoprob-jobs-cluster.jar"), "the package phase (mvn verify)");
    }

    /**
     * The class path of a Flink session cluster: the Flink runtime modules and their
     * dependencies, log4j; neither our code nor the Kafka connector (see jobs/pom.xml).
     */
    public static String flinkClasspath() {
        return classpath("cluster-classpath.txt");
    }

    /** The class path of a Kafka broker and its storage tool. */
    public static String kafkaClasspath() {
        return classpath("kafka-classpath.txt");
    }

    /** The {@code --add-opens} options of the parent pom's {@code test.jvm.opens}. */
    public static List<String> jvmOpens() {
        String opens = System.getProperty(OPENS_PROPERTY);
        if (opens == null || opens.isBlank()) {
            throw new IllegalStateException(
                    "System property " + OPENS_PROPERTY + " is not set; surefire sets it from"
                            + " the pom property test.jvm.opens");
        }
        return Arrays.stream(opens.trim().split("\\s+")).collect(Collectors.toList());
    }

    private static String classpath(String file) {
        Path path = existing(TARGET.resolve(file), "the generate-test-resources phase");
        try {
            String classpath = Files.readString(path, StandardCharsets.UTF_8).trim();
            if (classpath.isEmpty()) {
                throw new IllegalStateException(path + " is empty");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static Path existing(Path path, String madeBy) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " does not exist; it is made by " + madeBy);
        }
        return path;
    }
}
