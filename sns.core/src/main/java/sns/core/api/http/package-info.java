/**
 * Small HTTP helpers every destination bundle that talks to a web API needs, so that none copies them: a
 * multipart/form-data body that streams its files from disk ({@link sns.core.api.http.MultipartForm}) and the
 * reading of an HTTP {@code Retry-After} header ({@link sns.core.api.http.RetryAfter}). Both work with
 * {@code java.net.http}.
 */
@Export
@Version("1.0.0")
package sns.core.api.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
