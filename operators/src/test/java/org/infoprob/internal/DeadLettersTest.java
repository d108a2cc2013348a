package org.infoprob.internal;

import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.infoprob.model.ClassEvent;
import org.infoprob.model.DeadLetter;
import org.infoprob.model.DeadLetterLimits;
import org.infoprob.model.Reason;
import org.infoprob.model.ScoreEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Building, capping and counting dead letters. */
class DeadLettersTest {

    private static final DeadLetterCause CAUSE = new DeadLetterCause(Reason.INVALID_JSON, "bad");

    private static DeadLetters deadLetters(DeadLetterLimits limits) {
        return new DeadLetters("decode", limits, new UnregisteredMetricsGroup());
    }

    @Test
    void keepsASmallRecordWholeWithItsSizeDigestAndOrigin() {
        byte[] value = utf8("{\"class\":");
        DeadLetter d = deadLetters(DeadLetterLimits.DEFAULT).reject(CAUSE, utf8("u"), value, 7L, "t", 1, 42L);
        assertThat(d.reason).isEqualTo("INVALID_JSON");
        assertThat(d.error).isEqualTo("bad");
        assertThat(d.rejectedBy).isEqualTo("decode");
        assertThat(d.key).isEqualTo("u");
        assertThat(d.keyBase64).isFalse();
        assertThat(d.payload).isEqualTo("{\"class\":");
        assertThat(d.payloadTruncated).isFalse();
        assertThat(d.originalSize).isEqualTo(9);
        // sha256sum of the 9 bytes {"class": (coreutils): the digest is of the bytes, not of a rendering
        assertThat(d.payloadSha256).isEqualTo("773296d4fd0b87f0841cf5e661fd24e107b328e0c2c5f4fde4bb76a14701ef9f");
        assertThat(d.topic).isEqualTo("t");
        assertThat(d.partition).isEqualTo(1);
        assertThat(d.offset).isEqualTo(42L);
        assertThat(d.ts).isEqualTo(7L);
    }

