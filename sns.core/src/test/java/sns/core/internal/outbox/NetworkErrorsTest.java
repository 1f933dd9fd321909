package sns.core.internal.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

import org.junit.jupiter.api.Test;

import sns.core.api.PublishException;

class NetworkErrorsTest {

    @Test
    void theUplinkIsDownWhenTheDestinationCouldNotBeReachedAtAll() {
        assertTrue(NetworkErrors.isNetworkError(new UnknownHostException("mastodon.social")));
        assertTrue(NetworkErrors.isNetworkError(PublishException.retryable("upload failed",
                new NoRouteToHostException("No route to host"))));
        assertTrue(NetworkErrors.isNetworkError(PublishException.retryable("smtp", new IOException("wrapped",
                new ConnectException("Connection refused")))));
        assertTrue(NetworkErrors.isNetworkError(PublishException.retryable("flickr",
                new HttpConnectTimeoutException("HTTP connect timed out"))));
    }

    @Test
    void theDestinationFailedWhenItWasReached() {
        assertFalse(NetworkErrors.isNetworkError(PublishException.retryable("503 Service Unavailable", null)));
        // a read timeout: the request may have arrived; the destination is slow, not the uplink down
        assertFalse(NetworkErrors.isNetworkError(PublishException.retryable("no answer",
                new SocketTimeoutException("Read timed out"))));
        assertFalse(NetworkErrors.isNetworkError(PublishException.retryable("Connection refused (in the text only)",
                new IOException("UnknownHostException: mentioned, not thrown"))));
    }

    @Test
    void aCauseCycleEnds() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);
        assertFalse(NetworkErrors.isNetworkError(a));
    }
}
