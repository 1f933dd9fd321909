package sns.core.api.helper.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PartHeadersTest {

    @Test
    void nx300MessagePart() {
        PartHeaders h = PartHeaders.of("content-disposition: form-data; name=\"message\"; fileName=\"sample.txt\"",
                "content-Type: multipart/form-data;");
        assertEquals("message", h.name());
        assertEquals("sample.txt", h.fileName());
        assertEquals("multipart/form-data", h.contentType());
    }

    @Test
    void contentTypeIsReducedToTheMediaType() {
        assertEquals("image/jpeg", PartHeaders.of("Content-Type: image/jpeg;").contentType());
        assertEquals("image/jpeg", PartHeaders.of("Content-Type:  IMAGE/JPEG ; charset=x").contentType());
        assertEquals("image/pjpeg", PartHeaders.of("content-type: image/pjpeg").contentType());
        assertNull(PartHeaders.of("content-type: ;").contentType());
        assertNull(PartHeaders.of("content-type:").contentType());
        assertNull(PartHeaders.of("X-Other: 1").contentType());
    }

    @Test
    void firstOccurrenceWins() {
        PartHeaders h = PartHeaders.of("Content-Type: image/jpeg", "content-type: text/plain",
                "content-disposition: form-data; filename=\"first.jpg\"; fileName=\"second.jpg\"; name=a; name=b");
        assertEquals("image/jpeg", h.contentType());
        assertEquals("first.jpg", h.fileName());
        assertEquals("a", h.name());
    }

    @Test
    void linesWithoutColonAndStrayContinuationsAreIgnored() {
        PartHeaders h = PartHeaders.of("\tcontinuation of nothing", "garbage line",
                "content-disposition: form-data; name=binary");
        assertEquals("binary", h.name());
        assertEquals(1, h.all().size());
    }

    @Test
    void windowsPathKeepsItsBackslashes() {
        assertEquals("C:\\DCIM\\SAM_1.JPG",
                PartHeaders.of("content-disposition: form-data; name=binary; filename=\"C:\\DCIM\\SAM_1.JPG\"")
                        .fileName());
    }

    @Test
    void unterminatedQuoteTakesTheRest() {
        assertEquals("open.jpg", PartHeaders.of("content-disposition: form-data; filename=\"open.jpg").fileName());
    }

    @Test
    void emptyFileNameIsNotAbsent() {
        assertEquals("", PartHeaders.of("content-disposition: form-data; name=binary; filename=\"\"").fileName());
        assertNull(PartHeaders.of("content-disposition: form-data; name=binary").fileName());
        assertEquals("", PartHeaders.of("content-type: image/jpeg").name());
    }
}
