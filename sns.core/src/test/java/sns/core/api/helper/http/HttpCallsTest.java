package sns.core.api.helper.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import sns.core.api.PublishException;

/** Against a real local HTTP server: each status the table of {@link HttpCalls} names. */
class HttpCallsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    private final HttpCalls calls = new HttpCalls("demo", clock);
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int status = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
            if (status == 429) {
                exchange.getResponseHeaders().add("Retry-After", "120");
            }
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "http://example.invalid/");
            }
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HttpResponse<String> get(int status) throws PublishException {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + status);
        return calls.send(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofString(), "testing");
    }

    private PublishException failing(int status) throws PublishException {
        HttpResponse<String> response = get(status);
        return assertThrows(PublishException.class, () -> calls.checked(response, "testing", ": server says no"));
    }

    @Test
    void twoHundredsPass() throws Exception {
        assertEquals("{}", calls.checked(get(200), "testing", "").body());
        assertEquals(202, calls.checked(get(202), "testing", "").statusCode());
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() throws Exception {
        PublishException e = failing(429);
        assertTrue(e.isRetryable());
        assertEquals(Optional.of(Duration.ofSeconds(120)), e.retryAfter());
        assertEquals("demo: HTTP 429 while testing: server says no", e.getMessage());
    }

    @Test
    void serverErrorsAndTimeoutsAreRetryable() throws Exception {
        for (int status : new int[] {500, 502, 503, 408}) {
            PublishException e = failing(status);
            assertTrue(e.isRetryable(), "HTTP " + status);
            assertEquals(Optional.empty(), e.retryAfter());
        }
    }

    @Test
    void refusedCredentialsArePermanentAndAskForALogin() throws Exception {
        for (int status : new int[] {401, 403}) {
            PublishException e = failing(status);
            assertFalse(e.isRetryable(), "HTTP " + status);
            assertTrue(e.getMessage().contains("log in again"), e.getMessage());
        }
    }

    @Test
    void otherClientErrorsAndRedirectsArePermanent() throws Exception {
        for (int status : new int[] {400, 404, 413, 422, 302}) {
            PublishException e = failing(status);
            assertFalse(e.isRetryable(), "HTTP " + status);
            assertFalse(e.getMessage().contains("log in again"), e.getMessage());
        }
    }

    @Test
    void networkErrorsAreRetryable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + closed + "/");
        PublishException e = assertThrows(PublishException.class,
                () -> calls.send(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofString(), "testing"));
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().startsWith("demo: network error while testing"), e.getMessage());
    }
}
