package org.infoprob.serde;

import org.infoprob.testing.HostileCorpus;
import org.infoprob.testing.HostileCorpus.Entry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A user's class path with an old Jackson: this module's test class path carries {@code
 * com.fasterxml.jackson.core:jackson-core:2.14.3} (test scope, see operators/pom.xml), which
 * has no {@code StreamReadConstraints} (added in 2.15), the class the decoders' JSON limits are
 * built on. Before the decoders used Flink's relocated Jackson ({@code flink-shaded-jackson}),
 * this set-up failed every decode with {@code NoClassDefFoundError:
 * com/fasterxml/jackson/core/StreamReadConstraints}. Now the user's Jackson is never touched:
 * every entry of the hostile corpus still gets its outcome ({@code ArchitectureTest} keeps
 * {@code com.fasterxml} out of the library).
 */
class OldJacksonOnTheClassPathTest {

    @Test
    void theUsersJacksonIs214() throws Exception {
        Class<?> version = Class.forName("com.fasterxml.jackson.core.json.PackageVersion");
        assertThat(version.getField("VERSION").get(null).toString()).startsWith("2.14.");
        assertThatThrownBy(() -> Class.forName("com.fasterxml.jackson.core.StreamReadConstraints"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void everyHostileRecordStillGetsItsOutcome() throws Exception {
        int checked = 0;
        for (Entry e : HostileCorpus.entries(HostileCorpus.NOW)) {
            KafkaRecord record = KafkaRecord.of(e.key(), e.value(), e.format().topic(), 0, checked, e.kafkaTimestamp());
            JsonRecordReader<?> decoder = e.format().decoder(HostileCorpus.clock(HostileCorpus.NOW));
            if (e.accepted()) {
                assertThat(decoder.decode(record)).as("%s", e).isNotNull();
            } else {
                DecodeException thrown = catchThrowableOfType(DecodeException.class, () -> decoder.decode(record));
                assertThat(thrown).as("%s", e).isNotNull();
                assertThat(thrown.reason()).as("%s", e).isEqualTo(e.expected());
            }
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(40);
    }
}
