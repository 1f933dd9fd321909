package sns.core.api.helper.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MultipartBoundaryTest {

    private static final String B = "---------------------------7d93b9550d4a";

    @Test
    void nx300ContentType() throws Exception {
        assertEquals(B, MultipartBoundary.fromContentType("multipart/form-data; boundary=" + B));
    }

    @Test
    void quotedBoundary() throws Exception {
        assertEquals(B, MultipartBoundary.fromContentType("multipart/form-data; boundary=\"" + B + "\""));
        assertEquals("a;b c", MultipartBoundary.fromContentType("multipart/form-data; boundary=\"a;b c\"; x=y"));
    }

    @Test
    void caseOfTypeAndParameterName() throws Exception {
        assertEquals(B, MultipartBoundary.fromContentType("Multipart/Form-Data; BOUNDARY=" + B));
    }

    @Test
    void trailingSemicolonSpacesAndOtherParameters() throws Exception {
        assertEquals(B, MultipartBoundary.fromContentType("multipart/form-data; boundary=" + B + ";"));
        assertEquals(B, MultipartBoundary.fromContentType("multipart/form-data;boundary = " + B + " ; charset=utf-8"));
        assertEquals(B, MultipartBoundary.fromContentType("multipart/form-data; charset=\"x;y\"; boundary=" + B));
        assertEquals(B, MultipartBoundary.fromContentType("multipart/form-data;; flag; boundary=" + B));
    }

    private static void assertRefused(String contentType) {
        MalformedMultipartException e = assertThrows(MalformedMultipartException.class,
                () -> MultipartBoundary.fromContentType(contentType), contentType);
        assertEquals(MalformedMultipartException.Problem.NO_BOUNDARY, e.problem());
    }

    @Test
    void unusableContentTypesAreRefused() {
        assertRefused(null);
        assertRefused("");
        assertRefused("text/xml");
        assertRefused("application/x-www-form-urlencoded; boundary=" + B);
        assertRefused("multipart/form-data");
        assertRefused("multipart/form-data;");
        assertRefused("multipart/form-data; boundary=");
        assertRefused("multipart/form-data; boundary=\"\"");
        assertRefused("multipart/form-data; boundary=" + "x".repeat(MultipartBoundary.MAX_LENGTH + 1));
        assertRefused("multipart/form-data; boundary=a\u0001b");
        assertRefused("multipart/form-data; boundary=caf\u00e9");
        assertRefused("multipart/form-data; notboundary=" + B);
    }
}
