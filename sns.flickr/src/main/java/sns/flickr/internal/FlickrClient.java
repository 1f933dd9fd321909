package sns.flickr.internal;

import java.io.FileNotFoundException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import sns.core.api.Media;
import sns.core.api.PublishException;
import sns.core.api.helper.http.HttpCalls;
import sns.core.api.helper.http.MultipartForm;
import sns.flickr.internal.OAuth1Signer.Param;

/**
 * Signed calls to Flickr: the upload endpoint (multipart, the photo streamed from disk and left out of the
 * signature, as upload.api.html says) and REST methods (form-encoded POST, answers in the XML {@code rest} format).
 * Every call passes the instance's {@link RateLimiter}; every failure becomes a {@link PublishException} that says
 * whether the outbox should retry. No message contains a secret.
 */
final class FlickrClient {

    /** A call waits this long at most for the rate limiter; a longer wait is handed to the outbox. */
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final FlickrSettings options;
    private final OAuth1Signer signer;
    private final RateLimiter limiter;
    private final HttpCalls http;

    FlickrClient(FlickrSettings options, OAuth1Signer signer, RateLimiter limiter, Clock clock) {
        this.options = options;
        this.signer = signer;
        this.limiter = limiter;
        this.http = new HttpCalls("flickr", clock);
    }

    /**
     * Uploads one photo or video with its fields.
     *
     * @return the new photo's id
     */
    String upload(List<Param> fields, Media medium) throws PublishException {
        String what = "uploading " + medium.name();
        MultipartForm form = new MultipartForm();
        for (Param p : fields) {
            form.field(p.name(), p.value());
        }
        try {
            form.file("photo", medium.name(), medium.contentType(), medium.file());
        } catch (FileNotFoundException e) {
            throw PublishException.permanent("flickr: cannot read " + medium.name() + ": " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(options.uploadUrl()).timeout(options.timeout())
                .header("Authorization", signer.authorization("POST", options.uploadUrl(), fields, Map.of()))
                .header("Content-Type", form.contentType())
                .POST(form.publisher()).build();
        FlickrAnswer answer = send(request, what);
        String id = answer.text("photoid");
        if (id.isEmpty()) {
            throw PublishException.retryable("flickr: Flickr gave no photo id for " + medium.name(), null);
        }
        return id;
    }

    /** Calls REST method {@code method} with {@code params}; returns the {@code stat="ok"} answer. */
    FlickrAnswer call(String method, List<Param> params, String what) throws PublishException {
        List<Param> all = new ArrayList<>();
        all.add(new Param("method", method));
        all.addAll(params);
        URI uri = options.restUrl();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(options.timeout())
                .header("Authorization", signer.authorization("POST", uri, all, Map.of()))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(BodyPublishers.ofString(OAuth1Signer.form(all), StandardCharsets.UTF_8)).build();
        return send(request, what);
    }

    /** Like {@link #call}, but a failure answer is returned for the caller to read its code. */
    FlickrAnswer callAllowingFailure(String method, List<Param> params, String what) throws PublishException {
        try {
            return call(method, params, what);
        } catch (FlickrFailure f) {
            return f.answer;
        }
    }

    /** A {@code stat="fail"} answer, kept so a caller can treat some codes as success (photo already in album). */
    static final class FlickrFailure extends PublishException {
        private static final long serialVersionUID = 1L;
        final transient FlickrAnswer answer;

        FlickrFailure(PublishException mapped, FlickrAnswer answer) {
            super(mapped.getMessage(), mapped.isRetryable(), mapped.retryAfter().orElse(null), null);
            this.answer = answer;
        }
    }

    private FlickrAnswer send(HttpRequest request, String what) throws PublishException {
        pace(what);
        HttpResponse<String> response = http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8), what);
        if (HttpCalls.isRetryable(response.statusCode())) {
            throw http.failure(response, what, "");
        }
        FlickrAnswer answer;
        try {
            answer = FlickrAnswer.parse(response.body());
        } catch (IllegalArgumentException e) {
            if (response.statusCode() != 200) {
                throw http.failure(response, what, "");
            }
            throw PublishException.retryable("flickr: unexpected answer while " + what + " (" + e.getMessage() + ")",
                    null);
        }
        if (!answer.ok()) {
            throw new FlickrFailure(FlickrErrors.of(answer.errorCode(), answer.errorMessage(), what), answer);
        }
        return answer;
    }

    /** Waits briefly for the rate limiter, or hands a longer wait to the outbox. */
    private void pace(String what) throws PublishException {
        Duration wait = limiter.take();
        while (!wait.isZero()) {
            if (wait.compareTo(MAX_WAIT) > 0) {
                throw PublishException.retryLater("flickr: the hourly request budget of the API key is used up; "
                        + "waiting before " + what, wait);
            }
            try {
                Thread.sleep(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PublishException.retryable("flickr: interrupted while " + what, e);
            }
            wait = limiter.take();
        }
    }
}
