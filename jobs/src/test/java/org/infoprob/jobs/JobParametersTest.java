package org.infoprob.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobParametersTest {

    @Test
    void defaultsApplyWhenNoFlagIsGiven() {
        JobParameters p = JobParameters.parse(JobName.SOFTMAX, new String[0]);
        assertThat(p.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(p.inputTopic()).isEqualTo("scores");
        assertThat(p.outputTopic()).isEqualTo("probabilities");
        assertThat(p.deadLetterTopic()).isEqualTo("dead-letters");
        assertThat(p.groupId()).isEqualTo("infoprob-softmax");
        assertThat(p.transactionalIdPrefix()).isEqualTo("infoprob-softmax");
        assertThat(p.exactlyOnce()).isTrue();
        assertThat(p.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.parallelism()).isEqualTo(-1);
        assertThat(p.temperature()).isEqualTo(1.0);
        assertThat(p.classes()).isNull();
        assertThat(p.help()).isFalse();
    }

    @Test
    void flagsAreParsedIntoTypedValues() {
        JobParameters p =
                JobParameters.parse(
                        JobName.SURPRISAL,
                        new String[] {
                            "--bootstrap-servers", "k1:9092,k2:9092", "--input-topic", "events",
                            "--half-life", "1 h", "--alpha", "0.5", "--smoothing", "good-turing",
                            "--delivery-guarantee", "at-least-once", "--parallelism", "4",
                            "--checkpoint-interval", "500 ms", "--state-ttl", "7 d"
                        });
        assertThat(p.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(p.inputTopic()).isEqualTo("events");
        assertThat(p.outputTopic()).isEqualTo("rarity");
        assertThat(p.halfLife()).isEqualTo(Duration.ofHours(1));
        assertThat(p.alpha()).isEqualTo(0.5);
        assertThat(p.smoothing()).isEqualTo("good-turing");
        assertThat(p.exactlyOnce()).isFalse();
        assertThat(p.parallelism()).isEqualTo(4);
        assertThat(p.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.stateTtl()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void kafkaPropertiesComeFromTheFileAndFromKafkaFlagsWhichWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
        JobParameters p =
                JobParameters.parse(
                        JobName.SOFTMAX,
                        new String[] {"--properties-file", file.toString(), "--kafka.sasl.mechanism", "SCRAM-SHA-512"});
        assertThat(p.kafkaProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void unknownOrForeignFlagsAreRejectedByName() {
        assertThatThrownBy(() -> JobParameters.parse(JobName.SOFTMAX, new String[] {"--temprature", "2"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "Unknown flag(s) for job 'softmax': --temprature. Run 'softmax --help' for the flags it accepts.");
        // --half-life belongs to surprisal, not to softmax
        assertThatThrownBy(() -> JobParameters.parse(JobName.SOFTMAX, new String[] {"--half-life", "1 h"}))
                .hasMessageContaining("--half-life");
    }

    @Test
    void badValuesNameTheFlagAndWhatIsAllowed() {
        assertThatThrownBy(() -> JobParameters.parse(JobName.SOFTMAX, new String[] {"--temperature", "-1"}))
                .hasMessage("--temperature must be a finite number > 0, was -1.0");
        assertThatThrownBy(() -> JobParameters.parse(JobName.SOFTMAX, new String[] {"--delivery-guarantee", "maybe"}))
                .hasMessage("--delivery-guarantee must be exactly-once or at-least-once, was maybe");
        assertThatThrownBy(() -> JobParameters.parse(JobName.SURPRISAL, new String[] {"--half-life", "soon"}))
                .hasMessage("--half-life must be a duration such as 500 ms, 10 s, 5 min, 1 h, 7 d, was soon");
        assertThatThrownBy(() -> JobParameters.parse(JobName.SOFTMAX, new String[] {"--parallelism", "0"}))
                .hasMessage("--parallelism must be an integer >= 1, was 0");
        assertThatThrownBy(() -> JobParameters.parse(JobName.WINDOW_SOFTMAX, new String[] {"--strategy", "median"}))
                .hasMessage("--strategy must be MEAN_LOGITS, MEAN_PROBABILITIES or PRODUCT_OF_EXPERTS, was MEDIAN");
    }

    @Test
    void helpListsTheJobsFlagsWithTheirDefaults() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JobParameters.printHelp(JobName.SURPRISAL, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String help = bytes.toString(StandardCharsets.UTF_8);
        assertThat(help)
                .contains("--input-topic")
                .contains("(default: classes)")
                .contains("--half-life")
                .contains("--kafka.<property> <value>")
                .doesNotContain("--top-k");
        assertThat(JobParameters.parse(JobName.SURPRISAL, new String[] {"--help"}).help()).isTrue();
    }
}
