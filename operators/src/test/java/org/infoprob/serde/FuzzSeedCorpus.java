package org.infoprob.serde;

import org.infoprob.testing.Choices;
import org.infoprob.testing.DecoderFuzz;
import org.infoprob.testing.HostileCorpus;
import org.infoprob.testing.InputJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes the seed corpus of the decoders' {@code @FuzzTest} targets, in Jazzer's inputs
 * directories {@code src/test/resources/org/infoprob/serde/<TestClass>Inputs/<target>/}: the
 * inputs {@code mvn verify} runs them on (Jazzer's regression mode), and where coverage-guided
 * fuzzing starts. Each file is the {@code FuzzedDataProvider} data that makes the target build:
 *
 * <ul>
 *   <li>{@code arbitraryRecordsNeverEscape/hostile-*}: every record of {@link HostileCorpus} (of
 *       all three formats) up to {@value #MAX_SEED_BYTES} bytes; the larger ones stay in
 *       {@code HostileCorpusTest}, since the fuzzer works best on short inputs;
 *   <li>{@code arbitraryRecordsNeverEscape/valid-*}: valid events of the decoder as JSON;
 *   <li>{@code validEventsDecodeToWhatTheJsonSaid/event-*}, {@code mutatedEventsNeverEscape/mutated-*}:
 *       recorded pseudo-random choices of the targets' generators, from fixed seeds.
 * </ul>
 *
 * Regenerate after changing {@link HostileCorpus} or a generator ({@code FuzzSeedCorpusTest}
 * fails until then), from the repository root:
 *
 * <pre>{@code
 * mvn -q -pl operators test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.infoprob.serde.FuzzSeedCorpus -Dexec.args=operators/src/test/resources
 * }</pre>
 *
 * Findings of {@code scripts/fuzz.sh} ({@code crash-*} files) are written by Jazzer into the same
 * directories and kept there as regression inputs; this class leaves them alone.
 */
public final class FuzzSeedCorpus {

    /** The largest hostile record taken into the corpus. */
    static final int MAX_SEED_BYTES = 4096;

    private static final int VALID = 20;
    private static final int RECORDED = 30;

    private FuzzSeedCorpus() {}

    /** Writes {@link #files()} below the directory {@code args[0]} (the test resources root). */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        for (Map.Entry<Path, byte[]> f : files().entrySet()) {
            Path file = root.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
        }
        System.out.println(files().size() + " seed inputs written below " + root.toAbsolutePath());
    }

    /** The seed inputs, by path relative to the test resources root. */
    static Map<Path, byte[]> files() {
        Map<Path, byte[]> files = new TreeMap<>();
        add(files, ClassEventDecoderFuzzTest.class, ClassEventDecoderFuzzTest::event, InputJson::of);
        add(files, ScoreEventDecoderFuzzTest.class, ScoreEventDecoderFuzzTest::event, InputJson::of);
        add(files, BinaryScoreEventDecoderFuzzTest.class, BinaryScoreEventDecoderFuzzTest::event, InputJson::of);
        return files;
    }

    /** The hostile records taken into the corpus, by file name. */
    static Map<String, KafkaRecord> hostileRecords() {
        Map<String, KafkaRecord> records = new TreeMap<>();
        for (HostileCorpus.Entry e : HostileCorpus.entries(HostileCorpus.NOW)) {
            if (e.value() != null && e.value().length > MAX_SEED_BYTES) {
                continue;
            }
            String name = "hostile-" + e.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
            KafkaRecord r = KafkaRecord.of(e.key(), e.value(), "fuzz", 0, 1, e.kafkaTimestamp());
            if (records.put(name, r) != null) {
                throw new IllegalStateException("Two corpus entries have the file name " + name);
            }
        }
        return records;
    }

    private static <T> void add(Map<Path, byte[]> files, Class<?> test, Function<Choices, T> events, Function<T, byte[]> encode) {
        Path dir = Path.of("org/infoprob/serde", test.getSimpleName() + "Inputs");
        Path arbitrary = dir.resolve("arbitraryRecordsNeverEscape");
        hostileRecords().forEach((name, r) -> files.put(arbitrary.resolve(name), DecoderFuzz.arbitraryRecordData(r)));
        SplittableRandom random = new SplittableRandom(test.getSimpleName().hashCode());
        for (int i = 0; i < VALID; i++) {
            byte[] json = encode.apply(events.apply(Choices.recording(random.split())));
            byte[] data = DecoderFuzz.arbitraryRecordData(DecoderFuzz.recordOf(json));
            files.put(arbitrary.resolve(String.format("valid-%02d", i)), data);
        }
        for (int i = 0; i < RECORDED; i++) {
            Choices.Recording c = Choices.recording(random.split());
            events.apply(c);
            files.put(dir.resolve("validEventsDecodeToWhatTheJsonSaid").resolve(String.format("event-%02d", i)), c.bytes());
        }
        for (int i = 0; i < RECORDED; i++) {
            Choices.Recording c = Choices.recording(random.split());
            DecoderFuzz.mutatedEvent(c, events, encode);
            files.put(dir.resolve("mutatedEventsNeverEscape").resolve(String.format("mutated-%02d", i)), c.bytes());
        }
    }
}
