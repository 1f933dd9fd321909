package sns.flickr.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps one instance within Flickr's per-key request budget (3600 calls an hour, documented in the API terms):
 * a token bucket holding an hour's budget, refilled continuously. The bridge sends a few calls per photo, so the
 * limit only matters for a camera emptying hundreds of photos at once; the outbox then waits instead of the key
 * being throttled or suspended.
 */
final class RateLimiter {

    private final double capacity;
    private final double perNano;
    private final LongSupplier nanos;
    private double tokens;
    private long last;

    RateLimiter(long requestsPerHour, LongSupplier nanos) {
        if (requestsPerHour < 1) {
            throw new IllegalArgumentException("flickr: requestsPerHour must be at least 1");
        }
        this.capacity = requestsPerHour;
        this.perNano = requestsPerHour / (double) Duration.ofHours(1).toNanos();
        this.nanos = nanos;
        this.tokens = capacity;
        this.last = nanos.getAsLong();
    }

    /**
     * Takes one request from the budget.
     *
     * @return zero when the request may go now; else how long until it may (nothing was taken)
     */
    synchronized Duration take() {
        long now = nanos.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
    }
}
