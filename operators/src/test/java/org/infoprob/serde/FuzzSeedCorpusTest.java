package org.infoprob.serde;

import org.infoprob.testing.Choices;
import org.infoprob.testing.DecoderFuzz;

import com.code_intelligence.jazzer.driver.FuzzedDataProviderImpl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed seed corpus of the decoders' fuzz tests is the one {@link FuzzSeedCorpus} writes. */
class FuzzSeedCorpusTest {

    private static final Path RESOURCES = Path.of("src/test/resources");

    private static final String REGENERATE = "the seed corpus is out of date: regenerate it (javadoc of FuzzSeedCorpus)";

    @Test
    void committedSeedsAreTheGeneratedOnes() throws IOException {
        Map<Path, byte[]> generated = FuzzSeedCorpus.files();
        for (Map.Entry<Path, byte[]> f : generated.entrySet()) {
            Path file = RESOURCES.resolve(f.getKey());
            assertThat(file).as(REGENERATE).exists();
            assertThat(Files.readAllBytes(file)).as("%s: %s", file, REGENERATE).isEqualTo(f.getValue());
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("org/infoprob/serde"))) {
            files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches("(hostile|valid|event|mutated)-.*"))
                    .filter(p -> !generated.containsKey(RESOURCES.relativize(p)))
                    .forEach(stale::add);
        }
        assertThat(stale).as(REGENERATE).isEmpty();
    }

    @Test
    void hostileSeedsMakeTheirRecordsThroughJazzersProvider() {
        for (Map.Entry<String, KafkaRecord> e : FuzzSeedCorpus.hostileRecords().entrySet()) {
            KafkaRecord expected = e.getValue();
            try (FuzzedDataProviderImpl data = FuzzedDataProviderImpl.withJavaData(DecoderFuzz.arbitraryRecordData(expected))) {
                KafkaRecord r = DecoderFuzz.arbitraryRecord(Choices.of(data));
                assertThat(r.key).as(e.getKey()).isEqualTo(expected.key);
                assertThat(r.value).as(e.getKey()).isEqualTo(expected.value);
                assertThat(r.timestamp).as(e.getKey()).isEqualTo(expected.timestamp);
            }
        }
        assertThat(FuzzSeedCorpus.hostileRecords()).as("the hostile records up to 4 KiB").hasSizeGreaterThan(70);
    }
}
