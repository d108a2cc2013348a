package org.infoprob.jobs;

import org.apache.flink.util.ParameterTool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The typed parameters of one sample job, parsed from {@code --flag value} arguments.
 *
 * <pre>{@code
 * JobParameters p = JobParameters.parse(JobName.SOFTMAX, args);
 * if (p.help()) { JobParameters.printHelp(JobName.SOFTMAX, System.out); return; }
 * }</pre>
 *
 * <p>Every flag has a default (see {@code --help}); unknown flags are an error, so a typo never
 * silently runs a job with a default. {@code --kafka.<property> value} is passed to both the
 * Kafka consumer and producer (e.g. {@code --kafka.security.protocol SASL_SSL}), and {@code
 * --properties-file F} reads such client properties from a file (flags win over the file).
 */
public final class JobParameters {

    /** A flag: name, default, help text, and the jobs that accept it. */
    enum Flag {
        HELP("help", null, "print the flags and their defaults, then exit", EnumSet.allOf(JobName.class)),
        BOOTSTRAP_SERVERS("bootstrap-servers", "localhost:9092", "Kafka bootstrap servers (demo: an embedded broker when absent)", EnumSet.allOf(JobName.class)),
        INPUT_TOPIC("input-topic", "<per job>", "topic to read", JobName.KAFKA_JOBS),
        OUTPUT_TOPIC("output-topic", "<per job>", "topic to write results to", JobName.KAFKA_JOBS),
        DEAD_LETTER_TOPIC("dead-letter-topic", "dead-letters", "topic for rejected records (reason, origin, payload)", JobName.KAFKA_JOBS),
        GROUP_ID("group-id", "infoprob-<job>", "Kafka consumer group id", JobName.KAFKA_JOBS),
        STARTING_OFFSETS("starting-offsets", "committed", "where to start without a checkpoint: earliest, latest, or committed (falls back to earliest)", JobName.KAFKA_JOBS),
        BOUNDED("bounded", "false", "stop at the end offsets found on start (batch-style run)", JobName.KAFKA_JOBS),
        PARALLELISM("parallelism", "<cluster default>", "job parallelism", EnumSet.allOf(JobName.class)),
        CHECKPOINT_INTERVAL("checkpoint-interval", "10 s", "checkpoint interval; exactly-once output is committed on checkpoints", EnumSet.allOf(JobName.class)),
        DELIVERY_GUARANTEE("delivery-guarantee", "exactly-once", "exactly-once or at-least-once", EnumSet.allOf(JobName.class)),
        TRANSACTIONAL_ID_PREFIX("transactional-id-prefix", "infoprob-<job>", "prefix of Kafka transactional ids; unique per job on a cluster", JobName.KAFKA_JOBS),
        PROPERTIES_FILE("properties-file", null, "a file of Kafka client properties for both consumer and producer", EnumSet.allOf(JobName.class)),
        MAX_RECORD_BYTES("max-record-bytes", "1048576", "records larger than this go to the dead-letter topic (RECORD_TOO_LARGE)", JobName.KAFKA_JOBS),
        MAX_CLASSES_PER_RECORD("max-classes-per-record", "10000", "score records with more classes go to the dead-letter topic (TOO_MANY_CLASSES)", EnumSet.of(JobName.SOFTMAX, JobName.SIGMOID, JobName.WINDOW_SOFTMAX)),
        TEMPERATURE("temperature", "1.0", "temperature T > 0 dividing the scores", EnumSet.of(JobName.SOFTMAX, JobName.SIGMOID, JobName.SURPRISAL, JobName.WINDOW_SOFTMAX, JobName.WINDOW_SURPRISAL)),
        LOG_PROBABILITIES("log-probabilities", "false", "also write log-probabilities", EnumSet.of(JobName.SOFTMAX, JobName.SIGMOID, JobName.WINDOW_SOFTMAX)),
        TOP_K("top-k", "0", "also write the k most probable classes (0 = off)", EnumSet.of(JobName.SOFTMAX, JobName.SIGMOID, JobName.WINDOW_SOFTMAX)),
        CLASSES("classes", null, "fixed comma-separated class list; records with other classes are rejected (UNKNOWN_CLASS)", EnumSet.of(JobName.SOFTMAX, JobName.SIGMOID, JobName.WINDOW_SOFTMAX)),
        MULTI_LABEL("multi-label", "false", "sigmoid: score records with named classes, an independent sigmoid per class", EnumSet.of(JobName.SIGMOID)),
        ALPHA("alpha", "1.0", "additive smoothing a >= 0", EnumSet.of(JobName.SURPRISAL, JobName.WINDOW_SURPRISAL)),
        SMOOTHING("smoothing", "additive", "unseen-class mass: additive or good-turing", EnumSet.of(JobName.SURPRISAL, JobName.WINDOW_SURPRISAL)),
        HALF_LIFE("half-life", "0", "event-time half-life of the counts (0 = no decay), e.g. 1 h", EnumSet.of(JobName.SURPRISAL)),
        MAX_CLASSES("max-classes", "10000", "classes kept per key; beyond, the least-weighted is folded into __other__", EnumSet.of(JobName.SURPRISAL)),
        STATE_TTL("state-ttl", "0", "drop a key's counts after this long without events (0 = never), e.g. 7 d", EnumSet.of(JobName.SURPRISAL)),
        WINDOW_SIZE("window-size", "1 min", "event-time window length", EnumSet.of(JobName.WINDOW_SOFTMAX, JobName.WINDOW_SURPRISAL)),
        WINDOW_SLIDE("window-slide", "0", "slide of a sliding window (0 = tumbling)", EnumSet.of(JobName.WINDOW_SOFTMAX, JobName.WINDOW_SURPRISAL)),
        SESSION_GAP("session-gap", "0", "session windows with this gap instead of tumbling/sliding (0 = off)", EnumSet.of(JobName.WINDOW_SOFTMAX, JobName.WINDOW_SURPRISAL)),
        STRATEGY("strategy", "MEAN_LOGITS", "how window-softmax combines events: MEAN_LOGITS, MEAN_PROBABILITIES, PRODUCT_OF_EXPERTS", EnumSet.of(JobName.WINDOW_SOFTMAX)),
        OUT_OF_ORDERNESS("out-of-orderness", "5 s", "watermark delay for out-of-order events", EnumSet.of(JobName.WINDOW_SOFTMAX, JobName.WINDOW_SURPRISAL, JobName.SURPRISAL)),
        DURATION("duration", "60", "demo: seconds to run", EnumSet.of(JobName.DEMO)),
        RATE("rate", "2000", "demo: generated records per second, in total over the four input topics", EnumSet.of(JobName.DEMO)),
        OUTPUT_DIR("output-dir", "infoprob-demo", "demo: folder for the chart and summary", EnumSet.of(JobName.DEMO)),
        WEB_UI_PORT("web-ui-port", "8081", "demo: port of the Flink web UI (0 = off)", EnumSet.of(JobName.DEMO));

