package org.infoprob.serde;

import org.apache.flink.annotation.Internal;

/**
 * Strict UTF-8 validation (RFC 3629: shortest form, no surrogates, at most U+10FFFF) without
 * allocation, so that a payload with broken bytes is rejected as {@code INVALID_UTF8} rather
 * than as a confusing JSON error, and never decoded into replacement characters.
 */
@Internal
public final class Utf8 {

    private Utf8() {}

    /** Returns the index of the first byte that is not valid UTF-8, or -1 if all are valid. */
    public static int firstInvalid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int length;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + length > n) {
                return i;
            }
            int cp = b & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += length;
        }
        return -1;
    }
}
