/**
 * Helpers, not contracts: what every destination bundle that talks to a web API needs, so that none copies it.
 * {@link sns.core.api.helper.http.HttpCalls} is the one HTTP client set-up and the one mapping of HTTP answers to
 * {@link sns.core.api.PublishException} (429 with {@code Retry-After}, 408/5xx retryable, 401/403 and other 4xx
 * permanent); {@link sns.core.api.helper.http.MultipartForm} a multipart/form-data body that streams its files
 * from disk; {@link sns.core.api.helper.http.RetryAfter} the reading of an HTTP {@code Retry-After} header. All
 * work with {@code java.net.http}.
 */
@Export
@Version("1.0.0")
package sns.core.api.helper.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
