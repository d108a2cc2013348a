package org.infoprob.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Test {

    @Test
    void acceptsValidTextInEveryLength() {
        String text = "{\"class\":\"caf\u00e9 \u20ac \uD83D\uDE00 ascii\"}";
        assertThat(Utf8.firstInvalid(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void findsTheFirstBadByte() {
        assertThat(Utf8.firstInvalid(new byte[] {'a', (byte) 0xFF, 'b'})).isEqualTo(1);
        // overlong encoding of '/' (C0 AF), a lone surrogate (ED A0 80), truncated 3-byte sequence
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xC0, (byte) 0xAF})).isEqualTo(0);
        assertThat(Utf8.firstInvalid(new byte[] {'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80})).isEqualTo(1);
        assertThat(Utf8.firstInvalid(new byte[] {'x', 'y', (byte) 0xE2, (byte) 0x82})).isEqualTo(2);
        // above U+10FFFF: F4 90 80 80
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isEqualTo(0);
    }

    @Test
    void agreesWithTheJdkStrictDecoderOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(14);
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextBoolean() ? random.nextInt(128) : 0x80 + random.nextInt(128));
            }
            assertThat(Utf8.firstInvalid(bytes) == -1).as("bytes %s", java.util.Arrays.toString(bytes)).isEqualTo(jdkAccepts(bytes));
        }
    }

    @Test
    void prefixLengthNeverSplitsASequence() {
        // a (1 byte) e-acute (C3 A9) euro (E2 82 AC) grinning face (F0 9F 98 80)
        byte[] text = "a\u00e9\u20ac\uD83D\uDE00".getBytes(StandardCharsets.UTF_8);
        int[] expected = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 10};
        for (int max = 0; max < expected.length; max++) {
            assertThat(Utf8.prefixLength(text, max)).as("max %d", max).isEqualTo(expected[max]);
        }
    }

    @Test
    void findsUnpairedSurrogatesButNotPairs() {
        assertThat(Utf8.firstUnpairedSurrogate("ok \uD83D\uDE00")).isEqualTo(-1);
        assertThat(Utf8.firstUnpairedSurrogate("a\uD83E")).isEqualTo(1);
        assertThat(Utf8.firstUnpairedSurrogate("\uDE00\uD83D")).as("reversed pair").isEqualTo(0);
        assertThat(Utf8.firstUnpairedSurrogate("ab\uD83Dc")).isEqualTo(2);
        char[] buffer = "xx\uD83D\uDE00\uDC00".toCharArray();
        assertThat(Utf8.firstUnpairedSurrogate(buffer, 2, 2)).isEqualTo(-1);
        assertThat(Utf8.firstUnpairedSurrogate(buffer, 2, 3)).isEqualTo(2);
        assertThat(Utf8.firstUnpairedSurrogate(buffer, 2, 1)).as("a pair cut by the range").isEqualTo(0);
    }

    @Test
    void wellFormedReplacesOnlyUnpairedSurrogates() {
        String ok = "ok \uD83D\uDE00";
        assertThat(Utf8.wellFormed(ok)).isSameAs(ok);
        assertThat(Utf8.wellFormed("\uDE00a\uD83D\uDE00\uD83D")).isEqualTo("\uFFFDa\uD83D\uDE00\uFFFD");
    }

    @Test
    void prefixCutsToUtf8BytesAtCharacterBoundaries() {
        String s = "a\u00e9\u20ac\uD83D\uDE00";
        assertThat(Utf8.prefix(s, 100)).isSameAs(s);
        assertThat(Utf8.prefix(s, 0)).isEmpty();
        assertThat(Utf8.prefix(s, 2)).isEqualTo("a");
        assertThat(Utf8.prefix(s, 3)).isEqualTo("a\u00e9");
        assertThat(Utf8.prefix(s, 6)).isEqualTo("a\u00e9\u20ac");
        assertThat(Utf8.prefix(s, 9)).as("the pair needs 4 bytes").isEqualTo("a\u00e9\u20ac");
        assertThat(Utf8.prefix(s, 10)).isEqualTo(s);
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(10); i > 0; i--) {
                b.appendCodePoint(random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0x100000) : 1 + random.nextInt(0xD7FF));
            }
            String text = b.toString();
            int max = random.nextInt(30);
            String cut = Utf8.prefix(text, max);
            assertThat(text).startsWith(cut);
            assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(max);
            assertThat(Utf8.firstUnpairedSurrogate(cut)).isEqualTo(-1);
            if (cut.length() < text.length()) {
                assertThat(text.substring(0, cut.length() + Character.charCount(text.codePointAt(cut.length())))
                                .getBytes(StandardCharsets.UTF_8).length)
                        .as("the next character would not fit")
                        .isGreaterThan(max);
            }
        }
    }

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
