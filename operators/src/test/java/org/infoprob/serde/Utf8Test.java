package org.infoprob.serde;

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
