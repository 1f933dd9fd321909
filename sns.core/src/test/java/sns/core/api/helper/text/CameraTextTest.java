package sns.core.api.helper.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CameraTextTest {

    private static byte[] b(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void validUtf8IsDecodedAsUtf8() {
        String text = "Gr\u00fc\u00dfe \u20ac \ud83d\udcf7 \uc0bc\uc131";
        assertEquals(text, CameraText.decode(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void iso88591BytesFallBackToLatin1() {
        byte[] latin1 = "Sch\u00f6ne Gr\u00fc\u00dfe aus K\u00f6ln".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Sch\u00f6ne Gr\u00fc\u00dfe aus K\u00f6ln", CameraText.decode(latin1));
    }

    @Test
    void mixedDocumentDecodesFieldByField() {
        byte[] mixed = new java.io.ByteArrayOutputStream() {
            {
                writeBytes("<title>Gr\u00fc\u00dfe</title>".getBytes(StandardCharsets.UTF_8));
                writeBytes("<body>K\u00f6ln</body>".getBytes(StandardCharsets.ISO_8859_1));
            }
        }.toByteArray();
        assertEquals("<title>Gr\u00fc\u00dfe</title><body>K\u00f6ln</body>", CameraText.decode(mixed));
    }

    @Test
    void malformedSequencesAreLatin1ByteByByte() {
        assertEquals("\u00c0\u00af", CameraText.decode(b(0xC0, 0xAF)), "overlong '/'");
        assertEquals("\u00e0\u0080\u00af", CameraText.decode(b(0xE0, 0x80, 0xAF)), "overlong 3-byte");
        assertEquals("\u00ed\u00a0\u0080", CameraText.decode(b(0xED, 0xA0, 0x80)), "UTF-16 surrogate");
        assertEquals("\u00f4\u0090\u0080\u0080", CameraText.decode(b(0xF4, 0x90, 0x80, 0x80)), "above U+10FFFF");
        assertEquals("\u00f5", CameraText.decode(b(0xF5)));
        assertEquals("\u0080", CameraText.decode(b(0x80)), "lone continuation byte");
        assertEquals("\u00c3", CameraText.decode(b(0xC3)), "sequence cut by the end");
        assertEquals("\u00c3A", CameraText.decode(b(0xC3, 'A')), "sequence cut by ASCII");
        assertEquals("\u00e2\u0082", CameraText.decode(b(0xE2, 0x82)), "3-byte sequence cut by the end");
    }

    @Test
    void boundarySequencesAreUtf8() {
        assertEquals("\u0080", CameraText.decode(b(0xC2, 0x80)));
        assertEquals("\u0800", CameraText.decode(b(0xE0, 0xA0, 0x80)));
        assertEquals("\ud7ff", CameraText.decode(b(0xED, 0x9F, 0xBF)));
        assertEquals("\uffff", CameraText.decode(b(0xEF, 0xBF, 0xBF)));
        assertEquals(new String(Character.toChars(0x10000)), CameraText.decode(b(0xF0, 0x90, 0x80, 0x80)));
        assertEquals(new String(Character.toChars(0x10FFFF)), CameraText.decode(b(0xF4, 0x8F, 0xBF, 0xBF)));
    }

    @Test
    void rangeIsRespected() {
        byte[] bytes = "xx\u00fcyy".getBytes(StandardCharsets.UTF_8);
        assertEquals("\u00fc", CameraText.decode(bytes, 2, 2));
        assertEquals("\u00c3", CameraText.decode(bytes, 2, 1), "a range that cuts a sequence");
        assertEquals("", CameraText.decode(bytes, 6, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> CameraText.decode(bytes, 5, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> CameraText.decode(bytes, -1, 1));
    }
}
