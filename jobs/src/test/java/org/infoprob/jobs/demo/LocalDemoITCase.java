package org.infoprob.jobs.demo;

import org.infoprob.jobs.InfoprobJobs;
import org.infoprob.model.Reason;
import org.infoprob.testing.KafkaBrokerExtension;

import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo end to end, for a few seconds at a low rate, web UI off (no port clashes on CI):
 * once on the test's own broker through {@code --bootstrap-servers}, where the topics stay and
 * are read back here, and once with its own embedded broker.
 */
class LocalDemoITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> OUTPUT_TOPICS = List.of(
            "probabilities", "window-probabilities", "binary-probabilities", "label-probabilities", "rarity", "window-rarity");

    /** The reasons the traffic's poison records must get (TrafficGenerator's four kinds per topic). */
    private static final Set<Reason> POISON_REASONS = EnumSet.of(
            Reason.INVALID_JSON, Reason.NON_FINITE_SCORE, Reason.MISSING_FIELD, Reason.WRONG_TYPE, Reason.EMPTY_CLASS_NAME);

    @Test
    void onAnExistingKafkaEveryOutputTopicGetsRecordsAndTheChartIsWritten(@TempDir Path dir) throws Exception {
        String output = runDemo(
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--duration", "8", "--rate", "400",
                "--web-ui-port", "0", "--output-dir", dir.resolve("out").toString());

        for (String topic : OUTPUT_TOPICS) {
            List<ConsumerRecord<String, String>> records = KAFKA.consumeAll(topic);
            assertThat(records).as("committed records on %s", topic).isNotEmpty();
            assertThat(summaryCount(output, topic)).as("records of %s in the summary", topic).isEqualTo(records.size());
        }
        List<ConsumerRecord<String, String>> deadLetters = KAFKA.consumeAll("dead-letters");
        assertThat(deadLetters).as("dead letters").isNotEmpty();
        assertThat(summaryCount(output, "dead-letters")).as("dead letters in the summary").isEqualTo(deadLetters.size());
        for (ConsumerRecord<String, String> d : deadLetters) {
            JsonNode letter = JSON.readTree(d.value());
            assertThat(Reason.valueOf(letter.get("reason").asText())).as("reason of %s", d.value()).isIn(POISON_REASONS);
            assertThat(letter.get("payload").asText()).as("payload of a dead letter").contains("\"ts\":");
        }
        assertThat(output).as("demo output")
                .contains("Using the Kafka at " + KAFKA.bootstrapServers())
                .containsPattern("\\[  2 s\\] sent [0-9,]+ .* committed out/s: softmax")
                .contains("rarest so far: ")
                .containsPattern("probabilities +[0-9,]+  softmax: one per valid scores record \\(([0-9,]+) of \\1\\); top class = true class in")
                .containsPattern("rarity +[0-9,]+  surprisal: one per valid classes record \\(([0-9,]+) of \\1\\)")
                .containsPattern("binary-probabilities +[0-9,]+  sigmoid: one per valid binary-scores record \\(([0-9,]+) of \\1\\);"
                        + " more probable label = true label in [0-9.]+% \\(a calibrated model: [0-9.]+% ± [0-9.]+% on the same records, 95% range\\)")
                .containsPattern("label-probabilities +[0-9,]+  multi-label: one per valid label-scores record \\(([0-9,]+) of \\1\\)")
                .containsPattern("window-probabilities +[0-9,]+  window-softmax: one per key and 5 s window")
                .containsPattern("window-rarity +[0-9,]+  window-surprisal: one per key and 5 s window")
                .as("every poison record a dead letter of each pipeline reading its topic")
                .containsPattern("dead-letters +([0-9,]+)  .*\\(expected \\1: each poison record once per pipeline reading its topic\\)")
                .containsPattern("Summary after [0-9]+ s: [0-9,]+ records sent \\([1-9][0-9,]* poison\\)")
                .as("progress every 2 s: each pipeline's committed records/s, dead letters by reason, the rarest events")
                .containsPattern("committed out/s: softmax [0-9,]+ window-softmax [0-9,]+ sigmoid [0-9,]+ multi-label [0-9,]+"
                        + " surprisal [0-9,]+ window-surprisal [0-9,]+")
                .containsPattern("dead letters [1-9][0-9,]* \\((EMPTY_CLASS_NAME|INVALID_JSON|MISSING_FIELD|NON_FINITE_SCORE|WRONG_TYPE) [0-9,]+")
                .containsPattern("rarest so far: \\S+ \\S+ \\(one in [0-9,]+\\)")
                .as("the job drained with a final savepoint")
                .contains("Stopping the Flink job with a final savepoint")
                .doesNotContain("Stopping with a savepoint failed")
                .contains("They stay on " + KAFKA.bootstrapServers());
        Path chart = dir.resolve("out").resolve(DemoChart.FILE_NAME).toAbsolutePath();
        Path summary = dir.resolve("out").resolve(LocalDemo.SUMMARY_FILE).toAbsolutePath();
        assertThat(output).as("demo output").contains("Chart:   " + chart, "Summary: " + summary);
        assertThat(chart).as("chart").isRegularFile();
        assertThat(Files.readAllLines(summary)).as("summary file").hasSize(10).allMatch(output::contains);
        assertThat(Files.readString(chart)).as("chart")
                .contains("<section id=\"sigmoid\">", "<section id=\"softmax\">", "<section id=\"frequencies\">",
                        "<section id=\"rarity\">", "<section id=\"throughput\">")
                .contains("class=\"out\"", "class=\"bin\"", "class=\"bar\"", "class=\"event\"");
    }

    @Test
    void withItsOwnBrokerTheDemoReportsRecordsOnEveryTopicAndStopsTheBroker(@TempDir Path dir) throws Exception {
        String output = runDemo("--duration", "5", "--rate", "300", "--web-ui-port", "0", "--output-dir", dir.toString());

        assertThat(output).as("demo output").contains("Kafka is up at localhost:");
        for (String topic : OUTPUT_TOPICS) {
            assertThat(summaryCount(output, topic)).as("records of %s in the summary", topic).isPositive();
        }
        assertThat(summaryCount(output, "dead-letters")).as("dead letters in the summary").isPositive();
        assertThat(output).as("demo output")
                .contains("which stops with the demo")
                .endsWith("The embedded Kafka broker has stopped and its files are deleted." + System.lineSeparator());
        assertThat(dir.resolve(DemoChart.FILE_NAME)).as("chart").isRegularFile();
    }

    private static String runDemo(String... flags) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] line = new String[flags.length + 1];
        line[0] = "demo";
        System.arraycopy(flags, 0, line, 1, flags.length);
        try (PrintWriter out = new PrintWriter(bytes, true, StandardCharsets.UTF_8)) {
            new LocalDemo((DemoCommand) InfoprobJobs.parse(line), out).run();
        } finally {
            System.out.println("demo " + Arrays.toString(flags) + ":");
            System.out.println(bytes.toString(StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The records column of the summary row of {@code topic}. */
    private static long summaryCount(String output, String topic) {
        Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(topic) + " +([0-9,]+)  ").matcher(output);
        assertThat(m.find()).as("summary row of %s in:%n%s", topic, output).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
