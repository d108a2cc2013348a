package org.infoprob.testing.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Java program to start as a child process: class path, JVM options, main class, arguments
 * and extra environment variables. The JVM is the one running the tests.
 *
 * <pre>{@code
 * JavaCommand kafka = JavaCommand.main("kafka.Kafka")
 *         .classpath(Classpaths.kafka())
 *         .jvmOptions("-Xmx512m")
 *         .args(serverProperties.toString());
 * }</pre>
 */
public final class JavaCommand {

    private final String mainClass;
    private String classpath = "";
    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    private JavaCommand(String mainClass) {
        this.mainClass = mainClass;
    }

    public static JavaCommand main(String mainClass) {
        return new JavaCommand(mainClass);
    }

    public JavaCommand classpath(String classpath) {
        this.classpath = classpath;
        return this;
    }

    public JavaCommand jvmOptions(String... options) {
        return jvmOptions(Arrays.asList(options));
    }

    public JavaCommand jvmOptions(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    public JavaCommand args(String... arguments) {
        return args(Arrays.asList(arguments));
    }

    public JavaCommand args(List<String> arguments) {
        args.addAll(arguments);
        return this;
    }

    public JavaCommand env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The command line, beginning with the path of the java binary. */
    List<String> commandLine() {
        if (classpath.isEmpty()) {
            throw new IllegalStateException("No class path set for " + mainClass);
        }
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(jvmOptions);
        line.add("-cp");
        line.add(classpath);
        line.add(mainClass);
        line.addAll(args);
        return line;
    }

    Map<String, String> environment() {
        return environment;
    }

    String mainClass() {
        return mainClass;
    }
}
