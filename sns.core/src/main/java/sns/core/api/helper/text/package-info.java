/**
 * Helpers, not contracts, for the text the bridge reads and writes: the camera's text as the bridge reads it
 * ({@link sns.core.api.helper.text.CameraText}), the one escaper for what the bridge writes into HTML and XML
 * ({@link sns.core.api.helper.text.Markup}), shared by the camera replies ({@code sns.http}) and the console pages
 * ({@code sns.console}), and how a destination lays out a post's text the way the reference server did
 * (docs/protocol.md §10.1: the camera's text, the camera line and the owner's postscript,
 * {@link sns.core.api.helper.text.PostLayout}), shared by the Mastodon and Bluesky destinations so a post reads the
 * same on both.
 */
@Export
@Version("1.0.0")
package sns.core.api.helper.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