    @Test
    void sha256IsTheStandardDigest() {
        // FIPS 180-2, appendix B.1: SHA-256("abc")
        assertThat(DeadLetters.sha256Hex(utf8("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        // SHA-256 of no bytes
        assertThat(DeadLetters.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void cutsTheUtf8PayloadAtACharacterBoundaryAndKeepsTheDigestOfTheWhole() {
        // "aé😀b": a (1 byte), é (2 bytes), 😀 (4 bytes, a surrogate pair in Java), b
        byte[] value = utf8("a\u00e9\uD83D\uDE00b");
        for (int max = 0; max <= value.length; max++) {
            DeadLetter d = deadLetters(DeadLetterLimits.DEFAULT.withMaxPayloadBytes(max)).reject(CAUSE, null, value, null, "t", 0, 0L);
            String expected = max < 1 ? "" : max < 3 ? "a" : max < 7 ? "a\u00e9" : max < 8 ? "a\u00e9\uD83D\uDE00" : "a\u00e9\uD83D\uDE00b";
            assertThat(d.payload).as("cap %d", max).isEqualTo(expected);
            assertThat(d.payloadTruncated).as("cap %d", max).isEqualTo(max < value.length);
            assertThat(d.originalSize).isEqualTo(value.length);
            assertThat(d.payloadSha256).isEqualTo(DeadLetters.sha256Hex(value));
        }
    }

    @Test
    void aPayloadThatIsNotUtf8IsCutThenBase64Encoded() {
        byte[] value = new byte[100];
        Arrays.fill(value, (byte) 0xFF);
        DeadLetter d = deadLetters(DeadLetterLimits.DEFAULT.withMaxPayloadBytes(10)).reject(CAUSE, null, value, null, "t", 0, 0L);
        assertThat(d.payloadBase64).isTrue();
        assertThat(Base64.getDecoder().decode(d.payload)).isEqualTo(Arrays.copyOf(value, 10));
        assertThat(d.payloadTruncated).isTrue();
        assertThat(d.originalSize).isEqualTo(100);
        assertThat(d.payloadSha256).isEqualTo(DeadLetters.sha256Hex(value));
    }

    @Test
    void keysAreKeptLosslesslyAndCapped() {
        DeadLetters letters = deadLetters(new DeadLetterLimits(100, 4, 100));
        DeadLetter binary = letters.reject(CAUSE, new byte[] {(byte) 0xFF, (byte) 0xFE}, null, null, "t", 0, 0L);
        assertThat(binary.keyBase64).isTrue();
        assertThat(Base64.getDecoder().decode(binary.key)).containsExactly(0xFF, 0xFE);
        assertThat(binary.keyTruncated).isFalse();
        DeadLetter longKey = letters.reject(CAUSE, utf8("ab\u00e9cd"), null, null, "t", 0, 0L);
        assertThat(longKey.key).as("4 bytes: a, b, and the 2 bytes of e-acute").isEqualTo("ab\u00e9");
        assertThat(longKey.keyTruncated).isTrue();
        assertThat(longKey.payload).as("a tombstone has no payload").isNull();
        assertThat(longKey.originalSize).isNull();
        assertThat(longKey.payloadSha256).isNull();
    }

    @Test
    void errorsAreCappedWithAnEllipsis() {
        DeadLetters letters = deadLetters(new DeadLetterLimits(100, 100, 10));
        DeadLetter d = letters.reject(new DeadLetterCause(Reason.UNKNOWN_CLASS, "Class 'aaaaaaaaaaaa' is unknown"), null, null, null, "t", 0, 0L);
        assertThat(d.error).isEqualTo("Class '\u2026").hasSize(8);
        assertThat(d.error.getBytes(StandardCharsets.UTF_8)).hasSize(10);
    }

    @Test
    void renderedEventsAreCappedAndUnpairedSurrogatesBecomeReplacementCharacters() {
        DeadLetters letters = deadLetters(new DeadLetterLimits(30, 100, 100));
        ClassEvent e = ClassEvent.of("k\uD83E", 5L, "x".repeat(100), 1.0);
        e.topic = "classes";
        e.partition = 3;
        e.offset = 9L;
        DeadLetter d = letters.reject(new DeadLetterCause(Reason.EMPTY_CLASS_NAME, "m"), e, 5L);
        assertThat(d.key).isEqualTo("k\uFFFD");
        byte[] rendering = EventJson.of(ClassEvent.of("k\uFFFD", 5L, "x".repeat(100), 1.0)).getBytes(StandardCharsets.UTF_8);
        assertThat(d.originalSize).isEqualTo(rendering.length);
        assertThat(d.payloadSha256).isEqualTo(DeadLetters.sha256Hex(rendering));
        assertThat(d.payload).isEqualTo(new String(rendering, 0, 30, StandardCharsets.UTF_8));
        assertThat(d.payloadTruncated).isTrue();
        assertThat(d.topic).isEqualTo("classes");
        assertThat(d.offset).isEqualTo(9L);
    }

    @Test
    void countsEveryRejectionByReason() {
        DeadLetters letters = deadLetters(DeadLetterLimits.DEFAULT);
        letters.reject(CAUSE, null, new byte[0], null, "t", 0, 0L);
        letters.reject(new DeadLetterCause(Reason.NON_FINITE_SCORE, "NaN"), ScoreEvent.of("k", 1L, new String[] {"a"}, new double[] {Double.NaN}));
        assertThat(letters.total()).isEqualTo(2);
    }

    @Test
    void cappedLeavesAFittingLetterAloneAndCutsAnyOtherOne() {
        DeadLetter small = DeadLetter.of(Reason.INVALID_JSON, "e", "r", "k", 1L, "t", 0, 1L, "p");
        assertThat(DeadLetters.capped(small, DeadLetterLimits.DEFAULT)).isSameAs(small);

        String payload = "y".repeat(1000);
        DeadLetter big = DeadLetter.of(Reason.INVALID_JSON, "e".repeat(2000), "r".repeat(300), "k".repeat(2000), 1L, "t".repeat(300), 0, 1L, payload);
        DeadLetter c = DeadLetters.capped(big, new DeadLetterLimits(100, 10, 20));
        assertThat(c.payload).isEqualTo("y".repeat(100));
        assertThat(c.payloadTruncated).isTrue();
        assertThat(c.originalSize).isEqualTo(1000);
        assertThat(c.payloadSha256).isEqualTo(DeadLetters.sha256Hex(utf8(payload)));
        assertThat(c.key).hasSize(10);
        assertThat(c.keyTruncated).isTrue();
        assertThat(c.error).hasSize(18).endsWith("\u2026");
        assertThat(c.rejectedBy).hasSize(DeadLetterLimits.MAX_NAME_BYTES);
        assertThat(c.topic).hasSize(DeadLetterLimits.MAX_NAME_BYTES);
        assertThat(DeadLetters.capped(c, new DeadLetterLimits(100, 10, 20))).as("idempotent").isSameAs(c);
        assertThat(big.payload).as("the input is not changed").hasSize(1000);
    }

    @Test
    void cappedCutsBase64InWholeGroups() {
        byte[] bytes = new byte[30];
        Arrays.fill(bytes, (byte) 0xFE);
        DeadLetter d = DeadLetter.of(Reason.INVALID_UTF8, "e", "r", null, null, null, null, null, Base64.getEncoder().encodeToString(bytes));
        d.payloadBase64 = true;
        DeadLetter c = DeadLetters.capped(d, DeadLetterLimits.DEFAULT.withMaxPayloadBytes(10));
        assertThat(Base64.getDecoder().decode(c.payload)).isEqualTo(Arrays.copyOf(bytes, 9));
        assertThat(c.originalSize).isEqualTo(30);
        assertThat(c.payloadSha256).isEqualTo(DeadLetters.sha256Hex(bytes));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
