package org.infoprob.jobs.options;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Stack;

/**
 * Where Kafka is and how to reach it, for every job and the demo: {@code --bootstrap-servers},
 * and client properties for consumer and producers from {@code --properties-file} and {@code
 * --kafka} (which wins), e.g. SASL/SSL settings.
 *
 * <p>{@code --kafka.security.protocol SASL_SSL} and {@code --kafka.security.protocol=SASL_SSL}
 * are read as {@code --kafka security.protocol=SASL_SSL}: a picocli preprocessor rewrites them
 * before parsing, so the map option is the one definition of the flag.
 */
@Command(preprocessor = ClientOptions.KafkaDotProperty.class)
public final class ClientOptions {

    private static final String KAFKA = "--kafka";

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers; without it the demo starts a broker of its own (default: ${DEFAULT-VALUE})")
    private String bootstrapServers;

    @Option(names = "--properties-file", paramLabel = "FILE",
            description = "a file of Kafka client properties, for consumer and producers")
    private Path propertiesFile;

    @Option(names = KAFKA, paramLabel = "PROPERTY=VALUE",
            description = "any Kafka client property for consumer and producers, e.g. security.protocol=SASL_SSL;"
                    + " also as --kafka.PROPERTY VALUE; wins over --properties-file")
    private Map<String, String> kafka = new LinkedHashMap<>();

    private Properties properties = new Properties();
    private boolean bootstrapServersGiven;

    /** The settings of an existing client setup, e.g. a pipeline of the demo with the demo's own. */
    public static ClientOptions of(String bootstrapServers, Properties properties) {
        ClientOptions c = new ClientOptions();
        c.bootstrapServers = bootstrapServers;
        c.properties.putAll(properties);
        c.bootstrapServersGiven = true;
        return c;
    }

    /** Reads {@code --properties-file}; a file that cannot be read, or blank servers, is a usage error. */
    public void validate(CommandLine cmd) {
        if (bootstrapServers.isBlank()) {
            throw Flags.invalid(cmd, "--bootstrap-servers", "expected host:port[,host:port...], was blank");
        }
        bootstrapServersGiven = cmd.getParseResult() != null && cmd.getParseResult().hasMatchedOption("--bootstrap-servers");
        Properties p = new Properties();
        if (propertiesFile != null) {
            try (InputStream in = Files.newInputStream(propertiesFile)) {
                p.load(in);
            } catch (IOException e) {
                throw Flags.invalid(cmd, "--properties-file", "cannot read " + propertiesFile.toAbsolutePath() + ": " + e);
            }
        }
        p.putAll(kafka);
        properties = p;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Whether {@code --bootstrap-servers} was given (the demo then uses that Kafka). */
    public boolean bootstrapServersGiven() {
        return bootstrapServersGiven;
    }

    /** The client properties from {@code --properties-file} and {@code --kafka}; a copy. */
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** Rewrites {@code --kafka.P V} and {@code --kafka.P=V} to {@code --kafka P=V}. */
    static final class KafkaDotProperty implements IParameterPreprocessor {

        private static final String PREFIX = KAFKA + ".";

        @Override
        public boolean preprocess(Stack<String> args, CommandSpec spec, ArgSpec argSpec, Map<String, Object> info) {
            List<String> in = new ArrayList<>(args);
            Collections.reverse(in); // the top of the stack is the next argument
            List<String> out = new ArrayList<>(in.size());
            for (int i = 0; i < in.size(); i++) {
                String arg = in.get(i);
                if (!arg.startsWith(PREFIX) || arg.length() == PREFIX.length()) {
                    out.add(arg);
                } else if (arg.indexOf('=') > 0) {
                    out.add(KAFKA);
                    out.add(arg.substring(PREFIX.length()));
                } else if (i + 1 < in.size()) {
                    out.add(KAFKA);
                    out.add(arg.substring(PREFIX.length()) + "=" + in.get(++i));
                } else {
                    out.add(arg); // no value: picocli reports the unknown option
                }
            }
            args.clear();
            Collections.reverse(out);
            out.forEach(args::push);
            return false;
        }
    }
}
