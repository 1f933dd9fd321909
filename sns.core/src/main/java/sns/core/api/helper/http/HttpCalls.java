package sns.core.api.helper.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import sns.core.api.PublishException;

/**
 * The one way destination bundles call a web API: one {@link HttpClient} set-up (30 s to connect, redirects not
 * followed, so a token is never sent to another host) and one mapping of HTTP answers to the outbox's terms.
 *
 * <table>
 * <caption>HTTP status to {@link PublishException}</caption>
 * <tr><th>Answer</th><th>Exception</th></tr>
 * <tr><td>network error, timeout</td><td>retryable</td></tr>
 * <tr><td>429</td><td>retryable, not before {@code Retry-After} when the server sends it</td></tr>
 * <tr><td>408, 5xx</td><td>retryable</td></tr>
 * <tr><td>401, 403</td><td>permanent; the message asks for a new login</td></tr>
 * <tr><td>any other non-2xx</td><td>permanent</td></tr>
 * </table>
 *
 * <p>Every message starts with the destination's name and says what was being done; the caller's {@code detail}
 * (the server's own error text) must not contain a secret. Thread-safe: one per publisher.
 */
public final class HttpCalls {

    /** How long a TCP/TLS connection may take: an LTE uplink can be slow, but not slower than this. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final String destination;
    private final Clock clock;
    private final HttpClient client;

    /**
     * @param destination the name messages start with ({@code mastodon})
     * @param clock the clock {@code Retry-After} dates are read against
     */
    public HttpCalls(String destination, Clock clock) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = newClient();
    }

    /** The client set-up every destination shares: {@link #CONNECT_TIMEOUT}, no redirects. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The client, for calls whose failures are not publication failures (a health check). */
    public HttpClient client() {
        return client;
    }

    /**
     * Sends {@code request}; any answer is returned as it is.
     *
     * @param what what is being done, for the message ({@code uploading SAM_0001.JPG})
     * @throws PublishException retryable, on a network error, a timeout or an interrupt
     */
    public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> body, String what) throws PublishException {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw PublishException.retryable(destination + ": network error while " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PublishException.retryable(destination + ": interrupted while " + what, e);
        }
    }

    /**
     * Returns a 2xx answer; throws the mapped exception for any other.
     *
     * @param detail the server's error text as {@code ": text"}, or empty
     */
    public <T> HttpResponse<T> checked(HttpResponse<T> response, String what, String detail)
            throws PublishException {
        if (isSuccess(response.statusCode())) {
            return response;
        }
        throw failure(response, what, detail);
    }

    /** The exception for a non-2xx {@code response} (see the table above). */
    public PublishException failure(HttpResponse<?> response, String what, String detail) {
        int code = response.statusCode();
        String message = destination + ": HTTP " + code + " while " + what + (detail == null ? "" : detail);
        if (code == 429) {
            Duration wait = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock)
                    .orElse(null);
            return new PublishException(message, true, wait, null);
        }
        if (isRetryable(code)) {
            return PublishException.retryable(message, null);
        }
        if (code == 401 || code == 403) {
            return PublishException.permanent(message + " (credentials refused: log in again on the Destination"
                    + " login page)", null);
        }
        return PublishException.permanent(message, null);
    }

    /** Whether {@code status} is a 2xx success. */
    public static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** Whether trying again later can help after {@code status}: 408, 429 and every 5xx. */
    public static boolean isRetryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }
}