        final String name;
        final String defaultValue;
        final String help;
        final Set<JobName> jobs;

        Flag(String name, String defaultValue, String help, Set<JobName> jobs) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.help = help;
            this.jobs = jobs;
        }
    }

    private static final String KAFKA_PREFIX = "kafka.";
    /** What ParameterTool stores for a flag given without a value. */
    private static final String NO_VALUE = "__NO_VALUE_KEY";

    private final JobName job;
    private final ParameterTool args;
    private final Properties kafkaProperties;

    private JobParameters(JobName job, ParameterTool args, Properties kafkaProperties) {
        this.job = job;
        this.args = args;
        this.kafkaProperties = kafkaProperties;
    }

    /**
     * Parses {@code args} for {@code job}.
     *
     * @throws IllegalArgumentException for an unknown flag, a flag of another job, or a value
     *     that does not parse, with a message naming the flag and what is allowed
     */
    public static JobParameters parse(JobName job, String[] args) {
        ParameterTool tool = ParameterTool.fromArgs(args);
        List<String> unknown = new ArrayList<>();
        for (String key : tool.toMap().keySet()) {
            if (key.startsWith(KAFKA_PREFIX)) {
                continue;
            }
            Flag flag = flag(key);
            if (flag == null || !flag.jobs.contains(job)) {
                unknown.add("--" + key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown flag(s) for job '" + job.cliName() + "': " + String.join(", ", unknown)
                            + ". Run '" + job.cliName() + " --help' for the flags it accepts.");
        }
        Properties kafka = new Properties();
        String file = tool.get(Flag.PROPERTIES_FILE.name);
        if (file != null) {
            Path path = Paths.get(file);
            try (InputStream in = Files.newInputStream(path)) {
                kafka.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("--properties-file: cannot read " + path.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        for (Map.Entry<String, String> e : tool.toMap().entrySet()) {
            if (e.getKey().startsWith(KAFKA_PREFIX)) {
                kafka.setProperty(e.getKey().substring(KAFKA_PREFIX.length()), e.getValue());
            }
        }
        JobParameters p = new JobParameters(job, tool, kafka);
        p.validate();
        return p;
    }

    /** Prints the flags of {@code job} with their defaults. */
    public static void printHelp(JobName job, PrintStream out) {
        out.println("Usage: java -jar infoprob-jobs.jar " + job.cliName() + " [flags]");
        out.println("   or: flink run infoprob-jobs.jar " + job.cliName() + " [flags]");
        out.println();
        out.println(job.description());
        out.println();
        out.println("Flags:");
        for (Flag f : Flag.values()) {
            if (f.jobs.contains(job)) {
                String def = f.defaultValue == null ? "" : " (default: " + defaultFor(job, f) + ")";
                out.printf(Locale.ROOT, "  --%-26s %s%s%n", f.name, f.help, def);
            }
        }
        out.printf(Locale.ROOT, "  --%-26s %s%n", "kafka.<property> <value>", "any Kafka client property, for consumer and producer");
    }

    private static String defaultFor(JobName job, Flag f) {
        switch (f) {
            case INPUT_TOPIC:
                return job.defaultInputTopic();
            case OUTPUT_TOPIC:
                return job.defaultOutputTopic();
            case GROUP_ID:
            case TRANSACTIONAL_ID_PREFIX:
                return "infoprob-" + job.cliName();
            default:
                return f.defaultValue;
        }
    }

    private static Flag flag(String name) {
        for (Flag f : Flag.values()) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        return null;
    }

    private void validate() {
        // Parse every typed value once, so that a bad value fails at start with the flag's name.
        bootstrapServers();
        startingOffsets();
        parallelism();
        checkpointInterval();
        deliveryGuarantee();
        if (job != JobName.DEMO) {
            maxRecordBytes();
        }
        for (Flag f : Flag.values()) {
            if (f.jobs.contains(job)) {
                switch (f) {
                    case TEMPERATURE:
                        positive(f, temperature());
                        break;
                    case TOP_K:
                        if (topK() < 0) {
                            throw bad(f, String.valueOf(topK()), "an integer >= 0");
                        }
                        break;
                    case ALPHA:
                        if (!(alpha() >= 0) || Double.isInfinite(alpha())) {
                            throw bad(f, String.valueOf(alpha()), "a finite number >= 0");
                        }
                        break;
                    case SMOOTHING:
                        smoothing();
                        break;
                    case HALF_LIFE:
                        halfLife();
                        break;
                    case STATE_TTL:
                        stateTtl();
                        break;
                    case MAX_CLASSES:
                        if (maxClasses() < 1) {
                            throw bad(f, String.valueOf(maxClasses()), "an integer >= 1");
                        }
                        break;
                    case MAX_CLASSES_PER_RECORD:
                        if (maxClassesPerRecord() < 1) {
                            throw bad(f, String.valueOf(maxClassesPerRecord()), "an integer >= 1");
                        }
                        break;
                    case WINDOW_SIZE:
                        windowSize();
                        windowSlide();
                        sessionGap();
                        break;
                    case STRATEGY:
                        strategy();
                        break;
                    case OUT_OF_ORDERNESS:
                        outOfOrderness();
                        break;
                    case DURATION:
                        if (durationSeconds() < 1) {
                            throw bad(f, String.valueOf(durationSeconds()), "an integer >= 1");
                        }
                        break;
                    case RATE:
                        if (rate() < 1) {
                            throw bad(f, String.valueOf(rate()), "an integer >= 1");
                        }
                        break;
                    default:
                        break;
                }
            }
        }
    }

    public JobName job() {
        return job;
    }

    public boolean help() {
        return args.has(Flag.HELP.name);
    }

    /** True when {@code --bootstrap-servers} was given (the demo then uses that Kafka). */
    public boolean hasBootstrapServers() {
        return args.has(Flag.BOOTSTRAP_SERVERS.name);
    }

    public String bootstrapServers() {
        String v = string(Flag.BOOTSTRAP_SERVERS);
        if (v.isBlank()) {
            throw bad(Flag.BOOTSTRAP_SERVERS, v, "host:port[,host:port...]");
        }
        return v;
    }

    public String inputTopic() {
        return args.get(Flag.INPUT_TOPIC.name, job.defaultInputTopic());
    }

    public String outputTopic() {
        return args.get(Flag.OUTPUT_TOPIC.name, job.defaultOutputTopic());
    }

    public String deadLetterTopic() {
        return string(Flag.DEAD_LETTER_TOPIC);
    }

    public String groupId() {
        return args.get(Flag.GROUP_ID.name, "infoprob-" + job.cliName());
    }

    /** earliest, latest or committed. */
    public String startingOffsets() {
        String v = string(Flag.STARTING_OFFSETS).toLowerCase(Locale.ROOT);
        if (!Arrays.asList("earliest", "latest", "committed").contains(v)) {
            throw bad(Flag.STARTING_OFFSETS, v, "earliest, latest or committed");
        }
        return v;
    }

    public boolean bounded() {
        return bool(Flag.BOUNDED);
    }

    /** The parallelism, or -1 for the environment's default. */
    public int parallelism() {
        if (!args.has(Flag.PARALLELISM.name)) {
            return -1;
        }
        int p = integer(Flag.PARALLELISM);
        if (p < 1) {
            throw bad(Flag.PARALLELISM, String.valueOf(p), "an integer >= 1");
        }
        return p;
    }

    public Duration checkpointInterval() {
        Duration d = duration(Flag.CHECKPOINT_INTERVAL);
        if (d.isZero() || d.isNegative()) {
            throw bad(Flag.CHECKPOINT_INTERVAL, args.get(Flag.CHECKPOINT_INTERVAL.name), "a positive duration, e.g. 10 s");
        }
        return d;
    }

    public boolean exactlyOnce() {
        return deliveryGuarantee().equals("exactly-once");
    }

    private String deliveryGuarantee() {
        String v = string(Flag.DELIVERY_GUARANTEE).toLowerCase(Locale.ROOT).replace('_', '-');
        if (!v.equals("exactly-once") && !v.equals("at-least-once")) {
            throw bad(Flag.DELIVERY_GUARANTEE, v, "exactly-once or at-least-once");
        }
        return v;
    }

    public String transactionalIdPrefix() {
        return args.get(Flag.TRANSACTIONAL_ID_PREFIX.name, "infoprob-" + job.cliName());
    }

    /** Kafka client properties from {@code --properties-file} and {@code --kafka.*}, for both clients. */
    public Properties kafkaProperties() {
        Properties copy = new Properties();
        copy.putAll(kafkaProperties);
        return copy;
    }

    public int maxRecordBytes() {
        int v = integer(Flag.MAX_RECORD_BYTES);
        if (v < 1) {
            throw bad(Flag.MAX_RECORD_BYTES, String.valueOf(v), "an integer >= 1");
        }
        return v;
    }

    public int maxClassesPerRecord() {
        return integer(Flag.MAX_CLASSES_PER_RECORD);
    }

    public double temperature() {
        return number(Flag.TEMPERATURE);
    }

    public boolean logProbabilities() {
        return bool(Flag.LOG_PROBABILITIES);
    }

    public int topK() {
        return integer(Flag.TOP_K);
    }

    /** The fixed class list, or null when any class is accepted. */
    public String[] classes() {
        String v = args.get(Flag.CLASSES.name);
        if (v == null) {
            return null;
        }
        String[] names = Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (names.length == 0) {
            throw bad(Flag.CLASSES, v, "a comma-separated list of class names");
        }
        return names;
    }

    public boolean multiLabel() {
        return bool(Flag.MULTI_LABEL);
    }

    public double alpha() {
        return number(Flag.ALPHA);
    }

    /** additive or good-turing. */
    public String smoothing() {
        String v = string(Flag.SMOOTHING).toLowerCase(Locale.ROOT).replace('_', '-');
        if (!v.equals("additive") && !v.equals("good-turing")) {
            throw bad(Flag.SMOOTHING, v, "additive or good-turing");
        }
        return v;
    }

    /** The half-life, or {@link Duration#ZERO} for no decay. */
    public Duration halfLife() {
        return nonNegativeDuration(Flag.HALF_LIFE);
    }

    public int maxClasses() {
        return integer(Flag.MAX_CLASSES);
    }

    /** The state TTL, or {@link Duration#ZERO} for none. */
    public Duration stateTtl() {
        return nonNegativeDuration(Flag.STATE_TTL);
    }

    public Duration windowSize() {
        Duration d = duration(Flag.WINDOW_SIZE);
        if (d.isZero() || d.isNegative()) {
            throw bad(Flag.WINDOW_SIZE, args.get(Flag.WINDOW_SIZE.name), "a positive duration, e.g. 1 min");
        }
        return d;
    }

    /** The slide, or {@link Duration#ZERO} for tumbling windows. */
    public Duration windowSlide() {
        return nonNegativeDuration(Flag.WINDOW_SLIDE);
    }

    /** The session gap, or {@link Duration#ZERO} when windows are not sessions. */
    public Duration sessionGap() {
        return nonNegativeDuration(Flag.SESSION_GAP);
    }

    public String strategy() {
        String v = string(Flag.STRATEGY).toUpperCase(Locale.ROOT).replace('-', '_');
        if (!Arrays.asList("MEAN_LOGITS", "MEAN_PROBABILITIES", "PRODUCT_OF_EXPERTS").contains(v)) {
            throw bad(Flag.STRATEGY, v, "MEAN_LOGITS, MEAN_PROBABILITIES or PRODUCT_OF_EXPERTS");
        }
        return v;
    }

    public Duration outOfOrderness() {
        return nonNegativeDuration(Flag.OUT_OF_ORDERNESS);
    }

    public int durationSeconds() {
        return integer(Flag.DURATION);
    }

    public int rate() {
        return integer(Flag.RATE);
    }

    public Path outputDir() {
        return Paths.get(string(Flag.OUTPUT_DIR));
    }

    public int webUiPort() {
        return integer(Flag.WEB_UI_PORT);
    }

    /** All flags given, for the job's startup log line. */
    public Map<String, String> given() {
        return new LinkedHashMap<>(args.toMap());
    }

    // ---------------------------------------------------------------------------------------

    private String string(Flag f) {
        String v = args.get(f.name, f.defaultValue);
        if (v == null || NO_VALUE.equals(v)) {
            throw bad(f, "(no value)", "a value after --" + f.name);
        }
        return v;
    }

    private boolean bool(Flag f) {
        String v = args.get(f.name, f.defaultValue);
        if (NO_VALUE.equals(v)) {
            return true; // a bare --flag means true
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw bad(f, v, "true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private int integer(Flag f) {
        String v = string(f);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(f, v, "an integer");
        }
    }

    private double number(Flag f) {
        String v = string(f);
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw bad(f, v, "a number");
        }
    }

    private Duration duration(Flag f) {
        String v = string(f);
        try {
            return org.apache.flink.util.TimeUtils.parseDuration(v);
        } catch (RuntimeException e) {
            throw bad(f, v, "a duration such as 500 ms, 10 s, 5 min, 1 h, 7 d");
        }
    }

    private Duration nonNegativeDuration(Flag f) {
        Duration d = duration(f);
        if (d.isNegative()) {
            throw bad(f, args.get(f.name), "a duration >= 0");
        }
        return d;
    }

    private static void positive(Flag f, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw bad(f, String.valueOf(v), "a finite number > 0");
        }
    }

    private static IllegalArgumentException bad(Flag f, String value, String allowed) {
        return new IllegalArgumentException("--" + f.name + " must be " + allowed + ", was " + value);
    }
}
