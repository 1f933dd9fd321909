package sns.core.api.helper.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpHelpersTest {

    @TempDir
    Path dir;

    @Test
    void multipartFormHasFieldsFileAndClosingBoundaryWithAKnownLength() throws Exception {
        Path file = Files.write(dir.resolve("a.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 0, 1});
        MultipartForm form = new MultipartForm().field("title", "Sonne ☀").field("na\"me", "x")
                .file("photo", "SAM\r\n.JPG", "image/jpeg", file);
        assertTrue(form.contentType().equals("multipart/form-data; boundary=" + form.boundary()));
        BodyPublisher publisher = form.publisher();
        byte[] body = drain(publisher);
        assertEquals(body.length, publisher.contentLength());
        String b = form.boundary();
        String expected = "--" + b + "\r\nContent-Disposition: form-data; name=\"title\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nSonne ☀\r\n"
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"na_me\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nx\r\n"
                + "--" + b + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"SAM__.JPG\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        byte[] head = expected.getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(head);
        want.writeBytes(Files.readAllBytes(file));
        want.writeBytes(tail);
        assertEquals(new String(want.toByteArray(), StandardCharsets.ISO_8859_1),
                new String(body, StandardCharsets.ISO_8859_1));
        assertThrows(FileNotFoundException.class, () -> new MultipartForm().file("f", "x", "image/jpeg",
                dir.resolve("missing")));
    }

    @Test
    void retryAfterReadsSecondsAndDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse(" 120 ", clock));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Wed, 25 Nov 2026 10:01:30 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Wed, 25 Nov 2026 09:00:00 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("-5", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
        assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
    }

    private static byte[] drain(BodyPublisher publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get();
        return out.toByteArray();
    }
}
