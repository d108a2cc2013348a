package org.infoprob.internal;

import org.apache.flink.annotation.Internal;

/**
 * Strict UTF-8 validation (RFC 3629: shortest form, no surrogates, at most U+10FFFF) without
 * allocation, so that a payload with broken bytes is rejected as {@code INVALID_UTF8} rather
 * than as a confusing JSON error, and never decoded into replacement characters; the check for
 * unpaired surrogates in Java strings (which JSON escapes such as <code>&#92;ud83e</code> produce); and
 * cutting text to a byte budget at a character boundary, for the caps of dead letters.
 *
 * <pre>{@code
 * Utf8.firstInvalid(new byte[] {'a', (byte) 0xFF});      // 1
 * Utf8.firstUnpairedSurrogate("a" + (char) 0xD83E);     // 1
 * Utf8.prefix("caf" + (char) 0xE9, 4);                  // "caf": the 2-byte e-acute does not fit
 * }</pre>
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

    /**
     * The length of the longest prefix of {@code utf8} (valid UTF-8) of at most {@code maxBytes}
     * bytes that ends on a character boundary.
     */
    public static int prefixLength(byte[] utf8, int maxBytes) {
        if (utf8.length <= maxBytes) {
            return utf8.length;
        }
        int n = maxBytes;
        // Back off the continuation bytes (10xxxxxx) of the character that does not fit.
        while (n > 0 && (utf8[n] & 0xC0) == 0x80) {
            n--;
        }
        return n;
    }

    /** The index of the first unpaired surrogate in {@code s}, or -1 if it is valid Unicode. */
    public static int firstUnpairedSurrogate(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The index (from {@code offset}) of the first unpaired surrogate in {@code chars[offset,
     * offset + length)}, or -1; for Jackson's text buffers, without making a string.
     */
    public static int firstUnpairedSurrogate(char[] chars, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                    i++;
                } else {
                    return i - offset;
                }
            }
        }
        return -1;
    }

    /** {@code s} with every unpaired surrogate replaced by U+FFFD; {@code s} itself if it has none. */
    public static String wellFormed(String s) {
        int bad = firstUnpairedSurrogate(s);
        if (bad < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, bad);
        for (int i = bad; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /**
     * The longest prefix of {@code s} whose UTF-8 encoding has at most {@code maxBytes} bytes,
     * never ending inside a surrogate pair; {@code s} itself when it fits. An unpaired surrogate
     * counts 3 bytes, as the U+FFFD that {@link #wellFormed} puts in its place.
     */
    public static String prefix(String s, int maxBytes) {
        int bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int width;
            int chars = 1;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                width = 4;
                chars = 2;
            } else {
                width = 3;
            }
            if (bytes + width > maxBytes) {
                return s.substring(0, i);
            }
            bytes += width;
            i += chars - 1;
        }
        return s;
    }
}
