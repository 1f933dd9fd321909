package sns.core.api.helper.text;

/**
 * Turns the bytes a camera sends as "text" into a Java string without ever failing.
 *
 * <p>The cameras declare UTF-8 (the e-mail XML says {@code encoding="UTF-8"}), but their firmwares build the text
 * from string templates and from whatever the user typed, and localized firmwares may put ISO-8859-1 bytes into a
 * "UTF-8" document (docs/protocol.md §9.1; {@code fixtures/35} has a UTF-8 title next to an ISO-8859-1 body). Neither a
 * strict decoder (which would reject the request) nor replacement with U+FFFD (which would turn "Köln" into
 * "K\uFFFDln" in the mail the user sends to friends) serves the user. So the rule is, byte by byte:
 *
 * <ul>
 *   <li>every byte sequence that is well-formed UTF-8 (shortest form, no surrogates, at most U+10FFFF) is decoded as
 *       UTF-8;</li>
 *   <li>every other byte is taken as ISO-8859-1, i.e. as the code point of the same value.</li>
 * </ul>
 *
 * <p>This decodes pure UTF-8 exactly like a standard decoder, pure ISO-8859-1 text almost always correctly (Latin-1
 * letters followed by the right continuation bytes are rare in real text), and mixed documents field by field. ASCII
 * markup is never affected, so positions of {@code <}, {@code >} and quotes found in the decoded string are those
 * of the original document.
 */
public final class CameraText {

    private CameraText() {
    }

    /** Decodes all of {@code bytes}; see the class comment for the rule. */
    public static String decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code length} bytes of {@code bytes} starting at {@code offset}; see the class comment. */
    public static String decode(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + bytes.length);
        }
        StringBuilder out = new StringBuilder(length);
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                out.append((char) b);
                i++;
                continue;
            }
            int sequence = utf8SequenceLength(bytes, i, end);
            if (sequence == 0) {
                // Not UTF-8: an ISO-8859-1 byte from a localized firmware.
                out.append((char) b);
                i++;
            } else {
                out.appendCodePoint(codePoint(bytes, i, sequence));
                i += sequence;
            }
        }
        return out.toString();
    }

    /** Length of the well-formed UTF-8 sequence starting at {@code i}, or 0 if there is none (RFC 3629 table). */
    private static int utf8SequenceLength(byte[] bytes, int i, int end) {
        int b0 = bytes[i] & 0xFF;
        int length;
        int secondMin = 0x80;
        int secondMax = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            length = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            length = 3;
            if (b0 == 0xE0) {
                secondMin = 0xA0; // no overlong forms
            } else if (b0 == 0xED) {
                secondMax = 0x9F; // no UTF-16 surrogates
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            length = 4;
            if (b0 == 0xF0) {
                secondMin = 0x90; // no overlong forms
            } else if (b0 == 0xF4) {
                secondMax = 0x8F; // nothing above U+10FFFF
            }
        } else {
            return 0; // 0x80..0xC1 and 0xF5..0xFF never start a sequence
        }
        if (end - i < length) {
            return 0;
        }
        int b1 = bytes[i + 1] & 0xFF;
        if (b1 < secondMin || b1 > secondMax) {
            return 0;
        }
        for (int k = 2; k < length; k++) {
            int bk = bytes[i + k] & 0xFF;
            if (bk < 0x80 || bk > 0xBF) {
                return 0;
            }
        }
        return length;
    }

    private static int codePoint(byte[] bytes, int i, int length) {
        int b0 = bytes[i] & 0xFF;
        int cp = length == 2 ? b0 & 0x1F : length == 3 ? b0 & 0x0F : b0 & 0x07;
        for (int k = 1; k < length; k++) {
            cp = (cp << 6) | (bytes[i + k] & 0x3F);
        }
        return cp;
    }
}
