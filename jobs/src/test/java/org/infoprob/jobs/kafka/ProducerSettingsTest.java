package org.infoprob.jobs.kafka;

import org.infoprob.jobs.InfoprobJobs;
import org.infoprob.jobs.KafkaJob;
import org.infoprob.jobs.options.KafkaOptions;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.serde.DeadLetterSerializer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ProducerSettings}: the user's producer settings win over the jobs' defaults, and the limits that follow. */
class ProducerSettingsTest {

    @Test
    void theUsersTransactionTimeoutWinsOverTheDefault() {
        Properties defaults = ProducerSettings.properties(kafka());
        assertThat(defaults).containsEntry("transaction.timeout.ms", "300000")
                .containsEntry("linger.ms", "20")
                .containsEntry("batch.size", "262144");
        Properties own = ProducerSettings.properties(kafka("--kafka", "transaction.timeout.ms=60000", "--kafka.linger.ms=5"));
        assertThat(own).containsEntry("transaction.timeout.ms", "60000").containsEntry("linger.ms", "5");
        assertThat(ProducerSettings.transactionTimeout(own)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theRecordLimitIsMaxRequestSizeOrBufferMemoryWhenSmaller() {
        assertThat(ProducerSettings.recordSizeLimit(new Properties())).isEqualTo(new RecordSizeLimit(1_048_576, "max.request.size 1048576"));
        Properties p = new Properties();
        p.setProperty("max.request.size", " 500000 ");
        assertThat(ProducerSettings.recordSizeLimit(p)).isEqualTo(new RecordSizeLimit(500_000, "max.request.size 500000"));
        p.setProperty("buffer.memory", "400000");
        assertThat(ProducerSettings.recordSizeLimit(p)).isEqualTo(new RecordSizeLimit(400_000, "buffer.memory 400000"));
        p.setProperty("max.request.size", "-1");
        assertThatThrownBy(() -> ProducerSettings.recordSizeLimit(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max.request.size");
    }

    /**
     * The largest dead letter with the default limits: 411925 bytes of JSON ({@link
     * DeadLetterSerializer#maxSerializedBytes}) and a key of 1024 bytes. Kafka's record adds 21
     * bytes at most (attributes 1, timestamp delta 10, offset delta 5, length 5), the length
     * varints of key (2 bytes) and value (3 bytes: below 2^21), the header count (1), and the
     * batch header (61): 411925 + 1024 + 21 + 2 + 3 + 1 + 61 = 413037.
     */
    @Test
    void theLargestDeadLetterIsItsJsonBoundPlusKeyAndKafkasOverhead() {
        assertThat(DeadLetterSerializer.maxSerializedBytes(DeadLetterLimits.DEFAULT)).isEqualTo(411_925);
        assertThat(ProducerSettings.largestDeadLetter(DeadLetterLimits.DEFAULT)).isEqualTo(413_037);
        ProducerSettings.checkDeadLetters(DeadLetterLimits.DEFAULT, new RecordSizeLimit(413_037, "test"));
        assertThatThrownBy(() -> ProducerSettings.checkDeadLetters(DeadLetterLimits.DEFAULT, new RecordSizeLimit(413_036, "test")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Dead letters with a payload of up to 65536 bytes can take up to 413037 bytes as Kafka"
                        + " records, more than the 413036 bytes (test) allows: set --max-dead-letter-payload-bytes to at most ");
    }

    private static KafkaOptions kafka(String... flags) {
        String[] args = new String[flags.length + 1];
        args[0] = "softmax";
        System.arraycopy(flags, 0, args, 1, flags.length);
        return ((KafkaJob) InfoprobJobs.parse(args)).kafka();
    }
}
