/**
 * Linking a destination account from the Web Console, without a terminal: a destination bundle registers a
 * {@link sns.core.api.login.DestinationLogin} service, and the console's login page drives it (ask for the fields,
 * send the owner to the service's authorization page, take the code back, store the resulting settings in the
 * destination instance's configuration). Mastodon (OAuth 2 with an out-of-band code) and Flickr (OAuth 1.0a with a
 * verifier) both fit this shape, so each bundle only speaks its own protocol; Nextcloud (Login Flow v2, polled) too,
 * with {@link sns.core.api.login.DestinationLogin#asksForCode()} false.
 */
@Export
@Version("1.0.0")
package sns.core.api.login;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
