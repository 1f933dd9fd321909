/**
 * The publisher contract of SNS Bridge: what a destination bundle implements and what it receives.
 *
 * <p>A destination (e-mail, Mastodon, Flickr, a folder, a command, ...) is an OSGi service implementing
 * {@link sns.core.api.Publisher}, registered with the service properties {@value sns.core.api.Publisher#NAME}
 * and, for a named instance, {@value sns.core.api.Publisher#INSTANCE}. The bridge hands it one immutable
 * {@link sns.core.api.Post} at a time, whose media are files on disk, and expects a {@link sns.core.api.Receipt}
 * or a {@link sns.core.api.PublishException} that says whether a retry can help. {@link sns.core.api.BridgeHome}
 * tells every bundle where the bridge keeps its files. PUBLISHER.md in the workspace root documents the rules.
 */
@Export
@Version("1.1.0")
package sns.core.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
