package sns.core.internal.outbox;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a failure of the stick's own uplink from a failure of the destination, by the exception types the JDK
 * throws before any byte reached the destination: no route, no DNS answer, connection refused, connection timed
 * out. Publishers wrap these into their {@code PublishException} as its cause (Angus Mail's
 * {@code MailConnectException} too), so the cause chain is searched. A timeout while waiting for an answer is not
 * among them: the destination may have received the request and be slow, which is its own failure.
 */
final class NetworkErrors {

    private NetworkErrors() {
    }

    /** Whether {@code failure} or one of its causes says the destination could not be reached at all. */
    static boolean isNetworkError(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof ConnectException || t instanceof PortUnreachableException
                    || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
