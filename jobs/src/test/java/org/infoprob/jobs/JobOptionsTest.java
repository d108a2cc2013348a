package org.infoprob.jobs;

import org.infoprob.information.InformationFunction;
import org.infoprob.scores.SoftmaxFunction;
import org.infoprob.jobs.options.Cli;
import org.infoprob.jobs.options.Guarantee;
import org.infoprob.jobs.options.StartingOffsets;
import org.infoprob.jobs.sql.SqlJob;
import org.infoprob.math.Smoothing;
import org.infoprob.model.ClassEvent;
import org.infoprob.scores.CombineStrategy;
import org.infoprob.serde.ClassEventDecoder;
import org.infoprob.serde.KafkaRecord;
import org.infoprob.testing.FunctionRun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command line of {@code infoprob-jobs.jar}: every flag's default, typed values, help per
 * subcommand, and exit status 2 for what cannot run (unknown flags, values that do not parse,
 * values an operator's builder rejects, named by their flag). The defaults expected here are
 * those the flags had before the command line moved to picocli (jobs/README.md of then).
 */
class JobOptionsTest {

    /** The flags every Kafka job has, with their defaults; {@code <job>} is the job's name. */
    private static Map<String, Object> kafkaDefaults(String job, String input, String output) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("--help", false);
        d.put("--bootstrap-servers", "localhost:9092");
        d.put("--properties-file", null);
        d.put("--kafka", Map.of());
        d.put("--input-topic", input);
        d.put("--output-topic", output);
        d.put("--dead-letter-topic", "dead-letters");
        d.put("--group-id", "infoprob-" + job);
        d.put("--starting-offsets", StartingOffsets.COMMITTED);
        d.put("--bounded", false);
        d.put("--parallelism", 0);
        d.put("--checkpoint-interval", Duration.ofSeconds(10));
        d.put("--delivery-guarantee", Guarantee.EXACTLY_ONCE);
        d.put("--transactional-id-prefix", "infoprob-" + job);
        d.put("--max-record-bytes", 1_048_576);
        d.put("--max-future-skew", Duration.ofHours(1));
        d.put("--max-dead-letter-payload-bytes", 65_536);
        return d;
    }

    private static Map<String, Object> probabilityDefaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("--temperature", 1.0);
        d.put("--log-probabilities", false);
        d.put("--top-k", 0);
        d.put("--classes", null);
        d.put("--max-classes-per-record", 10_000);
        return d;
    }

    private static Map<String, Object> informationDefaults() {
        return Map.of("--alpha", 1.0, "--smoothing", Smoothing.ADDITIVE, "--temperature", 1.0, "--out-of-orderness", Duration.ofSeconds(5));
    }

    private static Map<String, Object> windowDefaults() {
        return Map.of("--window-size", Duration.ofMinutes(1), "--window-slide", Duration.ZERO, "--session-gap", Duration.ZERO,
                "--out-of-orderness", Duration.ofSeconds(5), "--allowed-lateness", Duration.ZERO);
    }

    /** Every subcommand's flags and their defaults. */
    private static Map<String, Map<String, Object>> expectedDefaults() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        Map<String, Object> softmax = kafkaDefaults("softmax", "scores", "probabilities");
        softmax.putAll(probabilityDefaults());
        all.put("softmax", softmax);
        Map<String, Object> sigmoid = kafkaDefaults("sigmoid", "binary-scores", "binary-probabilities");
        sigmoid.putAll(probabilityDefaults());
        sigmoid.put("--multi-label", false);
        all.put("sigmoid", sigmoid);
        Map<String, Object> surprisal = kafkaDefaults("surprisal", "classes", "rarity");
        surprisal.putAll(informationDefaults());
        surprisal.put("--half-life", Duration.ZERO);
        surprisal.put("--max-classes", 10_000);
        surprisal.put("--idle-timeout", Duration.ZERO);
        surprisal.put("--state-ttl", Duration.ZERO);
        surprisal.put("--warm-up", 0.0);
        all.put("surprisal", surprisal);
        Map<String, Object> windowSoftmax = kafkaDefaults("window-softmax", "scores", "window-probabilities");
        windowSoftmax.putAll(probabilityDefaults());
        windowSoftmax.putAll(windowDefaults());
        windowSoftmax.put("--strategy", CombineStrategy.MEAN_LOGITS);
        all.put("window-softmax", windowSoftmax);
        Map<String, Object> windowSurprisal = kafkaDefaults("window-surprisal", "classes", "window-rarity");
        windowSurprisal.putAll(informationDefaults());
        windowSurprisal.putAll(windowDefaults());
        all.put("window-surprisal", windowSurprisal);
        Map<String, Object> demo = new LinkedHashMap<>();
        demo.put("--help", false);
        demo.put("--duration", 60);
        demo.put("--rate", 2000);
        demo.put("--output-dir", Path.of("infoprob-demo"));
        demo.put("--web-ui-port", 8081);
        demo.put("--bootstrap-servers", "localhost:9092");
        demo.put("--properties-file", null);
        demo.put("--kafka", Map.of());
        demo.put("--parallelism", 2);
        demo.put("--checkpoint-interval", Duration.ofSeconds(1));
        demo.put("--delivery-guarantee", Guarantee.EXACTLY_ONCE);
        all.put("demo", demo);
        Map<String, Object> sql = new LinkedHashMap<>();
        sql.put("--help", false);
        sql.put("--file", SqlJob.SAMPLE);
        all.put("sql", sql);
        return all;
    }

    @Test
    void everyFlagOfEverySubcommandHasItsDefault() {
        for (Map.Entry<String, Map<String, Object>> command : expectedDefaults().entrySet()) {
            Map<String, Object> values = optionValues(command.getKey());
            assertThat(values.keySet()).as("flags of %s", command.getKey()).containsExactlyInAnyOrderElementsOf(command.getValue().keySet());
            for (Map.Entry<String, Object> flag : command.getValue().entrySet()) {
                assertThat(values.get(flag.getKey())).as("default of %s %s", command.getKey(), flag.getKey()).isEqualTo(flag.getValue());
            }
        }
    }

    @Test
    void flagsAreParsedIntoTypedValues() {
        Map<String, Object> v = optionValues("surprisal",
                "--bootstrap-servers", "k1:9092,k2:9092", "--input-topic", "events",
                "--half-life", "1 h", "--alpha", "0.5", "--smoothing", "good-turing",
                "--delivery-guarantee", "AT_LEAST_ONCE", "--parallelism", "4", "--bounded",
                "--checkpoint-interval", "500 ms", "--state-ttl", "7 d", "--idle-timeout", "30 d",
                "--starting-offsets", "earliest");
        assertThat(v).containsEntry("--bootstrap-servers", "k1:9092,k2:9092")
                .containsEntry("--input-topic", "events")
                .containsEntry("--output-topic", "rarity")
                .containsEntry("--half-life", Duration.ofHours(1))
                .containsEntry("--alpha", 0.5)
                .containsEntry("--smoothing", Smoothing.GOOD_TURING)
                .containsEntry("--delivery-guarantee", Guarantee.AT_LEAST_ONCE)
                .containsEntry("--parallelism", 4)
                .containsEntry("--bounded", true)
                .containsEntry("--checkpoint-interval", Duration.ofMillis(500))
                .containsEntry("--state-ttl", Duration.ofDays(7))
                .containsEntry("--idle-timeout", Duration.ofDays(30))
                .containsEntry("--starting-offsets", StartingOffsets.EARLIEST);
        assertThat(optionValues("sigmoid", "--multi-label", "false", "--classes", "a, b,c"))
                .containsEntry("--multi-label", false)
                .containsEntry("--classes", List.of("a", " b", "c"));
        assertThat(optionValues("window-softmax", "--strategy", "product-of-experts", "--window-slide", "10 s"))
                .containsEntry("--strategy", CombineStrategy.PRODUCT_OF_EXPERTS)
                .containsEntry("--window-slide", Duration.ofSeconds(10));
    }

    @Test
    void kafkaPropertiesComeFromTheFileAndFromKafkaFlagsWhichWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nclient.id=file\n");
        KafkaJob job = (KafkaJob) InfoprobJobs.parse(
                "softmax", "--properties-file", file.toString(), "--kafka.sasl.mechanism", "SCRAM-SHA-512",
                "--kafka.acks=all", "--kafka", "client.id=flag");
        Properties p = job.kafka().client().properties();
        assertThat(p).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("acks", "all")
                .containsEntry("client.id", "flag")
                .hasSize(4);
        assertThat(run("softmax", "--properties-file", dir.resolve("missing").toString()).err)
                .contains("Invalid value for --properties-file: cannot read " + dir.resolve("missing").toAbsolutePath());
    }

    @Test
    void helpOfEverySubcommandListsItsFlagsWithTheirDefaults() {
        for (Map.Entry<String, Map<String, Object>> command : expectedDefaults().entrySet()) {
            Result help = run(command.getKey(), "--help");
            assertThat(help.status).as("exit status of %s --help", command.getKey()).isZero();
            assertThat(help.out).as("help of %s", command.getKey())
                    .startsWith("Usage: java -jar infoprob-jobs.jar " + command.getKey())
                    .contains(command.getValue().keySet().toArray(new String[0]));
        }
        assertThat(run("surprisal", "--help").out)
                .contains("(default: classes)", "(default: infoprob-surprisal)", "(default: 5 s)", "(default: additive)")
                .doesNotContain("--top-k");
        assertThat(run("demo", "--help").out).contains("(default: 1 s)", "(default: 2)");
        assertThat(run("sql", "--help").out).contains("--bootstrap-servers", "(default: localhost:9092)", "--temperature");
    }

    @Test
    void withoutAJobTheUsageListsEveryJobAndTheStatusIsTwo() {
        Result none = run();
        assertThat(none.status).isEqualTo(2);
        assertThat(none.err).contains("Missing required subcommand").contains("Usage: java -jar infoprob-jobs.jar JOB [flags]");
        for (String job : List.of("softmax", "sigmoid", "surprisal", "window-softmax", "window-surprisal", "demo", "sql")) {
            assertThat(none.err).as("jobs listed").containsPattern("(?m)^  " + job + " ");
        }
        assertThat(run("--help").status).isZero();
        assertThat(run("help", "softmax").out).startsWith("Usage: java -jar infoprob-jobs.jar softmax");
        assertThat(run("softmx").status).isEqualTo(2);
    }

    @Test
    void unknownOrForeignFlagsExitWithStatusTwoAndNameTheFlag() {
        Result typo = run("softmax", "--temprature", "2");
        assertThat(typo.status).isEqualTo(2);
        assertThat(typo.err).contains("Unknown options: '--temprature', '2'").contains("Possible solutions: --temperature")
                .contains("Run 'softmax --help' for the flags it accepts.");
        // --half-life belongs to surprisal, not to softmax
        Result foreign = run("softmax", "--half-life", "1 h");
        assertThat(foreign.status).isEqualTo(2);
        assertThat(foreign.err).contains("'--half-life'");
        assertThat(run("softmax", "--kafka.acks").status).as("--kafka.* without a value").isEqualTo(2);
    }

    @Test
    void valuesThatDoNotParseExitWithStatusTwo() {
        assertThat(run("softmax", "--delivery-guarantee", "maybe").err)
                .contains("Invalid value for option '--delivery-guarantee': 'maybe' is not one of exactly-once, at-least-once");
        assertThat(run("surprisal", "--half-life", "soon").err)
                .contains("Invalid value for option '--half-life': 'soon' is not a duration such as 500 ms, 10 s, 5 min, 1 h, 7 d");
        assertThat(run("window-softmax", "--strategy", "median").err)
                .contains("'median' is not one of mean-logits, mean-probabilities, product-of-experts");
        assertThat(run("softmax", "--temperature", "warm").status).isEqualTo(2);
        assertThat(run("softmax", "--bounded", "maybe").status).isEqualTo(2);
    }

    /** The builders are the only judges of a value: their message, prefixed with the flag. */
    @Test
    void valuesABuilderRejectsExitWithStatusTwoAndTheBuildersMessageUnderTheFlag() {
        assertRejected(new String[] {"surprisal", "--alpha", "0"}, "--alpha",
                () -> InformationFunction.builder().setAlpha(0).build());
        assertRejected(new String[] {"window-surprisal", "--alpha", "0"}, "--alpha",
                () -> InformationFunction.builder().setAlpha(0).build());
        assertRejected(new String[] {"softmax", "--temperature", "-1"}, "--temperature",
                () -> SoftmaxFunction.builder().setTemperature(-1).build());
        assertRejected(new String[] {"sigmoid", "--top-k", "-1"}, "--top-k",
                () -> SoftmaxFunction.builder().setTopK(-1).build());
        assertRejected(new String[] {"softmax", "--max-classes-per-record", "0"}, "--max-classes-per-record",
                () -> SoftmaxFunction.builder().setMaxClasses(0).build());
        assertRejected(new String[] {"softmax", "--classes", "a,b,c", "--max-classes-per-record", "2"}, "--classes",
                () -> SoftmaxFunction.builder().setClasses("a", "b", "c").setMaxClasses(2).build());
        assertRejected(new String[] {"softmax", "--classes", "a,,b"}, "--classes",
                () -> SoftmaxFunction.builder().setClasses("a", "", "b").build());
        assertRejected(new String[] {"surprisal", "--max-classes", "0"}, "--max-classes",
                () -> InformationFunction.builder().setMaxClassesPerKey(0).build());
        assertRejected(new String[] {"surprisal", "--half-life", "400000000 d"}, "--half-life",
                () -> InformationFunction.builder().setHalfLife(Duration.ofDays(400_000_000)).build());
        assertRejected(new String[] {"surprisal", "--temperature", "Infinity"}, "--temperature",
                () -> InformationFunction.builder().setTemperature(Double.POSITIVE_INFINITY).build());
        assertThat(run("softmax", "--max-record-bytes", "0").err).contains("Invalid value for --max-record-bytes: Max record bytes must be >= 1, was 0");
        assertThat(run("window-softmax", "--window-size", "0 s").err).contains("Invalid value for --window-size: ");
        assertThat(run("softmax", "--checkpoint-interval", "5 ms").err).contains("Invalid value for --checkpoint-interval: ");
        assertThat(run("softmax", "--parallelism", "-1").err)
                .contains("Invalid value for --parallelism: Parallelism must be >= 0 (0 = the cluster's default), was -1");
        assertThat(run("demo", "--duration", "0").err).contains("Invalid value for --duration: Duration must be >= 1 s, was 0");
        assertThat(run("demo", "--rate", "0").status).isEqualTo(2);
        assertThatThrownBy(() -> InfoprobJobs.parse("surprisal", "--alpha", "0"))
                .isInstanceOf(ParameterException.class).hasMessageStartingWith("Invalid value for --alpha: ");
    }

    /**
     * A setup Kafka would refuse once the job runs is a usage error naming both values: the
     * payload cap against max.request.size (the "at most" it advises is exact: it passes, one
     * byte more does not), the checkpoint interval plus 30 s against transaction.timeout.ms
     * (exactly-once only), and a producer setting Kafka cannot parse.
     */
    @Test
    void aKafkaSetupThatWouldFailAtRunTimeExitsWithStatusTwo() {
        Result dead = run("softmax", "--kafka", "max.request.size=100000");
        assertThat(dead.status).isEqualTo(2);
        assertThat(dead.err).contains("Invalid value for --max-dead-letter-payload-bytes: Dead letters with a payload of up to 65536 bytes")
                .contains("more than the 100000 bytes (max.request.size 100000) allows");
        Matcher advice = Pattern.compile("at most (\\d+)").matcher(dead.err);
        assertThat(advice.find()).as("advice in %s", dead.err).isTrue();
        int fits = Integer.parseInt(advice.group(1));
        assertThat(parsesCleanly("softmax", "--kafka", "max.request.size=100000", "--max-dead-letter-payload-bytes", Integer.toString(fits)))
                .as("the advised cap").isTrue();
        assertThat(run("softmax", "--kafka", "max.request.size=100000", "--max-dead-letter-payload-bytes", Integer.toString(fits + 1)).status)
                .as("one byte more").isEqualTo(2);
        assertThat(run("softmax", "--kafka", "buffer.memory=100000").err).as("buffer.memory bounds a record too")
                .contains("more than the 100000 bytes (buffer.memory 100000) allows");

        Result slow = run("softmax", "--checkpoint-interval", "1 min", "--kafka", "transaction.timeout.ms=90000");
        assertThat(slow.status).isEqualTo(2);
        assertThat(slow.err).contains("Invalid value for --checkpoint-interval, --kafka transaction.timeout.ms: The checkpoint interval"
                + " (60000 ms) plus a margin of 30 s must be below the producers' transaction.timeout.ms (90000 ms)");
        assertThat(parsesCleanly("softmax", "--checkpoint-interval", "1 min", "--kafka", "transaction.timeout.ms=90001")).isTrue();
        assertThat(parsesCleanly("softmax", "--checkpoint-interval", "1 min", "--kafka", "transaction.timeout.ms=90000",
                "--delivery-guarantee", "at-least-once")).as("no transactions at least once").isTrue();
        assertThat(run("softmax", "--checkpoint-interval", "5 min").err).as("the default timeout is 5 min")
                .contains("transaction.timeout.ms (300000 ms)");

        assertThat(run("demo", "--checkpoint-interval", "5 min").err).as("the demo's pipelines too")
                .contains("Invalid value for --checkpoint-interval, --kafka transaction.timeout.ms: ");
        assertThat(run("softmax", "--kafka", "max.request.size=big").err)
                .contains("Invalid value for --kafka, --properties-file: Invalid value big for configuration max.request.size");
    }

    /** --max-future-skew reaches the decoders: an event 90 min ahead is rejected with the default 1 h, accepted with 2 h. */
    @Test
    void theMaxFutureSkewReachesTheDecoders() throws Exception {
        long ahead = System.currentTimeMillis() + 90 * 60_000L;
        KafkaRecord record = KafkaRecord.of(null, ("{\"key\":\"u\",\"ts\":" + ahead + ",\"class\":\"a\"}").getBytes(StandardCharsets.UTF_8),
                "classes", 0, 0L, ahead);
        KafkaJob byDefault = (KafkaJob) InfoprobJobs.parse("surprisal");
        FunctionRun<ClassEvent> rejected = FunctionRun.of(byDefault.kafka().decode(new ClassEventDecoder(), "decode-classes"), record);
        assertThat(rejected.rejected).extracting(d -> d.reason).containsExactly("TIMESTAMP_OUT_OF_RANGE");
        assertThat(rejected.rejected.get(0).rejectedBy).isEqualTo("decode-classes");
        KafkaJob twoHours = (KafkaJob) InfoprobJobs.parse("surprisal", "--max-future-skew", "2 h");
        FunctionRun<ClassEvent> accepted = FunctionRun.of(twoHours.kafka().decode(new ClassEventDecoder(), "decode-classes"), record);
        assertThat(accepted.outputs).extracting(e -> e.ts).containsExactly(ahead);
    }

    private static boolean parsesCleanly(String... args) {
        try {
            InfoprobJobs.parse(args);
            return true;
        } catch (ParameterException e) {
            return false;
        }
    }

    @Test
    void aJobThatFailsExitsWithStatusOne(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("broken.sql");
        Files.writeString(script, "SELECT * FROM no_such_table;\n");
        Result failed = run("sql", "--file", script.toString());
        assertThat(failed.status).isEqualTo(1);
        assertThat(failed.err).contains("The sql job failed:").contains("no_such_table");
        Result unknown = run("sql", "--file", script.toString(), "--input-topic", "x");
        assertThat(unknown.status).as("a flag that names no placeholder: %s", unknown.err).isEqualTo(2);
        assertThat(unknown.err).contains("has no placeholder [input-topic]");
    }

    private static void assertRejected(String[] args, String flag, Runnable builder) {
        String message = null;
        try {
            builder.run();
        } catch (IllegalArgumentException e) {
            message = e.getMessage();
        }
        assertThat(message).as("the builder's own message for %s", String.join(" ", args)).isNotNull();
        Result r = run(args);
        assertThat(r.status).as("exit status of %s", String.join(" ", args)).isEqualTo(2);
        assertThat(r.err).as("error of %s", String.join(" ", args)).contains("Invalid value for " + flag + ": " + message);
    }

    /** The values of the command's options after parsing {@code flags}, by the option's longest name. */
    private static Map<String, Object> optionValues(String command, String... flags) {
        String[] line = new String[flags.length + 1];
        line[0] = command;
        System.arraycopy(flags, 0, line, 1, flags.length);
        CommandLine cli = InfoprobJobs.commandLine();
        Cli.parse(cli, line);
        Map<String, Object> values = new HashMap<>();
        for (OptionSpec o : cli.getSubcommands().get(command).getCommandSpec().options()) {
            values.put(o.longestName(), o.getValue());
        }
        return values;
    }

    private record Result(int status, String out, String err) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = InfoprobJobs.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
